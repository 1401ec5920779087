package io.jnatsd.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@JnatsdTest
class MemberFaultsTest {
    @NatsCluster(size = 3, faultInjection = true)
    NatsTestCluster cluster;

    @Test
    void clientsOfAKilledMemberReconnectToAnotherAndKeepBeingServed() throws Exception {
        Connection service = cluster.connect(2);
        service.createDispatcher(m -> service.publish(m.getReplyTo(), m.getData())).subscribe("echo");
        service.flush(Duration.ofSeconds(2));
        Connection client = cluster.connect(0);
        Requests.awaitReply(client, "echo");

        cluster.kill(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> client.getStatus() == Connection.Status.CONNECTED
                && !cluster.url(0).equals(client.getConnectedUrl()));
        assertThat(Requests.awaitReply(client, "echo")).isNotNull();
    }

    @Test
    void aStoppedMemberRestartsBehindTheSameUrlAndRejoinsTheMesh() throws Exception {
        String url = cluster.url(1);
        cluster.stop(1);
        assertThat(cluster.member(0).server().cluster().remoteCount()).isLessThanOrEqualTo(2);
        cluster.restart(1);
        assertThat(cluster.url(1)).isEqualTo(url);
        assertThat(cluster.member(1).server().cluster().remoteCount()).isEqualTo(2);
        Connection direct = cluster.connect(1);
        assertThat(direct.getConnectedUrl()).isEqualTo(url);
    }

    @Test
    void clientLatencyDelaysEveryRoundTripOfThatMembersClients() throws Exception {
        Connection client = cluster.connect(0);
        cluster.clientLatency(0, Duration.ofMillis(100));
        long started = System.nanoTime();
        client.flush(Duration.ofSeconds(5));
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(200);
    }

    @Test
    void stalledClientsReceiveNothingUntilResumed() throws Exception {
        Connection subscriber = cluster.connect(1);
        Connection publisher = cluster.connect(1);
        var sub = subscriber.subscribe("held");
        subscriber.flush(Duration.ofSeconds(2));
        cluster.stallClients(1);
        publisher.publish("held", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(sub.nextMessage(Duration.ofMillis(300))).isNull();
        cluster.resumeClients(1);
        Message message = sub.nextMessage(Duration.ofSeconds(2));
        assertThat(message).isNotNull();
    }
}
