package io.jnatsd.tests.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A gateway server goes away: the servers whose outbound connection led to it re-dial the other
 * URLs they learned for its cluster (GATEWAYS.md §7), and messages cross again.
 */
class SuperclusterHealingTest {
    private final TestSupercluster supercluster = new TestSupercluster();

    @AfterEach
    void stop() {
        supercluster.close();
    }

    @Test
    void whenTheServerAGatewayLedToStopsTheOtherServersOfItsClusterTakeOver() throws Exception {
        List<JnatsdServer> a = supercluster.startCluster("A", 2, Map.of());
        List<JnatsdServer> b = supercluster.startCluster("B", 2, Map.of("A", TestSupercluster.gatewayUrl(a.get(0))));
        supercluster.awaitFullMesh(Duration.ofSeconds(15));

        JnatsdServer seed = a.get(0);
        JnatsdServer survivor = a.get(1);
        supercluster.stop(seed);
        supercluster.awaitFullMesh(Duration.ofSeconds(15));
        try (Connection subscriber = Nats.connect(survivor.clientUrl());
             Connection publisher = Nats.connect(b.get(0).clientUrl())) {
            Subscription subscription = subscriber.subscribe("heal.x");
            subscriber.flush(Duration.ofSeconds(2));
            supercluster.awaitInterest("B", "A", "heal.x", true);
            publisher.publish("heal.x", new byte[] {1});
            Message message = subscription.nextMessage(Duration.ofSeconds(5));
            assertThat(message).isNotNull();
        }
    }
}
