package io.jnatsd.tests.websocket;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A bare WebSocket client over a socket, for what real clients never send: odd upgrade requests,
 * unmasked or malformed frames, hand-made compressed frames. Every read is bounded by the socket's
 * timeout.
 */
final class RawWebsocket implements AutoCloseable {
    static final int TEXT = 1;
    static final int BINARY = 2;
    static final int CLOSE = 8;
    static final int PING = 9;
    static final int PONG = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One frame as received. */
    record Frame(boolean fin, boolean compressed, int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeStatus() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        String closeText() {
            return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private String responseHead;

    RawWebsocket(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = new DataInputStream(socket.getInputStream());
    }

    /** A request with the usual upgrade headers and these extra header lines (each ending in CRLF). */
    static String request(int port, String extraHeaders) {
        return "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Reads the HTTP response head (up to the blank line) and returns it. */
    String readResponseHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed after: " + head);
            }
            head.append((char) b);
        }
        responseHead = head.toString();
        return responseHead;
    }

    /** Reads an error reply's body (after its head), by its Content-Length. */
    String readBody() throws IOException {
        int length = Integer.parseInt(responseHead.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
        byte[] body = new byte[length];
        in.readFully(body);
        return new String(body, StandardCharsets.US_ASCII);
    }

    /** Upgrades; the 101 head is returned. */
    String upgrade(int port, String extraHeaders) throws IOException {
        send(request(port, extraHeaders));
        return readResponseHead();
    }

    void sendFrame(int opcode, byte[] payload, boolean masked) throws IOException {
        sendFrame(opcode, payload, masked, true, false);
    }

    void sendFrame(int opcode, byte[] payload, boolean masked, boolean fin, boolean compressed) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | (compressed ? 0x40 : 0) | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length < 65536) {
            frame.write(maskBit | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        byte[] body = payload.clone();
        if (masked) {
            byte[] key = new byte[4];
            RANDOM.nextBytes(key);
            frame.write(key, 0, 4);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= key[i & 3];
            }
        }
        frame.write(body, 0, body.length);
        send(frame.toByteArray());
    }

    void sendText(String protocol) throws IOException {
        sendFrame(BINARY, protocol.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Sends the protocol text deflated as permessage-deflate wants it (sync flush, tail cut). */
    void sendCompressed(String protocol) throws IOException {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(protocol.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[protocol.length() + 256];
        int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        deflater.end();
        byte[] payload = java.util.Arrays.copyOf(out, n - 4);
        sendFrame(BINARY, payload, true, true, true);
    }

    Frame readFrame() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame((b0 & 0x80) != 0, (b0 & 0x40) != 0, b0 & 0x0f, payload);
    }

    /** The payload of the next data frame, inflated when compressed, as text. */
    String readData() throws IOException {
        Frame frame = readFrame();
        if (!frame.compressed()) {
            return frame.text();
        }
        return inflate(frame.payload());
    }

    static String inflate(byte[] compressed) throws IOException {
        Inflater inflater = new Inflater(true);
        byte[] input = java.util.Arrays.copyOf(compressed, compressed.length + 4);
        input[compressed.length + 2] = (byte) 0xff;
        input[compressed.length + 3] = (byte) 0xff;
        inflater.setInput(input);
        byte[] out = new byte[1 << 20];
        try {
            int n = inflater.inflate(out);
            return new String(out, 0, n, StandardCharsets.UTF_8);
        } catch (java.util.zip.DataFormatException e) {
            throw new IOException(e);
        } finally {
            inflater.end();
        }
    }

    /** Reads data frames until their text contains {@code expected}; returns all text read. */
    String readUntil(String expected) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().contains(expected)) {
            seen.append(readData());
        }
        return seen.toString();
    }

    /** Whether the server closed the socket (a read ends) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain what is left
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    InputStream input() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
