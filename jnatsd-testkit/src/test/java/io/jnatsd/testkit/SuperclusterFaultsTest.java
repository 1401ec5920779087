package io.jnatsd.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@JnatsdTest
class SuperclusterFaultsTest {
    @NatsSupercluster(clusters = {"east", "west", "north"}, clusterSize = 2, faultInjection = true)
    NatsTestSupercluster regions;

    @Test
    void everyMemberHasAGatewayToEveryOtherClusterThroughTheProxies() {
        for (int cluster = 0; cluster < 3; cluster++) {
            for (int member = 0; member < 2; member++) {
                assertThat(regions.member(cluster, member).server().gateways().outboundViews()).hasSize(2);
                assertThat(regions.member(cluster, member).server().gateways().url())
                        .as("advertises its gateway proxy").isNotEqualTo("127.0.0.1:"
                                + regions.member(cluster, member).server().gateways().listenPort());
            }
        }
    }

    @Test
    void aCutGatewaySeparatesExactlyTwoClustersAndTheHealRestoresDelivery() throws Exception {
        Connection west = regions.connect(1, 1);
        Connection east = regions.connect(0, 0);
        Connection north = regions.connect(2, 0);
        Subscription inWest = west.subscribe("orders.>");
        west.flush(Duration.ofSeconds(2));
        awaitDelivery(east, inWest, "orders.east");
        awaitDelivery(north, inWest, "orders.north");

        regions.cutGateway(0, 1);
        assertThat(regions.member(0, 0).server().gateways().outboundViews()).hasSize(1);
        east.publish("orders.lost", bytes("during the cut"));
        east.flush(Duration.ofSeconds(2));
        assertThat(inWest.nextMessage(Duration.ofMillis(300))).as("nothing crosses a second gateway").isNull();
        awaitDelivery(north, inWest, "orders.north");

        regions.healGateway(0, 1);
        awaitDelivery(east, inWest, "orders.east");
    }

    @Test
    void gatewayLatencyDelaysACrossRegionRoundTrip() throws Exception {
        Connection service = regions.connect(1, 0);
        Connection client = regions.connect(0, 1);
        service.createDispatcher(m -> service.publish(m.getReplyTo(), m.getData())).subscribe("echo");
        service.flush(Duration.ofSeconds(2));
        Requests.awaitReply(client, "echo");

        regions.gatewayLatency(0, 1, Duration.ofMillis(150));
        long started = System.nanoTime();
        Message reply = client.request("echo", bytes("slow"), Duration.ofSeconds(5));
        assertThat(reply).isNotNull();
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);

        regions.gatewayLatency(0, 1, Duration.ZERO);
        assertThat(client.request("echo", bytes("fast"), Duration.ofSeconds(5))).isNotNull();
    }

    @Test
    void aStoppedMemberRestartsOnItsGatewayPortAndTheMeshHeals() throws Exception {
        regions.stop(1, 0);
        regions.jnatsd().awaitGateways();
        regions.restart(1, 0);
        assertThat(regions.jnatsd().gatewaysMeshed()).isTrue();
        Connection west = regions.connect(1, 0);
        Connection north = regions.connect(2, 1);
        Subscription inWest = west.subscribe("back");
        west.flush(Duration.ofSeconds(2));
        awaitDelivery(north, inWest, "back");
    }

    private static void awaitDelivery(Connection publisher, Subscription sub, String subject) throws InterruptedException {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            publisher.publish(subject, bytes("probe"));
            Message message = sub.nextMessage(Duration.ofMillis(100));
            while (message != null && !message.getSubject().equals(subject)) {
                message = sub.nextMessage(Duration.ofMillis(50));
            }
            return message != null;
        });
        drain(sub);
    }

    private static void drain(Subscription sub) throws InterruptedException {
        while (sub.nextMessage(Duration.ofMillis(100)) != null) {
            // probes published while waiting for the first one
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
