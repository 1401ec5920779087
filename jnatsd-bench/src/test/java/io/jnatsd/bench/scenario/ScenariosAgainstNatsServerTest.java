package io.jnatsd.bench.scenario;

import io.jnatsd.bench.target.LaunchedTarget;
import io.jnatsd.bench.target.NatsServerBinary;
import io.jnatsd.bench.target.ServerGroup;
import io.jnatsd.bench.target.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Every scenario, briefly, against the reference server: the figures must exist and make sense. */
class ScenariosAgainstNatsServerTest {

    private static final LoadSettings SHORT = new LoadSettings(Duration.ofMillis(200), Duration.ofMillis(50), 20_000);
    private static final int PAYLOAD = 128;

    @TempDir
    static Path logs;

    private static ServerGroup single;
    private static ServerGroup cluster;

    @BeforeAll
    static void startServers() throws IOException {
        LaunchedTarget natsServer = new LaunchedTarget("nats-server", NatsServerBinary.require(), logs, Duration.ofSeconds(20));
        single = natsServer.open(Topology.SINGLE);
        cluster = natsServer.open(Topology.CLUSTER_OF_THREE);
    }

    @AfterAll
    static void stopServers() {
        if (single != null) {
            single.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void publishOnlyReportsTheMessagesTheServerTook() {
        ScenarioResult result = ThroughputScenario.publishOnly().run(single, "nats-server", PAYLOAD, SHORT);

        assertThat(result.problem()).isNull();
        assertThat(result.messages()).isEqualTo(20_000);
        assertThat(result.megabytesPerSecond()).isCloseTo(result.messagesPerSecond() * PAYLOAD / 1e6,
            org.assertj.core.data.Offset.offset(0.01));
        assertThat(result.serverCpuPercent()).isNotNaN();
    }

    @Test
    void publishSubscribeDeliversEveryPublishedMessage() {
        ScenarioResult result = ThroughputScenario.publishSubscribe().run(single, "nats-server", PAYLOAD, SHORT);

        assertThat(result.problem()).isNull();
        assertThat(result.messages()).isEqualTo(20_000);
    }

    @Test
    void fanOutCountsEveryDeliveryToEverySubscriber() {
        ScenarioResult result = ThroughputScenario.fanOut(3).run(single, "nats-server", PAYLOAD, SHORT);

        assertThat(result.problem()).isNull();
        assertThat(result.messages()).isEqualTo(3 * 20_000);
    }

    @Test
    void queueGroupDeliversEachMessageOnce() {
        ScenarioResult result = ThroughputScenario.queueGroup(3).run(single, "nats-server", PAYLOAD, SHORT);

        assertThat(result.problem()).isNull();
        assertThat(result.messages()).isEqualTo(20_000);
    }

    @Test
    void requestReplyReportsLatencyPercentiles() {
        ScenarioResult result = RequestReplyScenario.local().run(single, "nats-server", PAYLOAD, SHORT);

        assertThat(result.problem()).isNull();
        assertThat(result.messages()).isPositive();
        assertThat(result.latency().p50Micros()).isPositive()
            .isLessThanOrEqualTo(result.latency().p99Micros());
        assertThat(result.latency().p99Micros()).isLessThanOrEqualTo(result.latency().p999Micros());
    }

    @Test
    void clusterScenariosCarryMessagesAcrossRoutes() {
        ScenarioResult publishSubscribe = ThroughputScenario.clusterPublishSubscribe().run(cluster, "nats-server", PAYLOAD, SHORT);
        ScenarioResult queue = ThroughputScenario.clusterQueueGroup(4).run(cluster, "nats-server", PAYLOAD, SHORT);
        ScenarioResult requestReply = RequestReplyScenario.acrossRoute().run(cluster, "nats-server", PAYLOAD, SHORT);

        assertThat(publishSubscribe.problem()).isNull();
        assertThat(publishSubscribe.messages()).isEqualTo(20_000);
        assertThat(queue.problem()).isNull();
        assertThat(queue.messages()).isEqualTo(20_000);
        assertThat(requestReply.problem()).isNull();
        assertThat(requestReply.latency()).isNotNull();
    }

    @Test
    void gatewayScenariosCarryMessagesAndRepliesAcrossAGateway() throws IOException {
        LaunchedTarget natsServer = new LaunchedTarget("nats-server", NatsServerBinary.require(), logs, Duration.ofSeconds(20));
        try (ServerGroup supercluster = natsServer.open(Topology.SUPERCLUSTER_OF_TWO)) {
            ScenarioResult publishSubscribe = ThroughputScenario.gatewayPublishSubscribe()
                .run(supercluster, "nats-server", PAYLOAD, SHORT);
            ScenarioResult requestReply = RequestReplyScenario.acrossGateway().run(supercluster, "nats-server", PAYLOAD, SHORT);

            assertThat(publishSubscribe.problem()).isNull();
            assertThat(publishSubscribe.messages()).isEqualTo(20_000);
            assertThat(requestReply.problem()).isNull();
            assertThat(requestReply.latency()).isNotNull();
        }
    }

    @Test
    void leafScenariosCarryMessagesAndRepliesAcrossALeafConnection() throws IOException {
        LaunchedTarget natsServer = new LaunchedTarget("nats-server", NatsServerBinary.require(), logs, Duration.ofSeconds(20));
        try (ServerGroup hubAndLeaf = natsServer.open(Topology.HUB_AND_LEAF)) {
            ScenarioResult publishSubscribe = ThroughputScenario.leafPublishSubscribe()
                .run(hubAndLeaf, "nats-server", PAYLOAD, SHORT);
            ScenarioResult requestReply = RequestReplyScenario.acrossLeafNode().run(hubAndLeaf, "nats-server", PAYLOAD, SHORT);

            assertThat(publishSubscribe.problem()).isNull();
            assertThat(publishSubscribe.messages()).isEqualTo(20_000);
            assertThat(requestReply.problem()).isNull();
            assertThat(requestReply.latency()).isNotNull();
        }
    }

    @Test
    void aServerThatIsGoneGivesAFailedResultInsteadOfAnException() {
        ServerGroup gone = new ServerGroup() {
            @Override
            public java.util.List<java.net.InetSocketAddress> clientAddresses() {
                return java.util.List.of(new java.net.InetSocketAddress("127.0.0.1", 1));
            }

            @Override
            public java.util.List<Long> pids() {
                return java.util.List.of();
            }

            @Override
            public void close() {
            }
        };

        ScenarioResult result = ThroughputScenario.publishSubscribe().run(gone, "nowhere", PAYLOAD, SHORT);

        assertThat(result.hasFigures()).isFalse();
        assertThat(result.problem()).isNotBlank();
    }
}
