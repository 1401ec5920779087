package io.jnatsd.tests.cluster;

import io.jnatsd.JnatsdServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A raw subscriber with a small socket receive buffer that counts MSG frames: it keeps up on
 * average but cannot take a burst at once, so the server must hold the burst back.
 */
final class CountingSubscriber implements AutoCloseable {
    private static final int READ_BYTES = 32 * 1024;

    private final Socket socket;
    private final Thread reader;
    private volatile int received;
    private volatile boolean closed;

    CountingSubscriber(JnatsdServer server, String subject) throws IOException {
        URI url = URI.create(server.clientUrl());
        socket = new Socket(url.getHost(), url.getPort());
        socket.setReceiveBufferSize(READ_BYTES);
        socket.getOutputStream().write(("CONNECT {\"verbose\":false}\r\nSUB " + subject + " 1\r\nPING\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        reader = new Thread(this::readFrames, "counting-subscriber");
        reader.setDaemon(true);
        reader.start();
    }

    int received() {
        return received;
    }

    /** Whether the server closed this connection (or the read failed). */
    boolean closed() {
        return closed;
    }

    private void readFrames() {
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream(), READ_BYTES);
            StringBuilder line = new StringBuilder();
            while (true) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                if (c != '\n') {
                    line.append((char) c);
                    continue;
                }
                String control = line.toString().trim();
                line.setLength(0);
                if (control.startsWith("MSG ")) {
                    int size = Integer.parseInt(control.substring(control.lastIndexOf(' ') + 1));
                    in.skipNBytes(size + 2);
                    received++;
                } else if (control.equals("PING")) {
                    socket.getOutputStream().write("PONG\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
        } catch (IOException e) {
            // closed below
        }
        closed = true;
    }

    @Override
    public void close() throws Exception {
        socket.close();
        reader.join(TimeUnit.SECONDS.toMillis(5));
    }
}
