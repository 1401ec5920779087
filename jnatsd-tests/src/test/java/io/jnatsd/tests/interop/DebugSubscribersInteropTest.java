package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code $SYS.DEBUG.SUBSCRIBERS} in a mixed cluster with nats-server 2.10.27: a system user asks
 * either server how many subscribers a subject has (optionally in a queue group, or inside a
 * wildcard) and both answer with the same cluster-wide count, gathered from the servers that hold
 * connections of the account.
 */
class DebugSubscribersInteropTest {
    private static final String ACCOUNTS = """
            system_account: SYS
            accounts { SYS { users [{user: sys, password: sys}] } }
            """;
    /** Request bodies and the counts nats-server gives for the subscriptions below. */
    private static final Map<String, Integer> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("foo", 5);
        EXPECTED.put("foo q1", 2);
        EXPECTED.put("foo q2", 1);
        EXPECTED.put("foo.x", 1);
        EXPECTED.put("foo.*", 1);
        EXPECTED.put("bar.x", 1);
        EXPECTED.put("bar.>", 1);
        EXPECTED.put("  foo  ", 5);
        EXPECTED.put("foo q1 extra", 2);
        EXPECTED.put("nope", 0);
        EXPECTED.put("", 0);
    }

    @TempDir
    Path dir;

    @Test
    void bothServersCountTheClustersSubscribersAlike() throws Exception {
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "DBG", List.of(), "", ACCOUNTS)) {
            Path conf = dir.resolve("jnatsd.conf");
            Files.writeString(conf, "server_name: JN\nhost: 127.0.0.1\nport: -1\n" + ACCOUNTS
                    + "cluster { name: DBG, listen: 127.0.0.1:-1, routes: [\"nats-route://127.0.0.1:" + go.clusterPort
                    + "\"] }\n");
            try (JnatsdServer jnatsd = JnatsdServer.start(ConfigLoader.load(conf))) {
                // Connected once each server hears the other on $SYS (their statsz heartbeats), so
                // the system subscriptions crossed the route and each hears of the other's connections.
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jnatsd.server().cluster().remoteCount() == 1);
                try (Connection probe = connect(jnatsd.clientUrl())) {
                    Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                            .until(() -> activeServers(probe, go.serverId()) == 2
                                    && activeServers(probe, jnatsd.server().serverId()) == 2);
                }
                Connection onGo = connect(go.clientUrl());
                Connection onJnatsd = connect(jnatsd.clientUrl());
                onGo.subscribe("foo");
                onGo.subscribe("foo", "q1");
                onGo.subscribe("foo.*");
                onJnatsd.subscribe("foo");
                onJnatsd.subscribe("foo", "q1");
                onJnatsd.subscribe("foo", "q2");
                onJnatsd.subscribe("bar.>");
                // Each server counts the other once it knows the other holds system connections.
                Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                        .until(() -> count(onGo, "foo") == 5 && count(onJnatsd, "foo") == 5);
                for (Map.Entry<String, Integer> question : EXPECTED.entrySet()) {
                    assertThat(count(onGo, question.getKey())).as("nats-server: %s", question.getKey())
                            .isEqualTo(question.getValue());
                    assertThat(count(onJnatsd, question.getKey())).as("jnatsd: %s", question.getKey())
                            .isEqualTo(question.getValue());
                }
                assertThat(count(onJnatsd, ">")).as("every subscription, inboxes too").isEqualTo(count(onGo, ">"));
                assertThat(go.protocolErrors()).isEmpty();
                onGo.close();
                onJnatsd.close();
            }
        }
    }

    private static Connection connect(String url) throws Exception {
        return Nats.connect(new Options.Builder().server(url).userInfo("sys", "sys").maxReconnects(0)
                .connectionTimeout(Duration.ofSeconds(5)).build());
    }

    private static int activeServers(Connection system, String serverId) throws Exception {
        Message reply = system.request("$SYS.REQ.SERVER." + serverId + ".STATSZ", new byte[0], Duration.ofSeconds(1));
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(reply.getData()).path("statsz")
                .path("active_servers").asInt();
    }

    private static int count(Connection system, String body) throws Exception {
        Message answer = system.request("$SYS.DEBUG.SUBSCRIBERS", body.getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(2));
        return Integer.parseInt(new String(answer.getData(), StandardCharsets.UTF_8));
    }
}
