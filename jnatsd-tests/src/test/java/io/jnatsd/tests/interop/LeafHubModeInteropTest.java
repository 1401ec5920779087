package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A remote with {@code hub: true} against nats-server 2.10 (LEAFNODES.md §1, §4): the jnatsd
 * server {@code JX} dials the Go server {@code GY} as the hub, and the Go server {@code GX} dials
 * the jnatsd server {@code JY} as the hub. On each link the dialer's /leafz shows
 * {@code is_spoke: false} and the acceptor's {@code true}; messages and requests cross both ways;
 * the Go servers log no error. Skipped without {@code NATS_SERVER_210}.
 */
class LeafHubModeInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static GoServer goSpoke;
    private static JnatsdServer jnatsdHub;
    private static JnatsdServer jnatsdSpoke;
    private static GoServer goHub;

    @BeforeAll
    static void start() throws Exception {
        GoServer.binary("NATS_SERVER_210");
        int goSpokeLeafPort = GoServer.freePort();
        goSpoke = GoServer.start("NATS_SERVER_210", "GY", "GYC", List.of(), "",
                "leafnodes { listen: \"127.0.0.1:" + goSpokeLeafPort + "\" }");
        jnatsdHub = JnatsdServer.builder().configString("server_name: JX\nleafnodes { remotes: [ { url: "
                + "\"nats://127.0.0.1:" + goSpokeLeafPort + "\", hub: true } ] }\n").monitorPort(-1).start();
        jnatsdSpoke = JnatsdServer.builder().configString("server_name: JY\nleafnodes { host: 127.0.0.1, port: -1 }\n")
                .monitorPort(-1).start();
        goHub = GoServer.start("NATS_SERVER_210", "GX", "GXC", List.of(), "", "leafnodes { remotes: [ { url: "
                + "\"nats://127.0.0.1:" + jnatsdSpoke.server().leafNodes().listenPort() + "\", hub: true } ] }");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(leafz(jnatsdHub).path("leafnodes").asInt()).as("links of JX").isEqualTo(1);
            assertThat(leafz(jnatsdSpoke).path("leafnodes").asInt()).as("links of JY").isEqualTo(1);
            assertThat(goSpoke.monitor("leafz").path("leafnodes").asInt()).as("links of GY").isEqualTo(1);
            assertThat(goHub.monitor("leafz").path("leafnodes").asInt()).as("links of GX").isEqualTo(1);
        });
    }

    @AfterAll
    static void stop() throws Exception {
        for (JnatsdServer server : new JnatsdServer[] {jnatsdHub, jnatsdSpoke}) {
            if (server != null) {
                server.close();
            }
        }
        for (GoServer server : new GoServer[] {goSpoke, goHub}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static JsonNode leafz(JnatsdServer server) throws IOException {
        return JSON.readTree(URI.create(server.monitorUrl() + "/leafz").toURL());
    }

    private static String text(Message message) {
        return new String(message.getData(), StandardCharsets.UTF_8);
    }

    @Test
    void theDialerWithHubTrueIsTheHubOnBothPairs() throws Exception {
        JsonNode jx = leafz(jnatsdHub).path("leafs").get(0);
        JsonNode gy = goSpoke.monitor("leafz").path("leafs").get(0);
        assertThat(jx.path("name").asText()).isEqualTo("GY");
        assertThat(jx.path("is_spoke").asBoolean()).as("JX dialed with hub: true").isFalse();
        assertThat(gy.path("is_spoke").asBoolean()).as("GY accepted is_hub").isTrue();

        JsonNode gx = goHub.monitor("leafz").path("leafs").get(0);
        JsonNode jy = leafz(jnatsdSpoke).path("leafs").get(0);
        assertThat(jy.path("name").asText()).isEqualTo("GX");
        assertThat(gx.path("is_spoke").asBoolean()).as("GX dialed with hub: true").isFalse();
        assertThat(jy.path("is_spoke").asBoolean()).as("JY accepted is_hub").isTrue();
    }

    @Test
    void messagesAndRequestsCrossBothLinksBothWays() throws Exception {
        exchange(jnatsdHub.clientUrl(), goSpoke.clientUrl(), "jx");
        exchange(goHub.clientUrl(), jnatsdSpoke.clientUrl(), "gx");
        assertThat(goSpoke.protocolErrors()).isEmpty();
        assertThat(goHub.protocolErrors()).isEmpty();
    }

    /** Messages and requests between a client of the hub and a client of the spoke, each way. */
    private static void exchange(String hubUrl, String spokeUrl, String prefix) throws Exception {
        try (Connection onHub = Nats.connect(hubUrl); Connection onSpoke = Nats.connect(spokeUrl)) {
            Subscription atHub = onHub.subscribe(prefix + ".up");
            Subscription atSpoke = onSpoke.subscribe(prefix + ".down");
            Dispatcher hubService = onHub.createDispatcher(m -> onHub.publish(m.getReplyTo(), m.getData()));
            hubService.subscribe(prefix + ".svc.hub");
            Dispatcher spokeService = onSpoke.createDispatcher(m -> onSpoke.publish(m.getReplyTo(), m.getData()));
            spokeService.subscribe(prefix + ".svc.spoke");
            onHub.flush(Duration.ofSeconds(2));
            onSpoke.flush(Duration.ofSeconds(2));
            // interest crosses asynchronously: publish until the first message arrives, then count
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
                onSpoke.publish(prefix + ".up", "probe".getBytes(StandardCharsets.UTF_8));
                onHub.publish(prefix + ".down", "probe".getBytes(StandardCharsets.UTF_8));
                return onSpoke.request(prefix + ".svc.hub", new byte[0], Duration.ofMillis(200)) != null
                        && onHub.request(prefix + ".svc.spoke", new byte[0], Duration.ofMillis(200)) != null;
            });
            drain(atHub);
            drain(atSpoke);
            for (int i = 0; i < 20; i++) {
                onSpoke.publish(prefix + ".up", ("u" + i).getBytes(StandardCharsets.UTF_8));
                onHub.publish(prefix + ".down", ("d" + i).getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < 20; i++) {
                assertThat(text(atHub.nextMessage(Duration.ofSeconds(5)))).isEqualTo("u" + i);
                assertThat(text(atSpoke.nextMessage(Duration.ofSeconds(5)))).isEqualTo("d" + i);
            }
            for (int i = 0; i < 5; i++) {
                Message fromSpoke = onSpoke.request(prefix + ".svc.hub", ("q" + i).getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(5));
                assertThat(fromSpoke).as("request from the spoke %d", i).isNotNull();
                assertThat(text(fromSpoke)).isEqualTo("q" + i);
                Message fromHub = onHub.request(prefix + ".svc.spoke", ("r" + i).getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(5));
                assertThat(fromHub).as("request from the hub %d", i).isNotNull();
                assertThat(text(fromHub)).isEqualTo("r" + i);
            }
        }
    }

    /** Takes the probes that crossed while the interest was settling, so the counted run starts clean. */
    private static void drain(Subscription subscription) throws InterruptedException {
        for (int i = 0; i < 1000 && subscription.nextMessage(Duration.ofMillis(100)) != null; i++) {
            // a probe
        }
    }
}
