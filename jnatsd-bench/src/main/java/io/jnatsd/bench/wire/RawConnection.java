package io.jnatsd.bench.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One client connection that speaks just enough of the NATS protocol for a load generator:
 * the INFO/CONNECT/PING handshake, raw writes, and counting of MSG frames.
 *
 * <p>Threading: one thread reads at a time (the connection's owner during set-up, then a
 * {@link RawSubscriber} thread), and that same thread answers server PINGs. Counters are kept in
 * plain fields by the reading thread and published through volatile fields once per read, so
 * that counting a message costs no memory fence. Writes come from one thread at a time too.
 */
public final class RawConnection implements FrameScanner.Listener, AutoCloseable {

    /** Reads wake up this often so that stop flags and deadlines are noticed. */
    private static final int READ_POLL_MILLIS = 100;
    private static final int LOAD_READ_BUFFER_BYTES = 256 * 1024;
    private static final int IDLE_READ_BUFFER_BYTES = 2 * 1024;
    private static final byte[] PONG = "PONG\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final InputStream input;
    private final OutputStream output;
    private final FrameScanner scanner = new FrameScanner(this);
    private final byte[] readBuffer;

    private long messages;
    private long probes;
    private long pongs;
    private boolean pingOwed;
    private String info;

    private volatile long publishedMessages;
    private volatile long publishedProbes;
    private volatile long lastArrivalNanos;
    private volatile String serverError;

    private RawConnection(Socket socket, int readBufferBytes) throws IOException {
        this.socket = socket;
        this.readBuffer = new byte[readBufferBytes];
        this.input = socket.getInputStream();
        this.output = socket.getOutputStream();
    }

    /** Opens a connection with a large read buffer, for carrying load. */
    public static RawConnection open(InetSocketAddress address, String name, Duration timeout) throws IOException {
        return open(address, name, timeout, LOAD_READ_BUFFER_BYTES);
    }

    /** Opens a connection with a small read buffer, for holding thousands of idle connections. */
    public static RawConnection openIdle(InetSocketAddress address, String name, Duration timeout) throws IOException {
        return open(address, name, timeout, IDLE_READ_BUFFER_BYTES);
    }

    /** Connects, reads INFO, sends a non-verbose CONNECT and waits for the PONG that proves the server took it. */
    private static RawConnection open(InetSocketAddress address, String name, Duration timeout, int readBufferBytes)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) Math.max(1, timeout.toMillis()));
            socket.setSoTimeout(READ_POLL_MILLIS);
            RawConnection connection = new RawConnection(socket, readBufferBytes);
            connection.readUntil(() -> connection.info != null, deadline);
            connection.send("CONNECT {\"verbose\":false,\"pedantic\":false,\"name\":\"" + name
                + "\",\"lang\":\"jnatsd-bench\",\"version\":\"1\",\"protocol\":1}\r\n");
            connection.flush(deadline);
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    public void send(String protocolText) throws IOException {
        byte[] bytes = protocolText.getBytes(StandardCharsets.UTF_8);
        write(bytes, 0, bytes.length);
    }

    public void write(byte[] bytes, int offset, int length) throws IOException {
        output.write(bytes, offset, length);
    }

    /** Sends PING and reads until its PONG: everything written before is then processed by the server. */
    public void flush(long deadlineNanos) throws IOException {
        long expected = pongs + 1;
        write(PING, 0, PING.length);
        readUntil(() -> pongs >= expected, deadlineNanos);
    }

    /** Reads until the condition holds; fails on end of stream, a server error, or the deadline. */
    public void readUntil(BooleanSupplier done, long deadlineNanos) throws IOException {
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new IOException("timed out waiting for the server"
                    + (serverError == null ? "" : " (server said " + serverError + ")"));
            }
            if (!readOnce()) {
                throw new IOException("connection closed by the server"
                    + (serverError == null ? "" : " after " + serverError));
            }
        }
    }

    /**
     * One blocking read (at most {@value #READ_POLL_MILLIS} ms) and the frames in it.
     *
     * @return false once the server has closed the connection
     */
    public boolean readOnce() throws IOException {
        int read;
        try {
            read = input.read(readBuffer);
        } catch (SocketTimeoutException idle) {
            return true;
        }
        if (read < 0) {
            return false;
        }
        scanner.scan(readBuffer, 0, read);
        lastArrivalNanos = System.nanoTime();
        publishedMessages = messages;
        publishedProbes = probes;
        if (pingOwed) {
            pingOwed = false;
            write(PONG, 0, PONG.length);
        }
        return true;
    }

    @Override
    public int onControlLine(byte[] bytes, int offset, int length) {
        if (ControlLine.hasVerb(bytes, offset, length, "MSG")) {
            return countMessage(bytes, offset, length);
        }
        if (ControlLine.hasVerb(bytes, offset, length, "PING")) {
            pingOwed = true;
        } else if (ControlLine.hasVerb(bytes, offset, length, "PONG")) {
            pongs++;
        } else if (ControlLine.hasVerb(bytes, offset, length, "INFO")) {
            if (info == null) {
                info = ControlLine.text(bytes, offset, length);
            }
        } else if (ControlLine.hasVerb(bytes, offset, length, "-ERR")) {
            serverError = ControlLine.text(bytes, offset, length);
        }
        return FrameScanner.NO_PAYLOAD;
    }

    /** A MSG with a reply subject is a probe (see {@link RawPublisher#probe}); the measured ones have none. */
    private int countMessage(byte[] bytes, int offset, int length) {
        int size = ControlLine.lastTokenAsSize(bytes, offset, length);
        if (ControlLine.countTokens(bytes, offset, length) == 5) {
            probes++;
        } else {
            messages++;
        }
        return size;
    }

    public long messages() {
        return publishedMessages;
    }

    public long probes() {
        return publishedProbes;
    }

    public long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    /** The last -ERR line from the server, or null. */
    public String serverError() {
        return serverError;
    }

    /** Closes with a reset instead of a FIN handshake so that thousands of closed sockets leave no TIME_WAIT behind. */
    public void closeAbruptly() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // the socket is going away either way
        }
        close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
