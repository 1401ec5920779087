package io.jnatsd.compress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy between two nats-server route endpoints that follows the compression switch
 * (ROUTES.md section 10): it passes the clear handshake lines, then decodes each direction's S2
 * stream with {@link S2StreamReader} and re-encodes it with {@link S2StreamWriter}. The servers
 * thus decode only our encoder's output, and our decoder sees only theirs.
 */
final class RouteS2Proxy implements AutoCloseable {
    private static final int MAX_LINE = 64 * 1024;

    private final ServerSocket listener;
    private final int targetPort;
    private final S2Level level;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<Capture> capturesFromAcceptor = new CopyOnWriteArrayList<>();

    /** What the acceptor sent on one connection after switching to S2: off the wire and decoded. */
    static final class Capture {
        private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
        private final ByteArrayOutputStream decoded = new ByteArrayOutputStream();

        synchronized byte[] raw() {
            return raw.toByteArray();
        }

        synchronized byte[] decoded() {
            return decoded.toByteArray();
        }
    }

    RouteS2Proxy(int targetPort, S2Level level) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.level = level;
        Thread acceptor = new Thread(this::acceptLoop, "s2-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    List<Throwable> failures() {
        return failures;
    }

    /** One capture per route connection, in the order they were accepted. */
    List<Capture> capturesFromAcceptor() {
        return capturesFromAcceptor;
    }

    private void acceptLoop() {
        try {
            while (!listener.isClosed()) {
                Socket solicitor = listener.accept();
                Socket acceptor = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(solicitor);
                sockets.add(acceptor);
                start("solicitor->acceptor", solicitor, acceptor, 2, null);
                Capture capture = new Capture();
                capturesFromAcceptor.add(capture);
                start("acceptor->solicitor", acceptor, solicitor, 1, capture);
            }
        } catch (IOException closed) {
            // listener closed by close()
        }
    }

    /** Relays {@code clearLines} lines as they are (the last one an INFO), then S2. */
    private void start(String name, Socket from, Socket to, int clearLines, Capture capture) {
        Thread relay = new Thread(() -> {
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int line = 0; line < clearLines; line++) {
                    out.write(readLine(in));
                    out.flush();
                }
                relayS2(in, out, capture);
            } catch (S2FormatException | RuntimeException e) {
                if (!(e instanceof UncheckedIOException)) {
                    failures.add(e);
                }
            } catch (IOException closed) {
                // a server closed its side; the test judges by what arrived
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "s2-proxy-" + name);
        relay.setDaemon(true);
        relay.start();
    }

    private void relayS2(InputStream in, OutputStream out, Capture capture) throws IOException, S2FormatException {
        S2StreamReader reader = new S2StreamReader();
        S2StreamWriter writer = new S2StreamWriter(level);
        ByteSink toPeer = (bytes, offset, length) -> {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        byte[] buffer = new byte[32 * 1024];
        for (int read; (read = in.read(buffer)) > 0; ) {
            if (capture != null) {
                synchronized (capture) {
                    capture.raw.write(buffer, 0, read);
                }
            }
            reader.feed(buffer, 0, read, (bytes, offset, length) -> {
                if (capture != null) {
                    synchronized (capture) {
                        capture.decoded.write(bytes, offset, length);
                    }
                }
                writer.write(bytes, offset, length, toPeer);
            });
            out.flush();
        }
    }

    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; line.size() < MAX_LINE && (b = in.read()) >= 0; ) {
            line.write(b);
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                if (text.startsWith("CONNECT") || text.startsWith("INFO")) {
                    return line.toByteArray();
                }
                throw new IOException("unexpected clear line " + text);
            }
        }
        throw new IOException("connection closed during the clear handshake");
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }
}
