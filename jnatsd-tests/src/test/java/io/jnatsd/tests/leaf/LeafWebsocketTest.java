package io.jnatsd.tests.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A jnatsd leaf dialing a jnatsd hub's websocket listener ({@code ws://}), with the defaults
 * (masked frames) and with {@code ws_compression} and {@code ws_no_masking}: small and large
 * messages cross both ways, S2 negotiated under the frames as between nats-servers.
 */
class LeafWebsocketTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @ParameterizedTest
    @ValueSource(strings = {"", ", ws_compression: true, ws_no_masking: true"})
    void messagesCrossALeafConnectionOverWebsocket(String remoteOptions) throws Exception {
        try (JnatsdServer hub = JnatsdServer.builder().configString("server_name: HUB\n"
                + "leafnodes { host: 127.0.0.1, port: -1 }\n"
                + "websocket { host: 127.0.0.1, port: -1, no_tls: true, compression: true }\n").start();
             JnatsdServer leaf = JnatsdServer.builder().configString("server_name: LEAF\nleafnodes { remotes: [ { url: "
                     + "\"ws://127.0.0.1:" + hub.server().websocketPort() + "\"" + remoteOptions + " } ] }\n").start();
             Connection onHub = Nats.connect(hub.clientUrl());
             Connection onLeaf = Nats.connect(leaf.clientUrl())) {
            await().atMost(WAIT).until(() -> hub.server().leafNodes().connectionCount() == 1
                    && leaf.server().leafNodes().connectionCount() == 1);
            byte[] large = new byte[300_000];
            new Random(3).nextBytes(large);
            crosses(onLeaf, onHub, "down", large);
            crosses(onHub, onLeaf, "up", large);
        }
    }

    /** Publishes on {@code from} until the subscriber on {@code to} has interest, then checks what arrives. */
    private static void crosses(Connection from, Connection to, String subject, byte[] large) throws Exception {
        Subscription subscription = to.subscribe(subject);
        to.flush(WAIT);
        await().atMost(WAIT).until(() -> {
            from.publish(subject, "probe".getBytes(StandardCharsets.US_ASCII));
            return subscription.nextMessage(Duration.ofMillis(50)) != null;
        });
        while (subscription.nextMessage(Duration.ofMillis(100)) != null) {
            // probes still under way
        }
        for (int i = 0; i < 100; i++) {
            from.publish(subject, ("m" + i).getBytes(StandardCharsets.US_ASCII));
        }
        from.publish(subject, large);
        for (int i = 0; i < 100; i++) {
            Message message = subscription.nextMessage(WAIT);
            assertThat(message).as("message %d", i).isNotNull();
            assertThat(new String(message.getData(), StandardCharsets.US_ASCII)).isEqualTo("m" + i);
        }
        Message big = subscription.nextMessage(WAIT);
        assertThat(big).isNotNull();
        assertThat(big.getData()).isEqualTo(large);
    }
}
