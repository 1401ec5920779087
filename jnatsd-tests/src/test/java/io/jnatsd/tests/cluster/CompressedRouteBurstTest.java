package io.jnatsd.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.cluster.RouteConnection;
import io.jnatsd.config.ClusterOptions;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A compressed route under a burst: 10,000 messages of 1 KiB published as fast as one socket
 * write goes, all delivered across the route, nobody cut as a slow consumer.
 *
 * <p>Why it once failed: a few compressed bytes decode to megabytes (identical messages compress
 * several hundredfold), so one read of the route delivered far more than the room between the
 * producer-stall mark and the subscriber's max_pending before the stall could take effect, and
 * the subscriber was closed as slow. The servers run with a small max_pending and the subscriber
 * with a small receive buffer, so that room is tight.
 */
class CompressedRouteBurstTest {
    private static final int MESSAGES = 10_000;
    private static final int PAYLOAD = 1024;
    private static final long MAX_PENDING = 4L << 20;

    @ParameterizedTest(name = "{0}, {1} payloads")
    @CsvSource({"s2_fast, identical", "s2_fast, json", "s2_better, json", "s2_best, identical"})
    void burstCrossesCompressedRouteWithoutLossOrSlowConsumer(String mode, String payloads) throws Exception {
        try (JnatsdServer a = server("A", mode, 0);
             JnatsdServer b = server("B", mode, a.server().cluster().listenPort())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> a.server().cluster().routes().size() == 4
                    && b.server().cluster().routes().size() == 4);
            assertThat(a.server().cluster().routes()).extracting(RouteConnection::compressionMode).containsOnly(mode);
            try (CountingSubscriber subscriber = new CountingSubscriber(b, "burst")) {
                await().atMost(Duration.ofSeconds(10)).until(() -> a.server().cluster().routes().stream()
                        .anyMatch(route -> route.remoteInterest().stream().anyMatch(s -> s.subject().equals("burst"))));

                publishBurst(a, frames(payloads.equals("json")));

                await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.received() >= MESSAGES
                        || subscriber.closed());
                assertThat(subscriber.closed()).as("subscriber closed by the server").isFalse();
                assertThat(subscriber.received()).isEqualTo(MESSAGES);
            }
            assertThat(a.server().statistics().slowConsumers()).isZero();
            assertThat(b.server().statistics().slowConsumers()).isZero();
        }
    }

    private static JnatsdServer server(String name, String compression, int seed) throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder().serverName(name);
        builder.options().maxPending(MAX_PENDING).cluster(ClusterOptions.listen("127.0.0.1", 0).withName("Z")
                .withCompression(compression)
                .withRoutes(seed == 0 ? List.of() : List.of(URI.create("nats-route://127.0.0.1:" + seed))));
        return builder.start();
    }

    /** Every PUB frame of the burst, back to back. */
    private static byte[] frames(boolean json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(MESSAGES * (PAYLOAD + 32));
        byte[] header = ("PUB burst " + PAYLOAD + "\r\n").getBytes(StandardCharsets.US_ASCII);
        SplittableRandom random = new SplittableRandom(14);
        byte[] identical = "0123456789abcdef".repeat(PAYLOAD / 16).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < MESSAGES; i++) {
            out.writeBytes(header);
            out.writeBytes(json ? document(random) : identical);
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        return out.toByteArray();
    }

    /** A JSON document of exactly {@link #PAYLOAD} bytes: the same keys, fresh values. */
    private static byte[] document(SplittableRandom random) {
        StringBuilder json = new StringBuilder(PAYLOAD).append("{\"readings\":[");
        while (json.length() < PAYLOAD - 140) {
            json.append("{\"sensor\":\"s-").append(random.nextInt(10_000)).append("\",\"ts\":")
                    .append(1_700_000_000_000L + random.nextInt(1 << 30)).append(",\"celsius\":")
                    .append(random.nextInt(-200, 400) / 10.0).append(",\"status\":\"ok\"},");
        }
        json.setLength(json.length() - 1);
        json.append("]}");
        while (json.length() < PAYLOAD) {
            json.append(' ');
        }
        return json.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** One raw client writes the whole burst at once, then waits for the PONG that proves A read it all. */
    private static void publishBurst(JnatsdServer server, byte[] frames) throws Exception {
        URI url = URI.create(server.clientUrl());
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("CONNECT {\"verbose\":false}\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(frames);
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder seen = new StringBuilder();
            while (seen.indexOf("PONG\r\n") < 0) {
                int c = in.read();
                assertThat(c).as("server closed the publisher: %s", seen).isNotNegative();
                seen.append((char) c);
            }
        }
    }
}
