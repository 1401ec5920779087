package io.jnatsd.dispatch;

import io.jnatsd.protocol.MessageFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A message moved into another account under another subject (and reply): a new frame over a
 * heap buffer holding the new subject, the new reply, and a copy of the headers and payload.
 * Only imports take this path, so the extra copy stays off the plain message path.
 */
final class RewrittenMessage {
    private RewrittenMessage() {
    }

    static MessageFrame of(MessageFrame original, String subject, String reply) {
        byte[] subjectBytes = subject.getBytes(StandardCharsets.UTF_8);
        byte[] replyBytes = reply == null ? new byte[0] : reply.getBytes(StandardCharsets.UTF_8);
        int size = original.totalSize();
        ByteBuf buffer = Unpooled.buffer(subjectBytes.length + replyBytes.length + size);
        buffer.writeBytes(subjectBytes).writeBytes(replyBytes);
        buffer.writeBytes(original.buffer(), original.payloadStart(), size);
        return new MessageFrame().set(buffer, subject, 0, subjectBytes.length, subjectBytes.length,
                reply == null ? -1 : replyBytes.length, original.hasHeaders() ? original.headerSize() : -1,
                subjectBytes.length + replyBytes.length, size);
    }

    /**
     * The same with header {@code name} set to {@code value}: a header block is started when the
     * message has none, and lines of that name the sender wrote are dropped (it must not speak for
     * the server).
     */
    static MessageFrame withHeader(MessageFrame original, String subject, String reply, String name, String value) {
        String headers = original.hasHeaders()
                ? original.buffer().toString(original.payloadStart(), original.headerSize(), StandardCharsets.UTF_8) : "";
        StringBuilder block = new StringBuilder(headers.length() + name.length() + value.length() + 16);
        String[] lines = headers.split("\r\n", -1);
        block.append(headers.isEmpty() ? "NATS/1.0" : lines[0]).append("\r\n");
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isEmpty() && !lines[i].toLowerCase(Locale.ROOT).startsWith(prefix)) {
                block.append(lines[i]).append("\r\n");
            }
        }
        block.append(name).append(": ").append(value).append("\r\n\r\n");
        byte[] headerBytes = block.toString().getBytes(StandardCharsets.UTF_8);
        byte[] subjectBytes = subject.getBytes(StandardCharsets.UTF_8);
        byte[] replyBytes = reply == null ? new byte[0] : reply.getBytes(StandardCharsets.UTF_8);
        int payload = original.totalSize() - (original.hasHeaders() ? original.headerSize() : 0);
        ByteBuf buffer = Unpooled.buffer(subjectBytes.length + replyBytes.length + headerBytes.length + payload);
        buffer.writeBytes(subjectBytes).writeBytes(replyBytes).writeBytes(headerBytes);
        buffer.writeBytes(original.buffer(), original.payloadStart() + original.totalSize() - payload, payload);
        return new MessageFrame().set(buffer, subject, 0, subjectBytes.length, subjectBytes.length,
                reply == null ? -1 : replyBytes.length, headerBytes.length, subjectBytes.length + replyBytes.length,
                headerBytes.length + payload);
    }
}
