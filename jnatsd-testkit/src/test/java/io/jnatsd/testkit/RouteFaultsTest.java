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
class RouteFaultsTest {
    @NatsCluster(size = 3, faultInjection = true)
    NatsTestCluster cluster;

    @Test
    void everyRouteGoesThroughTheProxiesSoACutSeparatesExactlyTwoMembers() throws Exception {
        cluster.cut(0, 1);
        assertThat(cluster.member(0).server().cluster().remoteCount()).isEqualTo(1);
        assertThat(cluster.member(1).server().cluster().remoteCount()).isEqualTo(1);
        assertThat(cluster.member(2).server().cluster().remoteCount()).isEqualTo(2);
    }

    @Test
    void aCutStopsDeliveryBetweenTheTwoMembersAndTheHealRestoresItWithInterestResynced() throws Exception {
        Connection subscriber = cluster.connect(1);
        Connection publisher = cluster.connect(0);
        Subscription before = subscriber.subscribe("orders.>");
        subscriber.flush(Duration.ofSeconds(2));
        awaitDelivery(publisher, before);

        cluster.cut(0, 1);
        publisher.publish("orders.lost", bytes("during the cut"));
        publisher.flush(Duration.ofSeconds(2));
        assertThat(before.nextMessage(Duration.ofMillis(300))).as("no forwarding through member 2").isNull();
        Subscription madeDuringCut = subscriber.subscribe("invoices.>");
        subscriber.flush(Duration.ofSeconds(2));

        cluster.heal(0, 1);
        awaitDelivery(publisher, before);
        awaitDeliveryOn(publisher, madeDuringCut, "invoices.new");
    }

    @Test
    void routeLatencyDelaysACrossMemberRoundTripByTwiceTheDelay() throws Exception {
        Connection service = cluster.connect(1);
        Connection client = cluster.connect(0);
        service.createDispatcher(m -> service.publish(m.getReplyTo(), m.getData())).subscribe("echo");
        service.flush(Duration.ofSeconds(2));
        Requests.awaitReply(client, "echo");

        cluster.routeLatency(0, 1, Duration.ofMillis(150));
        long started = System.nanoTime();
        Message reply = client.request("echo", bytes("slow"), Duration.ofSeconds(5));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(reply).isNotNull();
        assertThat(tookMillis).isGreaterThanOrEqualTo(300);

        cluster.routeLatency(0, 1, Duration.ZERO);
        assertThat(client.request("echo", bytes("fast"), Duration.ofSeconds(5))).isNotNull();
    }

    @Test
    void aStalledRouteHoldsMessagesUntilItResumes() throws Exception {
        Connection subscriber = cluster.connect(2);
        Connection publisher = cluster.connect(0);
        Subscription sub = subscriber.subscribe("stall.test");
        subscriber.flush(Duration.ofSeconds(2));
        awaitDeliveryOn(publisher, sub, "stall.test");

        cluster.stallRoute(0, 2);
        publisher.publish("stall.test", bytes("held"));
        publisher.flush(Duration.ofSeconds(2));
        assertThat(sub.nextMessage(Duration.ofMillis(300))).isNull();
        assertThat(cluster.member(0).server().cluster().remoteCount()).as("a stall closes nothing").isEqualTo(2);

        cluster.resumeRoute(0, 2);
        Message held = sub.nextMessage(Duration.ofSeconds(2));
        assertThat(held).isNotNull();
        assertThat(new String(held.getData(), StandardCharsets.UTF_8)).isEqualTo("held");
    }

    private static void awaitDelivery(Connection publisher, Subscription sub) {
        awaitDeliveryOn(publisher, sub, "orders.new");
    }

    /** Publishes until one arrives: interest crosses the routes asynchronously. */
    private static void awaitDeliveryOn(Connection publisher, Subscription sub, String subject) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
            publisher.publish(subject, bytes("probe"));
            return sub.nextMessage(Duration.ofMillis(50)) != null;
        });
        drain(sub);
    }

    private static void drain(Subscription sub) {
        try {
            while (sub.nextMessage(Duration.ofMillis(100)) != null) {
                // discard the extra probes
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
