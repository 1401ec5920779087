package io.jnatsd.tests.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.JnatsdServer;
import io.jnatsd.JnatsdSupercluster;
import io.jnatsd.tests.cluster.SeededCluster;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.config.ServerOptions;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connect and disconnect advisories are built only when their subject has interest (issue 14: the
 * garbage of advisories nobody receives filled the young generation at every connect). These
 * tests fail if that check misses interest that nats-server would deliver to: a subscriber on
 * another server of the cluster, across a gateway, on a leaf node bound to the system account,
 * a queue subscriber, and a subscriber that arrives after the client connected. They also pin
 * nats-server's rule that clients of the global account are not announced, and that an advisory
 * without interest is not built at all (it takes no sequence number).
 */
class ConnectionAdvisoryInterestTest {
    private static final String ACCOUNTS = """
            accounts {
              SYS { users [ {user: sys, password: sys} ] }
              APP { users [ {user: app, password: app} ] }
            }
            system_account: SYS
            """;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aLiteralAndAQueueSubscriberOnAnotherServerOfTheClusterReceiveTheAdvisories() throws Exception {
        Path conf = dir.resolve("sys.conf");
        Files.writeString(conf, ACCOUNTS);
        ServerOptions options = ConfigLoader.load(conf);
        try (SeededCluster cluster = SeededCluster.start(2, () -> options.toBuilder().host("127.0.0.1").port(-1));
             Connection system = connect(cluster.get(0).clientUrl(), "sys")) {
            Subscription literal = system.subscribe("$SYS.ACCOUNT.APP.CONNECT");
            Subscription queued = system.subscribe("$SYS.ACCOUNT.APP.DISCONNECT", "auditors");
            system.flush(WAIT);
            JnatsdServer other = cluster.get(1);
            await().atMost(WAIT).until(() -> routedInterest(other, "$SYS.ACCOUNT.APP.CONNECT")
                    && routedInterest(other, "$SYS.ACCOUNT.APP.DISCONNECT"));

            connect(other.clientUrl(), "app").close();

            assertAdvisory(literal.nextMessage(WAIT), "client_connect", other);
            assertAdvisory(queued.nextMessage(WAIT), "client_disconnect", other);
        }
    }

    @Test
    void aSubscriberInAnotherClusterReceivesTheAdvisoriesAcrossTheGateway() throws Exception {
        try (JnatsdSupercluster regions = JnatsdSupercluster.builder().clusters("east", "west").clusterSize(1)
                .configure((member, builder) -> builder.configString(ACCOUNTS)).start();
             Connection system = connect(regions.cluster("west").member(0).clientUrl(), "sys")) {
            Subscription advisories = system.subscribe("$SYS.ACCOUNT.APP.*");
            system.flush(WAIT);
            JnatsdServer east = regions.cluster("east").member(0);
            // The interest crosses the gateway on its own connection: retry until one connect is announced.
            Message connected = await().atMost(WAIT).until(() -> {
                connect(east.clientUrl(), "app").close();
                return advisories.nextMessage(Duration.ofMillis(200));
            }, message -> message != null);
            assertAdvisory(connected, "client_connect", east);
            assertAdvisory(advisories.nextMessage(WAIT), "client_disconnect", east);
        }
    }

    @Test
    void aSubscriberOnALeafNodeBoundToTheSystemAccountReceivesTheHubsAdvisories() throws Exception {
        try (JnatsdServer hub = JnatsdServer.builder().configString(ACCOUNTS + """
                leafnodes {
                  host: 127.0.0.1
                  port: -1
                  authorization { users: [ {user: edge, password: edge, account: SYS} ] }
                }
                """).start();
             JnatsdServer edge = JnatsdServer.builder().configString(ACCOUNTS
                     + "leafnodes { remotes: [ { url: \"nats://edge:edge@127.0.0.1:"
                     + hub.server().leafNodes().listenPort() + "\", account: SYS } ] }\n").start()) {
            await().atMost(WAIT).until(() -> hub.server().leafNodes().connectionCount() == 1);
            try (Connection system = connect(edge.clientUrl(), "sys")) {
                Subscription advisories = system.subscribe("$SYS.ACCOUNT.APP.*");
                system.flush(WAIT);
                await().atMost(WAIT).until(() -> routedInterest(hub, "$SYS.ACCOUNT.APP.CONNECT"));

                connect(hub.clientUrl(), "app").close();

                assertAdvisory(advisories.nextMessage(WAIT), "client_connect", hub);
                assertAdvisory(advisories.nextMessage(WAIT), "client_disconnect", hub);
            }
        }
    }

    @Test
    void aDisconnectIsAnnouncedToASubscriberThatArrivedAfterTheConnect() throws Exception {
        try (JnatsdServer server = JnatsdServer.builder().configString(ACCOUNTS).start();
             Connection app = connect(server.clientUrl(), "app");
             Connection system = connect(server.clientUrl(), "sys")) {
            Subscription advisories = system.subscribe("$SYS.ACCOUNT.APP.*");
            system.flush(WAIT);

            app.close();

            assertAdvisory(advisories.nextMessage(WAIT), "client_disconnect", server);
        }
    }

    @Test
    void globalAccountClientsAreNotAnnouncedAndUnheardAdvisoriesTakeNoSequenceNumber() throws Exception {
        try (JnatsdServer server = JnatsdServer.builder().configString(ACCOUNTS + """
                authorization { users [ {user: g, password: g} ] }
                """).start();
             Connection system = connect(server.clientUrl(), "sys")) {
            // No one listens to APP's connect and disconnect: only its two connection counts are
            // sent, each on the new and the old subject (one sequence number each).
            Subscription counts = system.subscribe("$SYS.ACCOUNT.APP.SERVER.CONNS");
            system.flush(WAIT);
            connect(server.clientUrl(), "app").close();
            long first = sequence(counts.nextMessage(WAIT));
            long second = sequence(counts.nextMessage(WAIT));
            assertThat(second).as("sequence of the connection counts around an unheard connect and disconnect")
                    .isEqualTo(first + 2);

            // The global account's client is announced to nobody, though the wildcard matches it.
            Subscription advisories = system.subscribe("$SYS.ACCOUNT.*.CONNECT");
            system.flush(WAIT);
            connect(server.clientUrl(), "g").close();
            connect(server.clientUrl(), "app").close();
            Message next = advisories.nextMessage(WAIT);
            assertThat(next).isNotNull();
            assertThat(next.getSubject()).isEqualTo("$SYS.ACCOUNT.APP.CONNECT");
        }
    }

    private static boolean routedInterest(JnatsdServer server, String subject) {
        return !server.server().account("SYS").subscriptions().match(subject).isEmpty();
    }

    private static long sequence(Message message) throws Exception {
        assertThat(message).isNotNull();
        return SystemRequests.parse(message.getData()).path("server").path("seq").asLong();
    }

    private static void assertAdvisory(Message message, String type, JnatsdServer from) throws Exception {
        assertThat(message).as(type + " advisory").isNotNull();
        JsonNode event = SystemRequests.parse(message.getData());
        assertThat(event.path("type").asText()).isEqualTo("io.nats.server.advisory.v1." + type);
        assertThat(event.path("server").path("id").asText()).isEqualTo(from.server().serverId());
        assertThat(event.path("client").path("acc").asText()).isEqualTo("APP");
    }

    private static Connection connect(String url, String user) throws Exception {
        return Nats.connect(new Options.Builder().server(url).userInfo(user, user).connectionTimeout(WAIT).build());
    }
}
