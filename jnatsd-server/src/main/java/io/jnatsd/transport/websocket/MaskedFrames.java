package io.jnatsd.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Frames a client writes (RFC 6455 §5.3): final, masked with a fresh key, RSV1 for a compressed
 * message. The payload is copied while it is masked: what a link writes may be a slice that other
 * connections still send as it is, so it is never masked in place.
 */
final class MaskedFrames {
    private MaskedFrames() {
    }

    /** One buffer with the header, the key and the masked payload; {@code payload} is left as it was. */
    static ByteBuf frame(ByteBufAllocator allocator, int opcode, boolean compressed, ByteBuf payload) {
        int length = payload.readableBytes();
        ByteBuf out = allocator.directBuffer(14 + length);
        out.writeByte(0x80 | (compressed ? 0x40 : 0) | opcode);
        if (length <= 125) {
            out.writeByte(0x80 | length);
        } else if (length < 65536) {
            out.writeByte(0x80 | 126).writeShort(length);
        } else {
            out.writeByte(0x80 | 127).writeLong(length);
        }
        int key = ThreadLocalRandom.current().nextInt();
        out.writeInt(key);
        int from = payload.readerIndex();
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            out.writeInt(payload.getInt(from + i) ^ key);
        }
        for (; i < length; i++) {
            out.writeByte(payload.getByte(from + i) ^ (key >>> (24 - 8 * (i & 3))));
        }
        return out;
    }

    /** A masked control frame. */
    static ByteBuf control(ByteBufAllocator allocator, int opcode, byte[] payload) {
        ByteBuf plain = io.netty.buffer.Unpooled.wrappedBuffer(payload);
        return frame(allocator, opcode, false, plain);
    }
}
