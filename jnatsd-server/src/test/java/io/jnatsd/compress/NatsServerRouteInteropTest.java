package io.jnatsd.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two nats-server 2.10 with compressed routes, joined through {@link RouteS2Proxy}: messages
 * crossing the cluster in both directions arrive intact only if our decoder reads the Go
 * writer's S2 and the Go reader accepts our encoder's S2 at the given level.
 */
class NatsServerRouteInteropTest {
    private static final String SERVER_ENV = "NATS_SERVER_210";

    @TempDir
    Path directory;

    @ParameterizedTest(name = "servers {0}, proxy re-encodes {1}")
    @CsvSource({"s2_fast, FAST", "s2_better, BETTER", "s2_best, BEST", "s2_fast, UNCOMPRESSED"})
    void messagesCrossACompressedRouteReEncodedByTheJavaCodec(String serverMode, S2Level proxyLevel) throws Exception {
        String executable = System.getenv(SERVER_ENV);
        assumeTrue(executable != null && !executable.isBlank(), SERVER_ENV + " is not set: no reference nats-server to test against");
        try (NatsServerProcess acceptor = NatsServerProcess.start(executable, directory, "A", serverMode, null);
             RouteS2Proxy proxy = new RouteS2Proxy(acceptor.clusterPort, proxyLevel);
             NatsServerProcess solicitor = NatsServerProcess.start(executable, directory, "B", serverMode, proxy.port());
             RawNatsClient onAcceptor = new RawNatsClient(acceptor.clientPort);
             RawNatsClient onSolicitor = new RawNatsClient(solicitor.clientPort)) {
            List<byte[]> payloads = payloads(new Random(42));
            assertDelivered(onAcceptor, onSolicitor, "to.b", payloads);
            assertDelivered(onSolicitor, onAcceptor, "to.a", payloads);
            assertThat(proxy.failures()).isEmpty();
            RouteS2Proxy.Capture messageRoute = proxy.capturesFromAcceptor().stream()
                    .filter(capture -> new String(capture.decoded(), StandardCharsets.ISO_8859_1).contains("RMSG $G to.b"))
                    .findFirst().orElseThrow();
            saveCapture(messageRoute.raw(), serverMode);
        }
    }

    /** Subscribes on one server, then publishes on the other until the route carries interest. */
    private static void assertDelivered(RawNatsClient publisher, RawNatsClient subscriber, String subject,
            List<byte[]> payloads) throws IOException {
        subscriber.send("SUB " + subject + " 1\r\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        byte[] probe = "probe".getBytes(StandardCharsets.US_ASCII);
        boolean routed = false;
        while (!routed && System.nanoTime() < deadline) {
            publisher.publish(subject, probe);
            routed = subscriber.nextMessage() != null;
        }
        assertThat(routed).as("interest in " + subject + " crossed the route").isTrue();
        subscriber.send("UNSUB 1\r\nSUB " + subject + " 2\r\n");
        drainProbes(subscriber);
        publisher.publish(subject, probe);
        assertThat(subscriber.nextMessageWithin(deadline)).isEqualTo(probe);
        for (byte[] payload : payloads) {
            publisher.publish(subject, payload);
        }
        for (byte[] payload : payloads) {
            assertThat(subscriber.nextMessageWithin(deadline)).isEqualTo(payload);
        }
    }

    private static void drainProbes(RawNatsClient subscriber) throws IOException {
        while (subscriber.nextMessage() != null) {
            // probes published before the resubscription
        }
    }

    static List<byte[]> payloads(Random random) {
        List<byte[]> payloads = new ArrayList<>();
        for (int size : new int[] {1, 10, 100, 1000, 5000, 60_000, 200_000, 900_000}) {
            payloads.add(Payloads.jsonLike(size, random));
            payloads.add(Payloads.REPETITIVE.make(size, random));
            payloads.add(Payloads.RANDOM.make(size, random));
        }
        return payloads;
    }

    /**
     * Keeps the first chunks (up to 48 KiB) of the Go writer's stream under target/, from which
     * the committed fixtures of {@link CapturedRouteStreamTest} were taken.
     */
    private static void saveCapture(byte[] stream, String serverMode) throws IOException {
        int end = 0;
        while (end < stream.length) {
            int next = end + 4 + ((stream[end + 1] & 0xff) | (stream[end + 2] & 0xff) << 8 | (stream[end + 3] & 0xff) << 16);
            if (next > 48 * 1024) {
                break;
            }
            end = next;
        }
        Path target = Path.of("target", "s2-captures");
        Files.createDirectories(target);
        Files.write(target.resolve("nats-server-210-" + serverMode + ".s2"), java.util.Arrays.copyOf(stream, end));
    }
}
