package io.jnatsd.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ClusterOptions;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterFormationTest {
    private final List<JnatsdServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(JnatsdServer::close);
    }

    private JnatsdServer start(String name, Integer seedPort) throws Exception {
        ClusterOptions cluster = ClusterOptions.listen("127.0.0.1", 0).withName("T");
        if (seedPort != null) {
            cluster = cluster.withRoutes(List.of(URI.create("nats-route://127.0.0.1:" + seedPort)));
        }
        JnatsdServer.Builder builder = JnatsdServer.builder().serverName(name);
        builder.options().cluster(cluster);
        JnatsdServer server = builder.start();
        servers.add(server);
        return server;
    }

    @Test
    void threeServersSeededFromOneFormAFullMeshAndDeliverAcrossIt() throws Exception {
        JnatsdServer a = start("A", null);
        int seed = a.server().cluster().listenPort();
        JnatsdServer b = start("B", seed);
        JnatsdServer c = start("C", seed);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (JnatsdServer s : servers) {
                assertThat(s.server().cluster().remoteCount()).as(s.server().serverName()).isEqualTo(2);
                assertThat(s.server().cluster().routes()).hasSize(2 * 4);
            }
        });
        try (Connection sub = Nats.connect(c.clientUrl()); Connection pub = Nats.connect(b.clientUrl())) {
            Subscription s = sub.subscribe("x.>");
            sub.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                pub.publish("x.y", "hi".getBytes());
                Message m = s.nextMessage(Duration.ofMillis(200));
                assertThat(m).isNotNull();
            });
        }
    }
}
