package io.jnatsd.transport.websocket;

import java.util.Locale;

/**
 * The status code of the close frame the server sends when it closes a websocket client, chosen
 * from the close reason as nats-server 2.10 chooses it (RFC 6455 §7.4.1 codes): policy violations
 * for limits and authentication, protocol errors for bad input, 1001 on shutdown. The frame's
 * body is the reason, cut to fit a control frame with "..." as nats-server cuts it.
 */
final class CloseStatus {
    static final int NORMAL = 1000;
    static final int GOING_AWAY = 1001;
    static final int PROTOCOL_ERROR = 1002;
    static final int ABNORMAL = 1006;
    static final int INVALID_PAYLOAD = 1007;
    static final int POLICY_VIOLATION = 1008;
    static final int MESSAGE_TOO_BIG = 1009;
    static final int INTERNAL_ERROR = 1011;
    static final int TLS_HANDSHAKE = 1015;
    /** A control frame's payload limit (RFC 6455 §5.5). */
    static final int MAX_CONTROL_PAYLOAD = 125;

    private CloseStatus() {
    }

    static int forReason(String reason) {
        if (reason == null) {
            return NORMAL;
        }
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.equals("client closed")) {
            return NORMAL;
        }
        if (r.equals("server shutdown")) {
            return GOING_AWAY;
        }
        if (r.startsWith("slow consumer") || r.contains("authentication") || r.contains("authorization")
                || r.startsWith("maximum") && !r.contains("payload") || r.contains("missing account")
                || r.contains("revoked")) {
            return POLICY_VIOLATION;
        }
        if (r.contains("payload")) {
            return MESSAGE_TOO_BIG;
        }
        if (r.contains("tls handshake")) {
            return TLS_HANDSHAKE;
        }
        if (r.contains("parse") || r.contains("parser") || r.contains("protocol")) {
            return PROTOCOL_ERROR;
        }
        if (r.equals("read error") || r.equals("write error") || r.equals("stale connection")) {
            return ABNORMAL;
        }
        return INTERNAL_ERROR;
    }

    /**
     * The close reason in nats-server's words (its closed-state names), where jnatsd's reason is
     * the error text of the failure: {@code Authentication Failure}, {@code Maximum Message Payload Exceeded}.
     */
    static String goReason(String reason) {
        if (reason == null) {
            return "Client Closed";
        }
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.startsWith("authentication error") || r.equals("authorization violation")) {
            return "Authentication Failure";
        }
        if (r.startsWith("maximum payload exceeded")) {
            return "Maximum Message Payload Exceeded";
        }
        if (r.startsWith("maximum control line exceeded")) {
            return "Maximum Control Line Exceeded";
        }
        return reason;
    }

    /** A close frame's payload: the status, then the body (UTF-8) cut to fit 125 bytes. */
    static byte[] payload(int status, String body) {
        byte[] text = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (text.length > MAX_CONTROL_PAYLOAD - 2) {
            byte[] cut = new byte[MAX_CONTROL_PAYLOAD - 2];
            System.arraycopy(text, 0, cut, 0, MAX_CONTROL_PAYLOAD - 5);
            cut[cut.length - 3] = '.';
            cut[cut.length - 2] = '.';
            cut[cut.length - 1] = '.';
            text = cut;
        }
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (status >> 8);
        payload[1] = (byte) status;
        System.arraycopy(text, 0, payload, 2, text.length);
        return payload;
    }
}
