package io.jnatsd.bench.startup;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A NATS client connection read one protocol line at a time, for measuring single events (the
 * first INFO, the first delivery) rather than throughput. MSG and HMSG payloads are skipped,
 * server PINGs answered. One thread reads; others may send, since sends are serialized.
 */
final class LineClient implements AutoCloseable {
    private Socket socket;
    private InputStream input;
    private OutputStream output;
    private final StringBuilder line = new StringBuilder(128);
    /** The last whole line read, so that a close can say what came before it (an -ERR, often). */
    private String lastLine;

    private LineClient(Socket socket) throws IOException {
        this.socket = socket;
        this.input = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.output = socket.getOutputStream();
    }

    /** Connects; the server's INFO is the first thing {@link #readLine} returns. */
    static LineClient connect(InetSocketAddress address, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, timeoutMillis);
            if (socket.getLocalPort() == address.getPort()) {
                // A TCP self-connection to a port in the ephemeral range that nobody listens on
                // yet: not the server, and held open it would keep the server from binding.
                throw new ConnectException("self-connection to " + address);
            }
            socket.setSoTimeout(timeoutMillis);
            return new LineClient(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Turns the connection into TLS after INFO, as a client of a server that requires it does;
     * the server's certificate must be signed by {@code authority}.
     */
    void upgradeToTls(Path authority) throws IOException {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            try (InputStream pem = Files.newInputStream(authority)) {
                trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket,
                socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            tls.startHandshake();
            socket = tls;
            input = new BufferedInputStream(tls.getInputStream(), 64 * 1024);
            output = tls.getOutputStream();
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS set-up failed: " + e.getMessage(), e);
        }
    }

    /** Waits at most this long in each read from now on. */
    void readTimeout(long millis) throws IOException {
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, millis)));
    }

    synchronized void send(String protocolText) throws IOException {
        output.write(protocolText.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a whole frame may be read without waiting (at least its first byte has arrived). */
    boolean ready() throws IOException {
        return input.available() > 0;
    }

    /** The next protocol line without its CRLF; blocks up to the connect timeout. */
    String readLine() throws IOException {
        line.setLength(0);
        while (true) {
            int b = input.read();
            if (b < 0) {
                throw closed();
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                lastLine = line.toString();
                return lastLine;
            }
            line.append((char) b);
        }
    }

    /**
     * The next frame's control line, with a MSG's payload read into {@code payload} (may be null
     * to skip it). A PING is answered, then returned like any other line: waiting for another
     * frame after it could wait for ever.
     */
    String readFrame(StringBuilder payload) throws IOException {
        String control = readLine();
        if (control.startsWith("PING")) {
            send("PONG\r\n");
        } else if (control.startsWith("MSG ") || control.startsWith("HMSG ")) {
            // the last argument is the payload size, for HMSG the headers included
            int size = Integer.parseInt(control.substring(control.lastIndexOf(' ') + 1));
            if (payload != null) {
                payload.setLength(0);
            }
            for (int i = 0; i < size + 2; i++) {
                int b = input.read();
                if (b < 0) {
                    throw closed();
                }
                if (payload != null && i < size) {
                    payload.append((char) b);
                }
            }
        }
        return control;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private EOFException closed() {
        return new EOFException("connection closed by the server "
            + (lastLine == null ? "before it sent a line"
                : "after \"" + lastLine.substring(0, Math.min(lastLine.length(), 160)) + "\""));
    }
}
