package io.jnatsd.transport.websocket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/**
 * The bytes nats-server 2.10.27 answers an upgrade request with, header for header (checked
 * against the real server): the 101 with {@code Sec-WebSocket-Accept} and the negotiated
 * extensions, and Go's {@code http.Error} replies for refused requests.
 */
final class HandshakeResponses {
    /** RFC 6455 §1.3. */
    private static final byte[] GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11".getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
    /** What Go's HTTP server says to a request it cannot parse, before any handler runs. */
    static final byte[] MALFORMED = ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Connection: close\r\n\r\n400 Bad Request").getBytes(StandardCharsets.US_ASCII);
    /** Go's HTTP server: an HTTP/1.1 request must name its host. */
    static final byte[] MISSING_HOST = ("HTTP/1.1 400 Bad Request: missing required Host header\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Connection: close\r\n\r\n400 Bad Request: missing required Host header").getBytes(StandardCharsets.US_ASCII);

    private HandshakeResponses() {
    }

    static byte[] switching(String key, boolean compress, boolean noMasking) {
        StringBuilder response = new StringBuilder(200)
                .append("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Accept: ").append(acceptKey(key)).append("\r\n");
        if (compress) {
            response.append("Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; "
                    + "client_no_context_takeover\r\n");
        }
        if (noMasking) {
            response.append("Nats-No-Masking: true\r\n");
        }
        return response.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Go's {@code http.Error} with nats-server's added version header; {@code close} adds Go's Connection line. */
    static byte[] error(String protocol, int status, boolean close) {
        String text = reasonPhrase(status);
        String body = text + "\n";
        return (protocol + " " + status + " " + text + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Sec-Websocket-Version: 13\r\n"
                + "X-Content-Type-Options: nosniff\r\n"
                + "Date: " + HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + (close && protocol.equals("HTTP/1.1") ? "Connection: close\r\n" : "")
                + "\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 405 -> "Method Not Allowed";
            default -> "Internal Server Error";
        };
    }

    /** Base64 of the SHA-1 of the client's key and the protocol's GUID. */
    static String acceptKey(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(key.getBytes(StandardCharsets.UTF_8));
            sha1.update(GUID);
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
