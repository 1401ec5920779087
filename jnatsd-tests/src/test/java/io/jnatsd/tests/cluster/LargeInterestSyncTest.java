package io.jnatsd.tests.cluster;

import static io.jnatsd.tests.cluster.TestCluster.DEFAULT_CONNECTIONS_PER_REMOTE;
import static io.jnatsd.tests.cluster.TestCluster.awaitFullMesh;
import static io.jnatsd.tests.cluster.TestCluster.clusterPort;
import static io.jnatsd.tests.cluster.TestCluster.interestFrom;
import static io.jnatsd.tests.cluster.TestCluster.routesTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.jnatsd.JnatsdServer;
import io.jnatsd.cluster.RouteConnection;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * nats-server stumbled over a joining server's initial interest burst (its route was closed as a
 * slow consumer). A server joining one that holds 100,000 subscriptions must receive all of them
 * on the route that carries their account, and no route may close meanwhile (ROUTES.md §6.1).
 */
class LargeInterestSyncTest {
    private static final int SUBSCRIPTIONS = 100_000;

    private final TestCluster servers = new TestCluster();

    @AfterEach
    void stop() {
        servers.close();
    }

    @Test
    void aJoiningServerReceivesOneHundredThousandSubscriptionsWithoutItsRouteClosing() throws Exception {
        JnatsdServer holder = servers.start("BIG", List.of());
        try (Socket client = subscribeRaw(holder, "many.", SUBSCRIPTIONS);
             LogCapture log = LogCapture.of(RouteConnection.class, Level.INFO)) {
            JnatsdServer joiner = servers.start("JOIN", List.of(clusterPort(holder)));
            awaitFullMesh(List.of(holder, joiner), DEFAULT_CONNECTIONS_PER_REMOTE, Duration.ofSeconds(30));
            List<RouteConnection> firstRoutes = routesTo(joiner, holder);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> interestFrom(joiner, holder, "$G").size() == SUBSCRIPTIONS);
            assertThat(interestFrom(joiner, holder, "$G")).containsEntry("many.0", 1)
                    .containsEntry("many." + (SUBSCRIPTIONS - 1), 1);
            assertThat(routesTo(joiner, holder)).as("no route was replaced").containsExactlyInAnyOrderElementsOf(firstRoutes);
            assertThat(log.count("Slow Consumer")).isZero();
            assertThat(holder.server().statistics().slowConsumerRoutes()).isZero();

            // And the burst is usable: the last subject's subscriber gets what the joiner's clients publish.
            try (Connection publisher = Nats.connect(joiner.clientUrl());
                 Connection subscriber = Nats.connect(holder.clientUrl())) {
                Subscription last = subscriber.subscribe("many." + (SUBSCRIPTIONS - 1));
                subscriber.flush(Duration.ofSeconds(2));
                publisher.publish("many." + (SUBSCRIPTIONS - 1), "hi".getBytes());
                assertThat(last.nextMessage(Duration.ofSeconds(5))).isNotNull();
            }
        }
    }

    /** A raw client holding {@code count} subscriptions {@code prefix0..}: far cheaper than a library client. */
    private static Socket subscribeRaw(JnatsdServer server, String prefix, int count) throws Exception {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(90_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        assertThat(in.readLine()).startsWith("INFO ");
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        out.write("CONNECT {\"verbose\":false,\"pedantic\":false}\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < count; i++) {
            out.write(("SUB " + prefix + i + " " + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (int lines = 0; lines < 100; lines++) {
            String line = in.readLine();
            assertThat(line).as("server answer to the subscriptions").isNotNull().doesNotStartWith("-ERR");
            if (line.equals("PONG")) {
                return socket;
            }
        }
        throw new AssertionError("no PONG after the subscriptions");
    }
}
