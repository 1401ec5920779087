package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;

/**
 * One published message as positions in the read buffer of the connection it arrived on: valid
 * only during the parser callback that hands it out. One instance per connection is reused for
 * every message, so the message path allocates no frame objects.
 *
 * <p>The subject is available both as a String (for matching; the parser caches it across
 * messages on the same subject) and as raw bytes (for encoding deliveries without re-encoding).
 */
public final class MessageFrame {
    ByteBuf buffer;
    String subject;
    int subjectStart;
    int subjectLength;
    int replyStart;
    int replyLength = -1;
    /** Header bytes at the start of the payload, -1 for a message without headers. */
    int headerSize = -1;
    int payloadStart;
    /** Header plus body bytes. */
    int totalSize;
    /**
     * Where the sizes were written on the PUB/HPUB line: deliveries repeat them byte for byte (a
     * size sent as {@code 02} is delivered as {@code 02}, as by nats-server). Length 0 when the
     * frame was not parsed from a line, and the sizes are written in decimal instead.
     */
    int totalSizeStart;
    int totalSizeLength;
    int headerSizeStart;
    int headerSizeLength;

    public ByteBuf buffer() {
        return buffer;
    }

    public String subject() {
        return subject;
    }

    public int subjectStart() {
        return subjectStart;
    }

    public int subjectLength() {
        return subjectLength;
    }

    public boolean hasReply() {
        return replyLength >= 0;
    }

    public int replyStart() {
        return replyStart;
    }

    public int replyLength() {
        return replyLength;
    }

    /** The reply subject as a String (allocates; for the slow paths that need one). */
    public String reply() {
        return replyLength < 0 ? null : buffer.toString(replyStart, replyLength, java.nio.charset.StandardCharsets.UTF_8);
    }

    public boolean hasHeaders() {
        return headerSize >= 0;
    }

    public int headerSize() {
        return headerSize;
    }

    public int payloadStart() {
        return payloadStart;
    }

    public int totalSize() {
        return totalSize;
    }

    /** Points the frame at a message inside a read buffer (the route dialect's parser). */
    public void point(ByteBuf buf, int subjectStart, int subjectLength, int replyStart, int replyLength,
                      int headerSize, int totalSize) {
        this.buffer = buf;
        this.subjectStart = subjectStart;
        this.subjectLength = subjectLength;
        this.replyStart = replyStart;
        this.replyLength = replyLength;
        this.headerSize = headerSize;
        this.totalSize = totalSize;
    }

    /** Completes a frame once its payload is in the buffer. */
    public void payloadAt(ByteBuf buf, int payloadStart, String subject) {
        this.buffer = buf;
        this.payloadStart = payloadStart;
        this.subject = subject;
    }

    public int totalSizeStart() {
        return totalSizeStart;
    }

    public int totalSizeLength() {
        return totalSizeLength;
    }

    public int headerSizeStart() {
        return headerSizeStart;
    }

    public int headerSizeLength() {
        return headerSizeLength;
    }

    /** Fills the frame from values that do not live in a read buffer (internal and synthetic messages). */
    public MessageFrame set(ByteBuf buf, String subject, int subjectStart, int subjectLength, int replyStart,
                            int replyLength, int headerSize, int payloadStart, int totalSize) {
        this.buffer = buf;
        this.subject = subject;
        this.subjectStart = subjectStart;
        this.subjectLength = subjectLength;
        this.replyStart = replyStart;
        this.replyLength = replyLength;
        this.headerSize = headerSize;
        this.payloadStart = payloadStart;
        this.totalSize = totalSize;
        this.totalSizeLength = 0;
        this.headerSizeLength = 0;
        return this;
    }
}
