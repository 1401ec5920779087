package io.jnatsd.tests.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ClusterOptions;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Lame duck mode moves a server's clients to its peers, which keep receiving, then it stops. */
class LameDuckTest {

    private static JnatsdServer member(String name, Integer seed) throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder().serverName(name);
        builder.options().lameDuckDuration(Duration.ofSeconds(2)).lameDuckGracePeriod(Duration.ofMillis(300))
                .cluster(ClusterOptions.listen("127.0.0.1", 0).withName("LDM").withRoutes(seed == null ? List.of()
                        : List.of(URI.create("nats-route://127.0.0.1:" + seed))));
        return builder.start();
    }

    @Test
    void clientsOfALameDuckServerReconnectToAPeerAndKeepReceiving() throws Exception {
        try (JnatsdServer a = member("A", null); JnatsdServer b = member("B", a.server().cluster().listenPort())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> a.server().cluster().remoteCount() == 1
                    && b.server().cluster().remoteCount() == 1);
            AtomicInteger received = new AtomicInteger();
            Options options = new Options.Builder().server(a.clientUrl()).reconnectWait(Duration.ofMillis(50))
                    .maxReconnects(-1).connectionTimeout(Duration.ofSeconds(5)).build();
            try (Connection subscriber = Nats.connect(options); Connection publisher = Nats.connect(b.clientUrl())) {
                subscriber.createDispatcher(m -> received.incrementAndGet()).subscribe("ticks");
                subscriber.flush(Duration.ofSeconds(2));
                await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.getServers().size() >= 2);

                a.enterLameDuckMode();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(subscriber.getConnectedUrl()).contains(":" + b.port()));
                int before = received.get();
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    publisher.publish("ticks", new byte[1]);
                    assertThat(received.get()).isGreaterThan(before);
                });
                a.awaitShutdown();
                await().atMost(Duration.ofSeconds(5)).until(() -> b.server().cluster().remoteCount() == 0);
            }
        }
    }
}
