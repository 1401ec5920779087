package io.jnatsd.tests.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A bare client that sees exactly what the server sends, in clear or after upgrading to TLS,
 * with bounded waits: the tools to check what a jnats client hides.
 */
final class RawClient implements AutoCloseable {
    private static final int MAX_DRAIN_BYTES = 1 << 16;

    private final Socket plain;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawClient(int port) throws IOException {
        plain = new Socket("127.0.0.1", port);
        plain.setSoTimeout(5000);
        use(plain);
    }

    private void use(Socket s) throws IOException {
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    /** Continues over TLS on the same connection (after the clear INFO, as clients do). */
    RawClient upgrade(SSLContext context) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        use(tls);
        return this;
    }

    /** The server's certificate, after {@link #upgrade}. */
    X509Certificate serverCertificate() throws IOException {
        return (X509Certificate) ((SSLSocket) socket).getSession().getPeerCertificates()[0];
    }

    /** One line (through LF), or what came before the connection closed. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && line.size() < MAX_DRAIN_BYTES; b = in.read()) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Whether the server closed the connection (end of stream, reset or TLS alert) within the read timeout. */
    boolean closedByServer() {
        try {
            for (int read = 0; read < MAX_DRAIN_BYTES; read++) {
                if (in.read() < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException resetOrAlert) {
            return true;
        }
    }

    /** Whether a CONNECT and PING over this connection go unanswered because the server closes it. */
    boolean refusesConnect() {
        try {
            send("CONNECT {\"verbose\":false}\r\nPING\r\n");
            return !readLine().startsWith("PONG") && closedByServer();
        } catch (IOException closed) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        plain.close();
    }
}
