package io.jnatsd.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.MappingOptions;
import io.jnatsd.config.MappingOptions.Destination;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Subject mappings in a cluster: the server a client publishes to renames the message before it
 * looks for interest, so a subscriber on another server receives it under the new subject, and a
 * destination scoped to the cluster's name applies there.
 */
class SubjectMappingsClusterTest {
    private static final TestCluster SERVERS = new TestCluster();
    private static final List<MappingOptions> MAPPINGS = List.of(MappingOptions.to("plain", "renamed"),
            new MappingOptions("scoped", List.of(new Destination("scoped.here", 100, TestCluster.NAME),
                    new Destination("scoped.elsewhere", 0, ""))));
    private static JnatsdServer one;
    private static JnatsdServer two;

    @BeforeAll
    static void formCluster() throws Exception {
        one = SERVERS.start("S1", 0, List.of(), UnaryOperator.identity(), b -> b.mappings(MAPPINGS));
        two = SERVERS.start("S2", 0, List.of(TestCluster.clusterPort(one)), UnaryOperator.identity(), b -> b.mappings(MAPPINGS));
        TestCluster.awaitFullMesh(List.of(one, two), TestCluster.DEFAULT_CONNECTIONS_PER_REMOTE, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopCluster() {
        SERVERS.close();
    }

    @Test
    void aMessageIsRenamedWhereItIsPublishedAndCrossesTheRouteRenamed() throws Exception {
        try (Connection publisher = Nats.connect(one.clientUrl()); Connection subscriber = Nats.connect(two.clientUrl())) {
            Subscription everything = subscriber.subscribe(">");
            subscriber.flush(Duration.ofSeconds(2));
            Message first = null;
            for (int attempt = 0; attempt < 50 && first == null; attempt++) {
                publisher.publish("plain", new byte[] {1});
                first = everything.nextMessage(Duration.ofMillis(100));
            }
            assertThat(first).as("interest in > crossed the route").isNotNull();
            assertThat(first.getSubject()).isEqualTo("renamed");
            publisher.publish("scoped", new byte[] {2});
            publisher.publish("unmapped", new byte[] {3});
            List<String> subjects = new java.util.ArrayList<>();
            for (int i = 0; i < 60 && subjects.size() < 2; i++) {
                Message next = everything.nextMessage(Duration.ofMillis(100));
                if (next != null && next.getData()[0] != 1) {
                    subjects.add(next.getSubject());
                }
            }
            assertThat(subjects).containsExactly("scoped.here", "unmapped");
        }
    }
}
