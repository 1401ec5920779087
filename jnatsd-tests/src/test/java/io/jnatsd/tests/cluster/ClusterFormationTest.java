package io.jnatsd.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdCluster;
import io.jnatsd.testkit.JnatsdTest;
import io.jnatsd.testkit.NatsCluster;
import io.jnatsd.testkit.NatsTestCluster;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@JnatsdTest
class ClusterFormationTest {

    @Test
    void threeServersSeededFromOneFormAFullMeshAndDeliverAcrossIt(
            @NatsCluster(size = 3, topology = JnatsdCluster.Topology.SEED) NatsTestCluster cluster) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(cluster.member(i).server().cluster().remoteCount()).as("member %d", i).isEqualTo(2);
            assertThat(cluster.member(i).server().cluster().routes()).hasSize(2 * 4);
        }
        assertThat(cluster.member(2).options().cluster().routes()).as("seeded from member 0 only").hasSize(1);
        Connection sub = cluster.connect(2);
        Connection pub = cluster.connect(1);
        Subscription s = sub.subscribe("x.>");
        sub.flush(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            pub.publish("x.y", "hi".getBytes());
            Message m = s.nextMessage(Duration.ofMillis(200));
            assertThat(m).isNotNull();
        });
    }
}
