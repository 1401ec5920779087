package io.jnatsd.tests.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdSupercluster;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** docs/EMBEDDING.md §4a, the snippet as written there, then what it claims. */
class EmbeddedSuperclusterDocTest {

    @Test
    void theDocumentedSnippetRuns() throws Exception {
        try (JnatsdSupercluster regions = JnatsdSupercluster.builder()
                .clusters("east", "west")
                .clusterSize(2)
                .start()) {
            Connection east = Nats.connect(regions.cluster("east").connectString());
            Connection west = Nats.connect(regions.cluster("west").connectString());
            west.createDispatcher(m -> west.publish(m.getReplyTo(), m.getData())).subscribe("echo");
            west.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> east.request("echo", "hi".getBytes(), Duration.ofMillis(500)) != null);
            regions.cluster("west").stop(0);
            regions.cluster("west").restart(0);
            regions.awaitGateways();

            assertThat(regions.cluster("west").member(0).server().serverName()).isEqualTo("west-0");
            assertThat(regions.gatewaysMeshed()).isTrue();
            east.close();
            west.close();
        }
    }
}
