package io.jnatsd.tests.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A hub cluster tells its leafs every member's leaf URL ({@code leafnode_urls}, gossiped between
 * the hubs in route INFO): a leaf configured with H1 alone fails over to H2 when H1 goes, as it
 * does between nats-servers (LEAFNODES.md §13).
 */
class LeafHubFailoverTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static JnatsdServer hub(String name, Integer seedRoutePort) throws InterruptedException {
        String routes = seedRoutePort == null ? "" : ", routes: [\"nats://127.0.0.1:" + seedRoutePort + "\"]";
        return JnatsdServer.builder().configString("server_name: " + name + "\nleafnodes { host: 127.0.0.1, port: -1 }\n"
                + "cluster { name: HUB, listen: 127.0.0.1:-1" + routes + " }\n").start();
    }

    @Test
    void aLeafConfiguredWithOneHubFailsOverToTheOtherItWasToldOf() throws Exception {
        JnatsdServer h1 = hub("H1", null);
        boolean h1Running = true;
        try (JnatsdServer h2 = hub("H2", h1.server().cluster().listenPort());
             JnatsdServer leaf = JnatsdServer.builder().configString("server_name: L\nleafnodes { remotes: [ { url: "
                     + "\"nats://127.0.0.1:" + h1.server().leafNodes().listenPort() + "\" } ] }\n").start()) {
            await().atMost(WAIT).until(() -> h1.server().cluster().remoteCount() == 1
                    && h1.server().leafNodes().connectionCount() == 1);
            h1.close();
            h1Running = false;
            await().atMost(WAIT).until(() -> h2.server().leafNodes().connectionCount() == 1
                    && leaf.server().leafNodes().connectionCount() == 1);
            try (Connection onH2 = Nats.connect(h2.clientUrl()); Connection onLeaf = Nats.connect(leaf.clientUrl())) {
                Subscription subscription = onH2.subscribe("after.failover");
                onH2.flush(WAIT);
                await().atMost(WAIT).until(() -> {
                    onLeaf.publish("after.failover", "here".getBytes(StandardCharsets.US_ASCII));
                    return subscription.nextMessage(Duration.ofMillis(50)) != null;
                });
            }
        } finally {
            if (h1Running) {
                h1.close();
            }
        }
    }
}
