package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the server sends its first PING to a client (CLIENT.md §8). nats-server starts a client's
 * ping timer at the full {@code ping_interval} when it accepts the connection, and restarts it
 * with the short first-ping delay (2 s plus up to 20 %) when the CONNECT arrives: a client still
 * busy before its CONNECT never sees a PING where it expects the answer to its own first PING.
 * The same script runs against nats-server 2.10 when {@code NATS_SERVER_210} names one.
 */
class FirstServerPingTest {
    private static final Duration PING_INTERVAL = Duration.ofSeconds(4);
    /** Longer than the short first-ping delay (at most 2.4 s), shorter than the interval. */
    private static final Duration SILENCE_BEFORE_CONNECT = Duration.ofMillis(2600);

    @TempDir
    Path workDirectory;

    @Test
    void jnatsdPingsOnlyAfterConnectAndThenAfterTheShortFirstDelay() throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder();
        builder.options().pingInterval(PING_INTERVAL);
        try (JnatsdServer server = builder.start()) {
            assertFirstPingFollowsConnect(server.port());
        }
    }

    @Test
    void natsServerPingsOnlyAfterConnectAndThenAfterTheShortFirstDelay() throws Exception {
        String binary = GoServerProcess.assumeBinary();
        try (GoServerProcess go = GoServerProcess.start(binary, workDirectory,
                "ping_interval: \"" + PING_INTERVAL.toSeconds() + "s\"\n")) {
            assertFirstPingFollowsConnect(go.port());
        }
    }

    private static void assertFirstPingFollowsConnect(int port) throws Exception {
        try (RawClient client = RawClient.connect(port)) {
            RawClient.Transcript beforeConnect = client.collect(SILENCE_BEFORE_CONNECT, SILENCE_BEFORE_CONNECT);
            assertThat(beforeConnect.text()).as("sent before CONNECT").isEmpty();

            client.send("CONNECT {\"verbose\":false}\r\n");
            long connectedNanos = System.nanoTime();
            assertThat(client.readLine(Duration.ofSeconds(4))).isEqualTo("PING");
            Duration afterConnect = Duration.ofNanos(System.nanoTime() - connectedNanos);
            // The interval's timer would have fired 1.4 s after this CONNECT; the restarted one fires at 2-2.4 s.
            assertThat(afterConnect).isBetween(Duration.ofMillis(1900), Duration.ofMillis(3200));
        }
    }
}
