package io.jnatsd.tests.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.jnatsd.JnatsdServer;
import io.jnatsd.tests.cluster.LogCapture;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * nats-server keeps JetStream's API, key-value and object store subjects ({@code $JS.API.>},
 * {@code $KV.>}, {@code $OBJ.>}) off a leaf connection unless both servers share JetStream in one
 * domain, and its cluster and raft subjects too on the system account's: jnatsd has no JetStream,
 * so every leaf connection is such a one. Checked against nats-server 2.10.27 by hand: the same
 * subjects stop there, and the same lines are logged.
 */
class LeafJetStreamDenyTest {
    private static final List<String> SUBJECTS =
            List.of("$KV.b.k", "$JS.API.INFO", "$OBJ.x", "$JSC.x", "$NRG.x", "plain.x", "$JS.dom.API.x");
    private static final List<String> CROSSING = List.of("$JSC.x", "$NRG.x", "plain.x", "$JS.dom.API.x");

    private static LogCapture hubLog;
    private static JnatsdServer hub;
    private static JnatsdServer leaf;

    @BeforeAll
    static void start() throws Exception {
        hubLog = LogCapture.of("io.jnatsd.leaf.LeafConnection", Level.INFO);
        hub = JnatsdServer.builder().configString("server_name: JH\nsystem_account: SYS\n"
                + "accounts { SYS { users: [{user: s, password: s}] }, A { users: [{user: a, password: a}] } }\n"
                + "leafnodes { host: 127.0.0.1, port: -1 }\n").start();
        int port = hub.server().leafNodes().listenPort();
        leaf = JnatsdServer.builder().configString("server_name: JL\nsystem_account: SYS\n"
                + "accounts { SYS {}, A { users: [{user: a, password: a}] } }\n"
                + "leafnodes { remotes: [ { url: \"nats://s:s@127.0.0.1:" + port + "\", account: SYS },"
                + " { url: \"nats://a:a@127.0.0.1:" + port + "\", account: A } ] }\n").start();
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.server().leafNodes().connectionCount() == 2
                && leaf.server().leafNodes().connectionCount() == 2);
    }

    @AfterAll
    static void stop() {
        for (JnatsdServer server : new JnatsdServer[] {leaf, hub}) {
            if (server != null) {
                server.close();
            }
        }
        hubLog.close();
    }

    @Test
    void jetStreamSubjectsCrossNeitherWayAndOthersDo() throws Exception {
        assertThat(received(hub, leaf)).as("hub to leaf").containsExactlyElementsOf(CROSSING);
        assertThat(received(leaf, hub)).as("leaf to hub").containsExactlyElementsOf(CROSSING);
    }

    @Test
    void theHubLogsNatsServersLines() {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(hubLog.lines())
                .anyMatch(line -> line.matches("INFO .* - lid:\\d+ - JetStream using domains: local \"\", remote \"\""))
                .anyMatch(line -> line.matches("INFO .* - lid:\\d+ - System account connected from JL/.+"))
                .anyMatch(line -> line.matches("INFO .* - lid:\\d+ - JetStream not extended, domains differ")));
    }

    /** What a subscriber of account A on {@code to} gets of one message per subject published on {@code from}. */
    private static List<String> received(JnatsdServer from, JnatsdServer to) throws Exception {
        try (Connection publisher = Nats.connect(url(from)); Connection subscriber = Nats.connect(url(to))) {
            Subscription subscription = subscriber.subscribe(">");
            Subscription last = subscriber.subscribe("done");
            subscriber.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() ->
                    !from.server().account("A").subscriptions().match("done").isEmpty());
            for (String subject : SUBJECTS) {
                publisher.publish(subject, new byte[] {1});
            }
            publisher.publish("done", new byte[] {1});
            publisher.flush(Duration.ofSeconds(2));
            assertThat(last.nextMessage(Duration.ofSeconds(5))).isNotNull();
            List<String> subjects = new ArrayList<>();
            for (Message message = subscription.nextMessage(Duration.ofMillis(200)); message != null;
                    message = subscription.nextMessage(Duration.ofMillis(50))) {
                subjects.add(message.getSubject());
            }
            subjects.remove("done");
            return subjects;
        }
    }

    private static String url(JnatsdServer server) {
        return "nats://a:a@127.0.0.1:" + server.port();
    }
}
