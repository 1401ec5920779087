package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Writes deliveries to a client: {@code MSG} / {@code HMSG} lines followed by the payload copied
 * straight from the publisher's read buffer (the one copy a message gets).
 */
public final class MessageEncoder {
    private static final byte[] MSG = {'M', 'S', 'G', ' '};
    private static final byte[] HMSG = {'H', 'M', 'S', 'G', ' '};
    private static final short CRLF = ('\r' << 8) | '\n';

    private MessageEncoder() {
    }

    /**
     * @param headersSupported false strips a header block, as nats-server does for clients that
     *                         did not announce header support
     */
    public static void writeMessage(ByteBuf out, MessageFrame m, byte[] sid, boolean headersSupported) {
        ByteBuf src = m.buffer();
        boolean withHeaders = m.hasHeaders() && headersSupported;
        out.writeBytes(withHeaders ? HMSG : MSG);
        out.writeBytes(src, m.subjectStart(), m.subjectLength());
        out.writeByte(' ');
        out.writeBytes(sid);
        out.writeByte(' ');
        if (m.hasReply()) {
            out.writeBytes(src, m.replyStart(), m.replyLength());
            out.writeByte(' ');
        }
        int bodyStart = m.payloadStart();
        int size = m.totalSize();
        if (withHeaders) {
            writeSize(out, m, m.headerSizeStart(), m.headerSizeLength(), m.headerSize());
            out.writeByte(' ');
            writeSize(out, m, m.totalSizeStart(), m.totalSizeLength(), size);
        } else if (m.hasHeaders()) {
            bodyStart += m.headerSize();
            size -= m.headerSize();
            writeDecimal(out, size);
        } else {
            writeSize(out, m, m.totalSizeStart(), m.totalSizeLength(), size);
        }
        out.writeShort(CRLF);
        out.writeBytes(src, bodyStart, size);
        out.writeShort(CRLF);
    }

    /** The size as the publisher wrote it when known, else in decimal. */
    private static void writeSize(ByteBuf out, MessageFrame m, int start, int length, int value) {
        if (length > 0) {
            out.writeBytes(m.buffer(), start, length);
        } else {
            writeDecimal(out, value);
        }
    }

    /** Writes a non-negative int in ASCII decimal without allocating. */
    public static void writeDecimal(ByteBuf out, int value) {
        if (value < 10) {
            out.writeByte('0' + value);
            return;
        }
        int digits = 1;
        for (int v = value / 10; v > 0; v /= 10) {
            digits++;
        }
        int end = out.writerIndex() + digits;
        out.ensureWritable(digits);
        for (int i = end - 1; i >= end - digits; i--) {
            out.setByte(i, '0' + value % 10);
            value /= 10;
        }
        out.writerIndex(end);
    }
}
