package io.jnatsd.bench.startup;

import io.jnatsd.bench.target.ProcessStats;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Launches one server and times its start from outside: from launching the process to the
 * first INFO a client receives, trying to connect every millisecond. The connection that gets
 * that INFO is the server's first client: how long it waited for INFO after its connect
 * succeeded, and how long CONNECT+PING then took to be answered, are its figures. CPU time
 * (user+system, in steps of 10 ms) and RSS are read from /proc the moment INFO arrives. The
 * read timeouts follow the start's deadline, so a slow start fails only when the deadline passes.
 */
final class StartProbe {
    private static final long RETRY_NANOS = 1_000_000L;
    private static final int IO_TIMEOUT_MILLIS = 10_000;

    /** One start; times in milliseconds. */
    record StartTiming(double launchToInfo, double firstInfoWait, double connectToPong, double cpu,
                       double rssMebibytes) {
    }

    private StartProbe() {
    }

    /**
     * @param tlsAuthority when the server requires TLS, the authority its certificate is signed by:
     *     CONNECT+PING then includes the TLS handshake, as for any client of such a server
     */
    static StartTiming measure(List<String> command, InetSocketAddress client, Path log, Duration timeout,
                               Path tlsAuthority) throws IOException {
        long launched = System.nanoTime();
        long deadline = launched + timeout.toNanos();
        try (StartedProcess server = StartedProcess.launch(command, log)) {
            while (true) {
                if (!server.isAlive()) {
                    throw new IOException("server exited before greeting a client; log " + log);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("no INFO within " + timeout.toMillis() + " ms; log " + log);
                }
                LineClient connection;
                try {
                    connection = LineClient.connect(client, IO_TIMEOUT_MILLIS);
                } catch (ConnectException notListeningYet) {
                    LockSupport.parkNanos(RETRY_NANOS);
                    continue;
                }
                try (connection) {
                    long connected = System.nanoTime();
                    connection.readTimeout((deadline - connected) / 1_000_000L);
                    String info = connection.readLine();
                    long greeted = System.nanoTime();
                    if (!info.startsWith("INFO ")) {
                        throw new IOException("first line was not INFO: " + info);
                    }
                    double cpu = ProcessStats.cpuNanos(server.pid()) / 1e6;
                    double rss = ProcessStats.residentKibibytes(server.pid()) / 1024.0;
                    connection.readTimeout((deadline - System.nanoTime()) / 1_000_000L);
                    if (tlsAuthority != null) {
                        connection.upgradeToTls(tlsAuthority);
                    }
                    connection.send("CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1}\r\nPING\r\n");
                    while (!connection.readFrame(null).startsWith("PONG")) {
                        // INFO updates or -ERR would show here; only the PONG ends the wait
                    }
                    long answered = System.nanoTime();
                    return new StartTiming(millis(greeted - launched), millis(greeted - connected),
                        millis(answered - greeted), cpu, rss);
                }
            }
        }
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }
}
