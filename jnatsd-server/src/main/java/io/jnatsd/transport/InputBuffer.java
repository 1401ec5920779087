package io.jnatsd.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The read side of a connection: parses straight out of each socket read, and copies bytes
 * only when a read ends in the middle of a frame (those bytes are kept for the next read).
 */
public final class InputBuffer {
    private ByteBuf kept;
    private ByteBuf current;

    /** The bytes to parse: this read alone, or the kept bytes with this read appended. */
    public ByteBuf append(ByteBuf read) {
        if (kept == null) {
            current = read;
            return read;
        }
        kept.writeBytes(read);
        read.release();
        current = kept;
        return kept;
    }

    /** After parsing: keep the unread tail (copying it out of the read buffer if needed). */
    public void keepUnread(ByteBufAllocator allocator) {
        if (current == kept) {
            if (!kept.isReadable()) {
                kept.release();
                kept = null;
            } else {
                kept.discardSomeReadBytes();
            }
        } else {
            if (current.isReadable()) {
                kept = allocator.buffer(Math.max(current.readableBytes() * 2, 4096));
                kept.writeBytes(current);
            }
            current.release();
        }
        current = null;
    }

    /** Hands the kept bytes over to the caller (who releases them) and forgets them; null when none. */
    public ByteBuf takeKept() {
        ByteBuf taken = kept;
        kept = null;
        return taken;
    }

    public void release() {
        if (kept != null) {
            kept.release();
            kept = null;
        }
    }
}
