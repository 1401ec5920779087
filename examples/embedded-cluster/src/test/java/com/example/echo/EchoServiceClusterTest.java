package com.example.echo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.jnatsd.testkit.JnatsdTest;
import io.jnatsd.testkit.NatsCluster;
import io.jnatsd.testkit.NatsTestCluster;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;

@JnatsdTest
class EchoServiceClusterTest {

    @NatsCluster(size = 3, faultInjection = true)
    NatsTestCluster cluster;

    @Test
    void keepsAnsweringWhenTheClientsServerIsKilled() throws Exception {
        Connection serviceSide = cluster.connect(2);
        try (EchoService service = new EchoService(serviceSide, "echo")) {
            serviceSide.flush(Duration.ofSeconds(2));
            Connection client = cluster.connect(0);
            assertEquals("HELLO", awaitReply(client, "hello"));

            cluster.kill(0);

            await().atMost(Duration.ofSeconds(5)).until(() -> client.getStatus() == Connection.Status.CONNECTED);
            assertNotEquals(cluster.url(0), client.getConnectedUrl());
            assertEquals("AGAIN", awaitReply(client, "again"));
        }
    }

    @Test
    void answersAcrossTheClusterWhileARouteIsCut() throws Exception {
        Connection serviceSide = cluster.connect(1);
        try (EchoService service = new EchoService(serviceSide, "echo")) {
            serviceSide.flush(Duration.ofSeconds(2));
            Connection client = cluster.connect(2);
            assertEquals("BEFORE", awaitReply(client, "before"));
            cluster.cut(0, 1);
            assertEquals("DURING", awaitReply(client, "during"));
        }
    }

    /** Interest travels between servers asynchronously: retry until the service is reachable. */
    private static String awaitReply(Connection client, String text) {
        Message reply = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> request(client, text), Objects::nonNull);
        return new String(reply.getData(), StandardCharsets.UTF_8);
    }

    private static Message request(Connection client, String text) {
        try {
            return client.request("echo", text.getBytes(StandardCharsets.UTF_8), Duration.ofMillis(300));
        } catch (Exception noRespondersYet) {
            return null;
        }
    }
}
