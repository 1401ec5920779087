package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connection closed on a protocol error stops reading at the error, as nats-server's read loop
 * does: what the client sent after it stays unread, so the close resets the connection instead
 * of ending it cleanly. Clients tell the two apart: nats.js, sending a payload above max_payload,
 * ends with ECONNRESET against nats-server, where a clean end would make the -ERR its reason.
 */
class UnreadInputAtCloseTest {
    private static final int MAX_PAYLOAD = 16;
    /** Far more than one read of the server takes, so most of it is still unread at the close. */
    private static final int PAYLOAD = 100_000;

    private JnatsdServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPayloadAboveMaxPayloadGetsTheErrorThenAReset() throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder();
        builder.options().maxPayload(MAX_PAYLOAD);
        server = builder.start();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            String info = readLine(in);
            assertThat(info).startsWith("INFO ");
            socket.getOutputStream().write("CONNECT {\"verbose\":false}\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(in)).isEqualTo("PONG");

            ByteArrayOutputStream publish = new ByteArrayOutputStream();
            publish.writeBytes(("PUB big " + PAYLOAD + "\r\n").getBytes(StandardCharsets.US_ASCII));
            publish.writeBytes(new byte[PAYLOAD]);
            publish.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(publish.toByteArray());

            StringBuilder received = new StringBuilder();
            String end = readToEnd(in, received);
            assertThat(received.toString()).isEqualTo("-ERR 'Maximum Payload Violation'\r\n");
            assertThat(end).isEqualTo("reset");
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("closed after <" + line + ">");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** "reset" or "end of stream", whichever the reads meet first; what was read before goes to {@code received}. */
    private static String readToEnd(InputStream in, StringBuilder received) throws IOException {
        byte[] chunk = new byte[4096];
        try {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                received.append(new String(chunk, 0, n, StandardCharsets.US_ASCII));
            }
            return "end of stream";
        } catch (SocketException e) {
            return "reset";
        }
    }
}
