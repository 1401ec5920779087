package io.jnatsd.compress;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Just enough of the client protocol over a raw socket to publish and receive messages. */
final class RawNatsClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();

    RawNatsClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(200);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        send("CONNECT {\"verbose\":false,\"pedantic\":false}\r\n");
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    void publish(String subject, byte[] payload) throws IOException {
        out.write(("PUB " + subject + " " + payload.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
        out.write(new byte[] {'\r', '\n'});
        out.flush();
    }

    /** The next message payload, or null if none arrived within the socket timeout. */
    byte[] nextMessage() throws IOException {
        try {
            while (true) {
                String line = readLine();
                if (line.startsWith("MSG ")) {
                    String[] fields = line.trim().split(" ");
                    socket.setSoTimeout(10_000);
                    byte[] payload = in.readNBytes(Integer.parseInt(fields[fields.length - 1]));
                    in.readNBytes(2);
                    socket.setSoTimeout(200);
                    return payload;
                }
                if (line.startsWith("PING")) {
                    send("PONG\r\n");
                }
            }
        } catch (SocketTimeoutException nothingYet) {
            return null;
        }
    }

    /** Reads a line; a timeout keeps the bytes read so far for the next call. */
    /** The next message payload, waiting until {@code deadlineNanos} (System.nanoTime) at most. */
    byte[] nextMessageWithin(long deadlineNanos) throws IOException {
        while (System.nanoTime() < deadlineNanos) {
            byte[] payload = nextMessage();
            if (payload != null) {
                return payload;
            }
        }
        return null;
    }

    private String readLine() throws IOException {
        for (int b; (b = in.read()) >= 0; ) {
            partialLine.write(b);
            if (b == '\n') {
                String line = partialLine.toString(StandardCharsets.US_ASCII);
                partialLine.reset();
                return line;
            }
        }
        throw new IOException("server closed the connection");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
