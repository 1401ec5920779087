package io.jnatsd.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * permessage-deflate (RFC 7692) as nats-server negotiates it: no context takeover either way, so
 * every message is deflated and inflated on its own (the streams are reset each time). Outgoing
 * data is compressed at the fastest level and only above 64 bytes, as nats-server does; the
 * trailing empty block a sync flush ends with is cut off and put back before inflating.
 *
 * <p>Hazard: both zlib streams hold native memory; {@link #close} frees it and must run when the
 * connection goes away. One connection's loop only uses an instance.
 */
final class MessageCompression {
    /** Below this many bytes a flush goes out uncompressed (nats-server's wsCompressThreshold). */
    static final int THRESHOLD = 64;
    private static final byte[] SYNC_TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};
    /** An empty stored final block, so the inflater sees a finished stream. */
    private static final byte[] FINAL_BLOCK = {0x01, 0x00, 0x00, (byte) 0xff, (byte) 0xff};

    private Deflater deflater;
    private Inflater inflater;

    /** The deflated bytes of {@code data} (its readable bytes, left unread), without the sync tail. */
    ByteBuf deflate(ByteBuf data, ByteBufAllocator allocator) {
        if (deflater == null) {
            deflater = new Deflater(Deflater.BEST_SPEED, true);
        } else {
            deflater.reset();
        }
        deflater.setInput(data.nioBuffer());
        ByteBuf out = allocator.heapBuffer(data.readableBytes() / 2 + 64);
        while (true) {
            int space = out.writableBytes();
            int written = deflater.deflate(out.array(), out.arrayOffset() + out.writerIndex(), space, Deflater.SYNC_FLUSH);
            out.writerIndex(out.writerIndex() + written);
            if (written < space) {
                break;  // everything is in: a sync flush that fills the space may have more to give
            }
            out.capacity(out.capacity() * 2);
        }
        out.writerIndex(out.writerIndex() - SYNC_TAIL.length);
        return out;
    }

    /**
     * Inflates one whole message (all its frames' payloads, in {@code compressed}); null when the
     * result would exceed {@code maxBytes}. Throws DataFormatException for bytes that are not deflate data.
     */
    ByteBuf inflate(ByteBuf compressed, int maxBytes, ByteBufAllocator allocator) throws DataFormatException {
        if (inflater == null) {
            inflater = new Inflater(true);
        } else {
            inflater.reset();
        }
        ByteBuf out = allocator.heapBuffer(Math.min(maxBytes, Math.max(256, compressed.readableBytes() * 4)));
        try {
            feed(compressed.nioBuffer(), out, maxBytes);
            feed(ByteBuffer.wrap(SYNC_TAIL), out, maxBytes);
            feed(ByteBuffer.wrap(FINAL_BLOCK), out, maxBytes);
        } catch (DataFormatException | MessageTooBig e) {
            out.release();
            if (e instanceof MessageTooBig) {
                return null;
            }
            throw (DataFormatException) e;
        }
        return out;
    }

    private void feed(ByteBuffer input, ByteBuf out, int maxBytes) throws DataFormatException, MessageTooBig {
        inflater.setInput(input);
        while (!inflater.needsInput() && !inflater.finished()) {
            if (!out.isWritable()) {
                if (out.capacity() >= maxBytes) {
                    throw new MessageTooBig();
                }
                out.capacity(Math.min(maxBytes, out.capacity() * 2));
            }
            int n = inflater.inflate(out.array(), out.arrayOffset() + out.writerIndex(), out.writableBytes());
            out.writerIndex(out.writerIndex() + n);
            if (n == 0 && inflater.needsDictionary()) {
                throw new DataFormatException("preset dictionary");
            }
        }
    }

    void close() {
        if (deflater != null) {
            deflater.end();
        }
        if (inflater != null) {
            inflater.end();
        }
    }

    private static final class MessageTooBig extends Exception {
        MessageTooBig() {
            super(null, null, false, false);
        }
    }
}
