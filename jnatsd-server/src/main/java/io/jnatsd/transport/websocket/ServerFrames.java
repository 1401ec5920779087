package io.jnatsd.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Frame headers the server writes (RFC 6455 §5.2): final, unmasked, RSV1 for a compressed message. */
final class ServerFrames {
    private ServerFrames() {
    }

    /** The header of a frame of {@code length} payload bytes (2, 4 or 10 bytes). */
    static ByteBuf header(ByteBufAllocator allocator, int opcode, boolean compressed, int length) {
        return header(allocator, opcode, compressed, length, 0);
    }

    /** A control frame, header and payload in one buffer. */
    static ByteBuf control(ByteBufAllocator allocator, int opcode, byte[] payload) {
        return header(allocator, opcode, false, payload.length, payload.length).writeBytes(payload);
    }

    private static ByteBuf header(ByteBufAllocator allocator, int opcode, boolean compressed, int length, int room) {
        ByteBuf out = allocator.directBuffer(10 + room);
        out.writeByte(0x80 | (compressed ? 0x40 : 0) | opcode);
        if (length <= 125) {
            out.writeByte(length);
        } else if (length < 65536) {
            out.writeByte(126).writeShort(length);
        } else {
            out.writeByte(127).writeLong(length);
        }
        return out;
    }
}
