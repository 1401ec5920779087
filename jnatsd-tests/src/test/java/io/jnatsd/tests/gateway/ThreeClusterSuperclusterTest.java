package io.jnatsd.tests.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three jnatsd clusters of three servers: B names only A's first server, C only B's first server,
 * A names nobody. The full mesh (every server to both other clusters) comes from gossip alone.
 */
class ThreeClusterSuperclusterTest {
    private static final TestSupercluster SUPERCLUSTER = new TestSupercluster();
    private static List<JnatsdServer> a;
    private static List<JnatsdServer> b;
    private static List<JnatsdServer> c;

    @BeforeAll
    static void form() throws Exception {
        a = SUPERCLUSTER.startCluster("A", 3, Map.of());
        b = SUPERCLUSTER.startCluster("B", 3, Map.of("A", TestSupercluster.gatewayUrl(a.get(0))));
        c = SUPERCLUSTER.startCluster("C", 3, Map.of("B", TestSupercluster.gatewayUrl(b.get(0))));
        SUPERCLUSTER.awaitFullMesh(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        SUPERCLUSTER.close();
    }

    @Test
    void aMessagePublishedInOneClusterReachesTheOtherTwoOnce() throws Exception {
        try (Connection inB = Nats.connect(b.get(2).clientUrl());
             Connection inC = Nats.connect(c.get(1).clientUrl());
             Connection publisher = Nats.connect(a.get(1).clientUrl())) {
            Subscription subB = inB.subscribe("three.fanout");
            Subscription subC = inC.subscribe("three.fanout");
            inB.flush(Duration.ofSeconds(2));
            inC.flush(Duration.ofSeconds(2));
            SUPERCLUSTER.awaitInterest("A", "B", "three.fanout", true);
            SUPERCLUSTER.awaitInterest("A", "C", "three.fanout", true);
            for (int i = 0; i < 20; i++) {
                publisher.publish("three.fanout", ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < 20; i++) {
                for (Subscription subscription : List.of(subB, subC)) {
                    Message message = subscription.nextMessage(Duration.ofSeconds(5));
                    assertThat(message).isNotNull();
                    assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("m" + i);
                }
            }
            assertThat(subB.nextMessage(Duration.ofMillis(200))).isNull();
            assertThat(subC.nextMessage(Duration.ofMillis(50))).isNull();
        }
    }

    @Test
    void requestsAreAnsweredAcrossEveryPairOfClusters() throws Exception {
        List<List<JnatsdServer>> clusters = List.of(a, b, c);
        String[] names = {"A", "B", "C"};
        for (int responder = 0; responder < 3; responder++) {
            try (Connection service = Nats.connect(clusters.get(responder).get(2).clientUrl())) {
                Dispatcher dispatcher = service.createDispatcher(m -> service.publish(m.getReplyTo(), m.getData()));
                dispatcher.subscribe("three.svc." + names[responder]);
                service.flush(Duration.ofSeconds(2));
                for (int requester = 0; requester < 3; requester++) {
                    if (requester == responder) {
                        continue;
                    }
                    SUPERCLUSTER.awaitInterest(names[requester], names[responder], "three.svc." + names[responder], true);
                    try (Connection client = Nats.connect(clusters.get(requester).get(1).clientUrl())) {
                        Message reply = client.request("three.svc." + names[responder],
                                names[requester].getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
                        assertThat(reply).as("%s asks %s", names[requester], names[responder]).isNotNull();
                        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo(names[requester]);
                    }
                }
            }
        }
    }
}
