package io.jnatsd.bench.target;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Readiness of a NATS client port: a server is ready once a fresh connection is greeted with an
 * {@code INFO } line. A listening socket alone is not enough: a JVM may bind before it serves.
 */
final class ClientPort {

    private static final long RETRY_NANOS = 50_000_000L;
    private static final int READ_TIMEOUT_MILLIS = 2_000;
    private static final byte[] INFO = "INFO ".getBytes(StandardCharsets.US_ASCII);

    private ClientPort() {
    }

    /**
     * Connects again and again until the server greets with INFO.
     *
     * @param deadlineNanos {@link System#nanoTime()} after which it gives up
     * @param stillWorthWaiting checked between attempts; false (a process that exited) ends the wait at once
     * @throws IOException when the deadline passes or waiting stops, with the last failure's reason
     */
    static void awaitInfo(InetSocketAddress address, long deadlineNanos, BooleanSupplier stillWorthWaiting)
            throws IOException {
        String lastProblem = "no attempt";
        while (stillWorthWaiting.getAsBoolean()) {
            try {
                if (greetsWithInfo(address)) {
                    return;
                }
                lastProblem = "the first line was not INFO";
            } catch (IOException e) {
                lastProblem = e.toString();
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new IOException("no INFO from " + address + " in time (" + lastProblem + ")");
            }
            LockSupport.parkNanos(RETRY_NANOS);
        }
        throw new IOException("gave up waiting for INFO from " + address + " (" + lastProblem + ")");
    }

    private static boolean greetsWithInfo(InetSocketAddress address) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, READ_TIMEOUT_MILLIS);
            if (socket.getLocalPort() == address.getPort()) {
                // A TCP self-connection (nobody listens yet): it would keep the server from binding.
                return false;
            }
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            return Arrays.equals(socket.getInputStream().readNBytes(INFO.length), INFO);
        }
    }
}
