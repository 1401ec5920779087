package io.jnatsd.bench.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for a NATS server that costs next to nothing, used to find the load generator's own
 * ceiling: it discards whatever is published to it, answers PING, and on SUB streams pre-encoded
 * {@code MSG} frames of one payload size as fast as the socket takes them, until closed.
 *
 * <p>One thread per connection reads; a subscribed connection gets a second thread that writes.
 * Both write to the socket, so writes are serialised on the connection's output stream.
 */
public final class CalibrationServer implements AutoCloseable {

    private static final int BATCH_BYTES = 64 * 1024;
    private static final byte[] INFO = ("INFO {\"server_id\":\"calibration\",\"version\":\"0.0.0\",\"proto\":1,"
        + "\"headers\":false,\"max_payload\":1048576} \r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "PONG\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int payloadSize;
    private final ServerSocket listener;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicLong streamedMessages = new AtomicLong();
    private volatile boolean closed;

    public CalibrationServer(int payloadSize) throws IOException {
        this.payloadSize = payloadSize;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("calibration-accept", this::acceptUntilClosed).start();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    public long streamedMessages() {
        return streamedMessages.get();
    }

    private void acceptUntilClosed() {
        while (!closed) {
            try {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                connections.add(socket);
                daemon("calibration-read", () -> serve(socket)).start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            OutputStream output = socket.getOutputStream();
            writeLocked(output, INFO, INFO.length);
            FrameScanner scanner = new FrameScanner((bytes, offset, length) -> onControlLine(output, bytes, offset, length));
            InputStream input = socket.getInputStream();
            byte[] buffer = new byte[256 * 1024];
            for (int read = input.read(buffer); read >= 0 && !closed; read = input.read(buffer)) {
                scanner.scan(buffer, 0, read);
            }
        } catch (IOException | RuntimeException e) {
            // the client went away: nothing to clean up beyond the socket
        }
    }

    private int onControlLine(OutputStream output, byte[] bytes, int offset, int length) {
        if (ControlLine.hasVerb(bytes, offset, length, "PUB")) {
            return ControlLine.lastTokenAsSize(bytes, offset, length);
        }
        if (ControlLine.hasVerb(bytes, offset, length, "PING")) {
            writeLocked(output, PONG, PONG.length);
        } else if (ControlLine.hasVerb(bytes, offset, length, "SUB")) {
            String subject = ControlLine.token(bytes, offset, length, 1);
            String sid = ControlLine.token(bytes, offset, length, ControlLine.countTokens(bytes, offset, length) - 1);
            daemon("calibration-stream", () -> stream(output, subject, sid)).start();
        }
        return FrameScanner.NO_PAYLOAD;
    }

    private void stream(OutputStream output, String subject, String sid) {
        byte[] header = ("MSG " + subject + " " + sid + " " + payloadSize + "\r\n").getBytes(StandardCharsets.US_ASCII);
        int frameLength = header.length + payloadSize + 2;
        int frames = Math.max(1, BATCH_BYTES / frameLength);
        byte[] batch = new byte[frames * frameLength];
        for (int i = 0; i < frames; i++) {
            int frameStart = i * frameLength;
            System.arraycopy(header, 0, batch, frameStart, header.length);
            batch[frameStart + frameLength - 2] = '\r';
            batch[frameStart + frameLength - 1] = '\n';
        }
        while (!closed && writeLocked(output, batch, batch.length)) {
            streamedMessages.addAndGet(frames);
        }
    }

    private static boolean writeLocked(OutputStream output, byte[] bytes, int length) {
        synchronized (output) {
            try {
                output.write(bytes, 0, length);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }
}
