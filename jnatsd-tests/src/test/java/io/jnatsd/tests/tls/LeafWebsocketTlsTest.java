package io.jnatsd.tests.tls;

import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A leaf over {@code wss://}: TLS under the upgrade, with the hub's websocket certificate checked. */
class LeafWebsocketTlsTest {
    private static final TestPki PKI = TestPki.INSTANCE;
    private final ConfiguredServers servers = new ConfiguredServers();

    @AfterEach
    void stop() {
        servers.close();
    }

    @Test
    void aLeafDialsAWssListenerAndMessagesCross() throws Exception {
        JnatsdServer hub = servers.start("leafnodes { host: 127.0.0.1, port: -1 }\n"
                + "websocket { host: 127.0.0.1, port: -1\n" + PKI.tlsBlock("server", null, "") + "}");
        JnatsdServer leaf = servers.start("leafnodes { remotes: [ { url: \"wss://127.0.0.1:" + hub.server().websocketPort()
                + "\", tls { ca_file: \"" + PKI.cert("ca") + "\" } } ] }");
        await().atMost(Duration.ofSeconds(15)).until(() -> hub.server().leafNodes().connectionCount() == 1
                && leaf.server().leafNodes().connectionCount() == 1);
        try (Connection onHub = Nats.connect(hub.clientUrl()); Connection onLeaf = Nats.connect(leaf.clientUrl())) {
            io.nats.client.Subscription subscription = onHub.subscribe("over.wss");
            onHub.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                onLeaf.publish("over.wss", "hello".getBytes());
                return subscription.nextMessage(Duration.ofMillis(50)) != null;
            });
        }
    }
}
