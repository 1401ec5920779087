package io.jnatsd.tests.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A bare TCP client for protocol tests: sends exactly the bytes it is given and reads exactly
 * what the server writes, with every wait bounded. Lines are returned without their CRLF.
 */
public final class RawClient implements AutoCloseable {
    /** How long a single read may block before a test gives up on it. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** Bytes read from the socket but not yet handed out. */
    private final ByteArrayOutputStream unread = new ByteArrayOutputStream();
    private boolean endOfStream;
    /** The stream ended in a reset (RST) rather than an orderly end. */
    private boolean reset;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects without reading anything. */
    public static RawClient open(int port) throws IOException {
        return open(port, 0);
    }

    /** Connects with a small socket receive buffer (0: the default), to play a slow reader. */
    public static RawClient open(int port, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) DEFAULT_TIMEOUT.toMillis());
        return new RawClient(socket);
    }

    /** Connects and consumes the server's INFO line. */
    public static RawClient connect(int port) throws IOException {
        RawClient client = open(port);
        String info = client.readLine();
        if (!info.startsWith("INFO ")) {
            client.close();
            throw new IOException("expected INFO, got " + info);
        }
        return client;
    }

    /** Connects, reads INFO and sends CONNECT with these options, then syncs with PING/PONG. */
    public static RawClient connect(int port, String connectJson) throws IOException {
        RawClient client = connect(port);
        client.send("CONNECT " + connectJson + "\r\nPING\r\n");
        client.expectLine("PONG");
        return client;
    }

    public RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    public RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The next line (without CRLF), waiting at most {@link #DEFAULT_TIMEOUT}. */
    public String readLine() throws IOException {
        return readLine(DEFAULT_TIMEOUT);
    }

    public String readLine(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            byte[] pending = unread.toByteArray();
            for (int i = 0; i + 1 < pending.length; i++) {
                if (pending[i] == '\r' && pending[i + 1] == '\n') {
                    consume(pending, i + 2);
                    return new String(pending, 0, i, StandardCharsets.UTF_8);
                }
            }
            if (!fill(deadline)) {
                throw new IOException(endOfStream ? "connection closed, unread: " + text(pending)
                        : "no complete line within " + timeout + ", unread: " + text(pending));
            }
        }
    }

    /** Exactly {@code n} bytes (for payloads), waiting at most {@link #DEFAULT_TIMEOUT}. */
    public byte[] readBytes(int n) throws IOException {
        long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
        while (unread.size() < n) {
            if (!fill(deadline)) {
                throw new IOException("expected " + n + " bytes, have " + unread.size());
            }
        }
        byte[] pending = unread.toByteArray();
        consume(pending, n);
        return java.util.Arrays.copyOf(pending, n);
    }

    /** Reads the next line and fails unless it is exactly {@code expected}. */
    public RawClient expectLine(String expected) throws IOException {
        String line = readLine();
        if (!line.equals(expected)) {
            throw new AssertionError("expected line <" + expected + "> but got <" + line + ">");
        }
        return this;
    }

    /** Sends PING and reads everything up to its PONG: the lines the server sent before it. */
    public java.util.List<String> linesUntilPong() throws IOException {
        send("PING\r\n");
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String line = readLine();
            if (line.equals("PONG")) {
                return lines;
            }
            lines.add(line);
        }
        throw new AssertionError("no PONG after " + lines.size() + " lines");
    }

    /** Whether the server closes the connection within {@code timeout}; bytes before the close are kept. */
    public boolean isClosedWithin(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!endOfStream) {
            if (!fill(deadline) && !endOfStream) {
                return false;
            }
        }
        return true;
    }

    /**
     * Everything the server sends until it closes the connection, stays silent for {@code quiet},
     * or {@code max} has passed.
     */
    public Transcript collect(Duration quiet, Duration max) throws IOException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!endOfStream && System.nanoTime() < deadline) {
            long quietDeadline = Math.min(deadline, System.nanoTime() + quiet.toNanos());
            if (!fill(quietDeadline)) {
                break;
            }
        }
        byte[] all = unread.toByteArray();
        consume(all, all.length);
        return new Transcript(all, endOfStream);
    }

    /** What a server sent, and whether it had closed the connection by the end. */
    public record Transcript(byte[] bytes, boolean closed) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Reads once from the socket; false when the deadline passed or the stream ended first. */
    private boolean fill(long deadlineNanos) throws IOException {
        if (endOfStream) {
            return false;
        }
        long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (remainingMillis <= 0) {
            return false;
        }
        socket.setSoTimeout((int) Math.max(1, remainingMillis));
        byte[] chunk = new byte[64 * 1024];
        try {
            int n = in.read(chunk);
            if (n < 0) {
                endOfStream = true;
                return false;
            }
            unread.write(chunk, 0, n);
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            // A reset after the server closed with unread input on its side.
            endOfStream = true;
            reset = true;
            return false;
        }
    }

    private void consume(byte[] pending, int count) {
        unread.reset();
        unread.write(pending, count, pending.length - count);
    }

    private static String text(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** Whether the connection ended in a reset (RST) rather than an orderly close, as far as read so far. */
    public boolean wasReset() {
        return reset;
    }

    /** The client's own port: the server's log lines name the connection by it. */
    public int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
