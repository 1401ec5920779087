package io.jnatsd.protocol.route;

import io.jnatsd.protocol.MessageEncoder;
import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.protocol.QueueNames;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes what a route carries: RMSG/HMSG (with the account token unless the connection is
 * pinned, and the {@code +}/{@code |} queue forms) and RS+/RS- interest lines.
 */
public final class RouteMessageEncoder {
    private static final byte[] RMSG = "RMSG ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HMSG = "HMSG ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LMSG = "LMSG ".getBytes(StandardCharsets.US_ASCII);
    private static final short CRLF = ('\r' << 8) | '\n';

    private RouteMessageEncoder() {
    }

    /**
     * @param accountToken the account's name bytes, or null on a pinned connection
     * @param headersSupported false strips headers for a peer that did not announce support
     */
    public static void writeMessage(ByteBuf out, byte[] accountToken, MessageFrame m, QueueNames queues,
                                    boolean headersSupported) {
        writeMessage(out, accountToken, m, queues, headersSupported, null, null);
    }

    /**
     * As above, with bytes written in front of the subject and of the reply (gateways' {@code _GR_.}
     * reply mapping, GATEWAYS.md §5.3); either may be null.
     */
    public static void writeMessage(ByteBuf out, byte[] accountToken, MessageFrame m, QueueNames queues,
                                    boolean headersSupported, byte[] subjectPrefix, byte[] replyPrefix) {
        write(out, RMSG, accountToken, m, queues, headersSupported, subjectPrefix, replyPrefix);
    }

    /**
     * The leaf dialect's message (LEAFNODES.md §7.3): the route grammar without an account token, verb
     * {@code LMSG} (no header length) or {@code HMSG}.
     */
    public static void writeLeafMessage(ByteBuf out, MessageFrame m, QueueNames queues, boolean headersSupported) {
        write(out, LMSG, null, m, queues, headersSupported, null, null);
    }

    /**
     * A message that came in on a leaf connection of cluster {@code origin}, for a route peer that
     * understands it ({@code lnoc}): {@code LMSG <origin> [acc ]subject ... <hdr> <size>}, the header
     * length always present, 0 without headers (ROUTES.md §5.4).
     */
    public static void writeLeafOriginMessage(ByteBuf out, byte[] origin, byte[] accountToken, MessageFrame m,
                                              QueueNames queues, boolean headersSupported) {
        boolean withHeaders = m.hasHeaders() && headersSupported;
        out.writeBytes(LMSG);
        out.writeBytes(origin);
        out.writeByte(' ');
        if (accountToken != null) {
            out.writeBytes(accountToken);
            out.writeByte(' ');
        }
        ByteBuf src = m.buffer();
        out.writeBytes(src, m.subjectStart(), m.subjectLength());
        out.writeByte(' ');
        writeReplyAndQueues(out, src, m, queues, null);
        int bodyStart = m.payloadStart();
        int size = m.totalSize();
        if (withHeaders) {
            MessageEncoder.writeDecimal(out, m.headerSize());
        } else {
            if (m.hasHeaders()) {
                bodyStart += m.headerSize();
                size -= m.headerSize();
            }
            out.writeByte('0');
        }
        out.writeByte(' ');
        MessageEncoder.writeDecimal(out, size);
        out.writeShort(CRLF);
        out.writeBytes(src, bodyStart, size);
        out.writeShort(CRLF);
    }

    private static void write(ByteBuf out, byte[] plainVerb, byte[] accountToken, MessageFrame m, QueueNames queues,
                              boolean headersSupported, byte[] subjectPrefix, byte[] replyPrefix) {
        ByteBuf src = m.buffer();
        boolean withHeaders = m.hasHeaders() && headersSupported;
        out.writeBytes(withHeaders ? HMSG : plainVerb);
        if (accountToken != null) {
            out.writeBytes(accountToken);
            out.writeByte(' ');
        }
        if (subjectPrefix != null) {
            out.writeBytes(subjectPrefix);
        }
        out.writeBytes(src, m.subjectStart(), m.subjectLength());
        out.writeByte(' ');
        writeReplyAndQueues(out, src, m, queues, replyPrefix);
        int bodyStart = m.payloadStart();
        int size = m.totalSize();
        if (withHeaders) {
            MessageEncoder.writeDecimal(out, m.headerSize());
            out.writeByte(' ');
        } else if (m.hasHeaders()) {
            bodyStart += m.headerSize();
            size -= m.headerSize();
        }
        MessageEncoder.writeDecimal(out, size);
        out.writeShort(CRLF);
        out.writeBytes(src, bodyStart, size);
        out.writeShort(CRLF);
    }

    /** {@code [reply ]}, {@code + reply q... } or {@code | q... }: what follows the subject. */
    private static void writeReplyAndQueues(ByteBuf out, ByteBuf src, MessageFrame m, QueueNames queues,
                                            byte[] replyPrefix) {
        if (queues.size() > 0) {
            if (m.hasReply()) {
                out.writeByte('+');
                out.writeByte(' ');
                if (replyPrefix != null) {
                    out.writeBytes(replyPrefix);
                }
                out.writeBytes(src, m.replyStart(), m.replyLength());
            } else {
                out.writeByte('|');
            }
            for (int i = 0; i < queues.size(); i++) {
                out.writeByte(' ');
                out.writeCharSequence(queues.get(i), StandardCharsets.UTF_8);
            }
            out.writeByte(' ');
        } else if (m.hasReply()) {
            if (replyPrefix != null) {
                out.writeBytes(replyPrefix);
            }
            out.writeBytes(src, m.replyStart(), m.replyLength());
            out.writeByte(' ');
        }
    }

    /**
     * {@code LS+ <origin> [acc ]subject[ queue weight]}: interest held for a leaf node cluster, for a
     * peer that understands it ({@code lnoc}).
     */
    public static String leafSubscribeLine(String origin, String account, String subject, String queue, int weight) {
        return "LS+ " + origin + ' ' + subscribeLine(account, subject, queue, weight).substring(4);
    }

    /**
     * {@code LS- <origin> [acc ]subject[ queue]}; {@code origin} null for a peer without {@code lnocu}
     * (2.9), which takes the line without it.
     */
    public static String leafUnsubscribeLine(String origin, String account, String subject, String queue) {
        String rest = unsubscribeLine(account, subject, queue).substring(4);
        return origin == null ? "LS- " + rest : "LS- " + origin + ' ' + rest;
    }

    /** {@code RS+ [acc ]subject[ queue weight]} */
    public static String subscribeLine(String account, String subject, String queue, int weight) {
        StringBuilder line = new StringBuilder(16 + subject.length()).append("RS+ ");
        if (account != null) {
            line.append(account).append(' ');
        }
        line.append(subject);
        if (queue != null) {
            line.append(' ').append(queue).append(' ').append(weight);
        }
        return line.append("\r\n").toString();
    }

    /** {@code RS- [acc ]subject[ queue]} */
    public static String unsubscribeLine(String account, String subject, String queue) {
        StringBuilder line = new StringBuilder(16 + subject.length()).append("RS- ");
        if (account != null) {
            line.append(account).append(' ');
        }
        line.append(subject);
        if (queue != null) {
            line.append(' ').append(queue);
        }
        return line.append("\r\n").toString();
    }
}
