package io.jnatsd.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LameDuckFaultTest {

    @Test
    void aLameDuckMemberMovesItsClientsToPeersThenStopsAndCanRestart() throws Exception {
        try (NatsTestCluster cluster = NatsTestCluster.builder().size(3).faultInjection(true)
                .configure((index, member) -> member.options().lameDuckDuration(Duration.ofSeconds(1))
                        .lameDuckGracePeriod(Duration.ofMillis(100)))
                .start()) {
            Connection client = cluster.connect(1);
            cluster.lameDuck(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> client.getStatus() == Connection.Status.CONNECTED
                    && !cluster.url(1).equals(client.getConnectedUrl()));
            await().atMost(Duration.ofSeconds(10)).until(() -> !cluster.jnatsd().running(1));
            cluster.restart(1);
            assertThat(cluster.member(1).server().cluster().remoteCount()).isEqualTo(2);
        }
    }
}
