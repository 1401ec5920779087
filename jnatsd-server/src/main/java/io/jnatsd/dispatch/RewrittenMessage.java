package io.jnatsd.dispatch;

import io.jnatsd.protocol.MessageFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

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
}
