package io.jnatsd;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.config.ClusterOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JnatsdClusterTest {

    @Test
    void startReturnsWithEveryMemberRoutedToEveryOtherWithFullPools() throws Exception {
        try (JnatsdCluster cluster = JnatsdCluster.builder().size(3).name("T").start()) {
            for (JnatsdServer member : cluster.members()) {
                assertThat(member.server().cluster().remoteCount()).isEqualTo(2);
                assertThat(member.server().cluster().routes()).hasSize(2 * 4);
                assertThat(member.server().cluster().name()).isEqualTo("T");
            }
            assertThat(cluster.member(1).server().serverName()).isEqualTo("T-1");
        }
    }

    @Test
    void aSeededClusterMeshesThroughGossip() throws Exception {
        try (JnatsdCluster cluster = JnatsdCluster.builder().size(3).topology(JnatsdCluster.Topology.SEED).start()) {
            assertThat(cluster.meshed()).isTrue();
            assertThat(cluster.member(2).options().cluster().routes()).hasSize(1);
        }
    }

    @Test
    void theConnectStringListsEveryMemberInOrder() throws Exception {
        try (JnatsdCluster cluster = JnatsdCluster.builder().size(2).start()) {
            assertThat(cluster.connectString())
                    .isEqualTo(cluster.member(0).clientUrl() + "," + cluster.member(1).clientUrl());
            assertThat(cluster.urls()).containsExactly(cluster.member(0).clientUrl(), cluster.member(1).clientUrl());
        }
    }

    @Test
    void aPoolSizeFromTheMemberOptionsIsWaitedFor() throws Exception {
        try (JnatsdCluster cluster = JnatsdCluster.builder().size(2)
                .configure((index, member) -> member.options().cluster(ClusterOptions.listen("127.0.0.1", 0).withPoolSize(-1)))
                .start()) {
            assertThat(cluster.routesPerRemote(0)).isEqualTo(1);
            assertThat(cluster.member(0).server().cluster().routes()).hasSize(1);
        }
    }

    @Test
    void aStoppedMemberRestartsOnItsPortsAndTheMeshReforms() throws Exception {
        try (JnatsdCluster cluster = JnatsdCluster.builder().size(3).start()) {
            int clientPort = cluster.member(1).port();
            int clusterPort = cluster.member(1).server().cluster().listenPort();
            cluster.stop(1);
            assertThat(cluster.running(1)).isFalse();
            cluster.restart(1);
            cluster.awaitMeshed(Duration.ofSeconds(10));
            assertThat(cluster.member(1).port()).isEqualTo(clientPort);
            assertThat(cluster.member(1).server().cluster().listenPort()).isEqualTo(clusterPort);
            assertThat(cluster.member(0).server().cluster().remoteCount()).isEqualTo(2);
        }
    }

    @Test
    void advertisedAddressesReplaceTheRealOnesInRoutesAndUrls() throws Exception {
        try (JnatsdCluster cluster = JnatsdCluster.builder().size(1)
                .routeVia(index -> "127.0.0.1:1" + index).clientVia(index -> "127.0.0.1:2" + index).start()) {
            assertThat(cluster.url(0)).isEqualTo("nats://127.0.0.1:20");
            assertThat(cluster.member(0).options().cluster().advertise()).isEqualTo("127.0.0.1:10");
            assertThat(cluster.member(0).options().clientAdvertise()).isEqualTo("127.0.0.1:20");
        }
    }
}
