package io.jnatsd.tests.monitor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Raw bytes to an HTTP port and everything it answers until it closes (or goes quiet). */
final class RawHttp {
    private RawHttp() {
    }

    /** What came back, and whether the server closed the connection within the wait. */
    record Exchange(String reply, boolean closed) {
        String statusLine() {
            int end = reply.indexOf("\r\n");
            return end < 0 ? reply : reply.substring(0, end);
        }

        /** The reply without its Date header, which differs by nature. */
        String withoutDate() {
            return reply.replaceAll("Date: [^\r]*\r\n", "");
        }
    }

    static Exchange send(int port, byte[] request, int quietMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(quietMillis);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException serverClosedEarly) {
                // the server may refuse and close before all of a large request is sent
            }
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            boolean closed = false;
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    reply.write(buffer, 0, n);
                }
                closed = true;
            } catch (SocketTimeoutException quiet) {
                closed = false;
            } catch (IOException reset) {
                closed = true;
            }
            return new Exchange(reply.toString(StandardCharsets.ISO_8859_1), closed);
        }
    }
}
