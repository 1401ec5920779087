package io.jnatsd.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.Message;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@JnatsdTest
class ClusterInjectionTest {
    @NatsCluster(size = 3)
    static NatsTestCluster cluster;

    @Test
    void theClusterIsMeshedWhenInjected() {
        for (int i = 0; i < 3; i++) {
            assertThat(cluster.member(i).server().cluster().remoteCount()).isEqualTo(2);
            assertThat(cluster.member(i).server().cluster().routes()).hasSize(8);
        }
        assertThat(cluster.url().split(",")).hasSize(3);
    }

    @Test
    void aRequestCrossesMembers(Connection any) throws Exception {
        Connection service = cluster.connect(0);
        Connection client = cluster.connect(2);
        service.createDispatcher(m -> service.publish(m.getReplyTo(), m.getData())).subscribe("echo");
        service.flush(Duration.ofSeconds(2));
        Message reply = Requests.awaitReply(client, "echo");
        assertThat(new String(reply.getData())).isEqualTo("ping");
        assertThat(any.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void faultMethodsExplainThatFaultInjectionIsOff() {
        assertThatThrownBy(() -> cluster.stallRoute(0, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("faultInjection = true");
    }
}
