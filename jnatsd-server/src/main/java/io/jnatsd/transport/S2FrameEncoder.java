package io.jnatsd.transport;

import io.jnatsd.compress.S2Level;
import io.jnatsd.compress.S2StreamWriter;
import io.jnatsd.compress.S2Warmup;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.PendingWriteQueue;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compresses everything a route connection writes from the moment it is added to the pipeline:
 * each flush of the connection's outbound buffer becomes complete S2 stream chunks, so the peer
 * can decode it without waiting for more.
 *
 * <p>Copies, which decide what a compressed route costs per byte: a compressing level reads the
 * flush once into an array (the match finders work on arrays), encodes into a reused array of
 * the largest size the stream can take, and copies the result once into a direct buffer of
 * exactly its size, which the socket writes as it is. A flush may arrive as several writes (the
 * outbound buffer hands over its bytes in pieces of about 64 KiB, see {@link OutboundBuffer}):
 * they are gathered into that one array, up to a slice, and compressed together at the flush, so
 * a busy route's blocks are as large as its flushes, as nats-server's are (smaller blocks
 * compress worse). {@code s2_uncompressed} (where {@code s2_auto} lands on a fast network)
 * copies nothing of a large flush: each block is preceded by its chunk header and a checksum
 * computed in place, and the flushed buffer itself follows them to the socket; a small flush is
 * copied once behind its framing.
 *
 * <p>Ownership: takes over each written {@link ByteBuf} and releases it (or hands it on).
 */
public final class S2FrameEncoder extends ChannelOutboundHandlerAdapter {
    /**
     * Below this size an uncompressed flush is copied behind its framing into one buffer: for a
     * few KiB the copy costs less than a second buffer and a second write (docs/PERFORMANCE.md
     * has the CPU per byte of both ways).
     */
    private static final int COPY_BELOW_BYTES = 16 * 1024;

    /**
     * The most bytes compressed in one turn of the event loop, by level: a larger write (a flush
     * that collected megabytes while the loop was busy) is compressed slice by slice, each taking
     * about 1.5 ms at most (fast 1 MiB, better 512 KiB, best 64 KiB, from the CPU per byte of
     * each level in docs/PERFORMANCE.md), rather than holding every other connection of the loop
     * for as long as the whole write takes. Each slice ends an S2 block, so smaller slices cost
     * ratio: 64 KiB slices at the fast and better levels compressed the bench's JSON 6 % worse
     * than nats-server.
     */
    static int sliceBytes(S2Level level) {
        return switch (level) {
            case BEST -> 64 * 1024;
            case BETTER -> 512 * 1024;
            default -> 1024 * 1024;
        };
    }

    private final int sliceBytes;

    private final S2StreamWriter writer;
    /** Writes waiting behind a sliced one, in order; created on first use. */
    private PendingWriteQueue backlog;
    private boolean drainScheduled;
    private final boolean compressing;
    /** The writes of the current flush, gathered for one compression: {@code scratch[0, gathered)}. */
    private byte[] scratch = new byte[0];
    private int gathered;
    /** Promises of the gathered writes that someone waits on (routes write with void promises); null while none. */
    private List<ChannelPromise> gatheredPromises;
    /** Compressed output of the current write, copied once into a direct buffer of its size. */
    private byte[] encoded = new byte[0];
    private final byte[] framing = new byte[S2StreamWriter.MAX_UNCOMPRESSED_FRAMING];

    public S2FrameEncoder(S2Level level) {
        this.writer = new S2StreamWriter(level);
        this.compressing = level != S2Level.UNCOMPRESSED;
        this.sliceBytes = sliceBytes(level);
        S2Warmup.forLevel(level);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (backlog != null && !backlog.isEmpty()) {
            backlog.add(msg, promise); // behind what waits for a later turn, whatever it is
            return;
        }
        if (!(msg instanceof ByteBuf message) || !message.isReadable()) {
            compressGathered(ctx);
            ctx.write(msg, promise);
            return;
        }
        if (!compressing) {
            writeUncompressed(ctx, message, promise);
            return;
        }
        if (gathered + message.readableBytes() <= sliceBytes) {
            try {
                gather(message, message.readableBytes(), promise);
            } finally {
                message.release();
            }
            return;
        }
        // More than a slice in this flush: this turn of the loop compresses one slice (what was
        // gathered, or the start of this write), later turns the rest, one slice each.
        if (backlog == null) {
            backlog = new PendingWriteQueue(ctx);
        }
        backlog.add(message, promise);
        if (gathered > 0) {
            compressGathered(ctx);
            scheduleSlice(ctx);
        } else {
            compressNextSlice(ctx);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        compressGathered(ctx);
        ctx.flush();
    }

    /**
     * Compresses one slice from the head of the backlog and, if more waits, hands the rest to a
     * later turn of the event loop, so the other connections of the loop are served between
     * slices. The waiting bytes count as the channel's pending bytes (PendingWriteQueue), so a
     * route that cannot keep up still reaches its slow-consumer limit and stalls its producers.
     */
    private void compressNextSlice(ChannelHandlerContext ctx) {
        drainScheduled = false;
        compressSlice(ctx);
        ctx.flush();
        if (!backlog.isEmpty()) {
            scheduleSlice(ctx);
        }
    }

    private void scheduleSlice(ChannelHandlerContext ctx) {
        if (drainScheduled) {
            return;
        }
        drainScheduled = true;
        ctx.executor().execute(() -> {
            if (!ctx.isRemoved()) {
                compressNextSlice(ctx);
            }
        });
    }

    /**
     * Gathers waiting writes from the head of the backlog up to one slice (the next slice of a
     * write larger than that) and compresses them; a waiting non-buffer message goes out in its
     * place in the order.
     */
    private void compressSlice(ChannelHandlerContext ctx) {
        while (!backlog.isEmpty()) {
            Object head = backlog.current();
            if (!(head instanceof ByteBuf message) || !message.isReadable()) {
                if (gathered > 0) {
                    break;
                }
                backlog.removeAndWrite();
                continue;
            }
            int room = sliceBytes - gathered;
            if (message.readableBytes() <= room) {
                gather(message, message.readableBytes(), null);
                gatherPromise(backlog.remove()); // releases the message
            } else {
                if (gathered == 0) {
                    gather(message, room, null);
                }
                break;
            }
        }
        compressGathered(ctx);
    }

    /** Copies {@code length} bytes from {@code message}'s reader index on into the gathered bytes, moving the index. */
    private void gather(ByteBuf message, int length, ChannelPromise promise) {
        if (scratch.length < gathered + length) {
            scratch = Arrays.copyOf(scratch, Math.max(gathered + length, scratch.length * 2));
        }
        message.readBytes(scratch, gathered, length);
        gathered += length;
        if (promise != null) {
            gatherPromise(promise);
        }
    }

    private void gatherPromise(ChannelPromise promise) {
        if (!promise.isVoid()) {
            if (gatheredPromises == null) {
                gatheredPromises = new ArrayList<>(2);
            }
            gatheredPromises.add(promise);
        }
    }

    /** Compresses and writes what was gathered, as one S2 write. */
    private void compressGathered(ChannelHandlerContext ctx) {
        if (gathered == 0) {
            return;
        }
        int length = gathered;
        gathered = 0;
        ChannelPromise promise = ctx.voidPromise();
        List<ChannelPromise> waiting = gatheredPromises;
        if (waiting != null) {
            gatheredPromises = null;
            promise = ctx.newPromise();
            promise.addListener(written -> {
                for (ChannelPromise each : waiting) {
                    if (written.isSuccess()) {
                        each.trySuccess();
                    } else {
                        each.tryFailure(written.cause());
                    }
                }
            });
        }
        ctx.write(encode(ctx, scratch, 0, length), promise);
    }

    /**
     * Replaced by another level ({@code s2_auto}), this encoder first compresses what still waits
     * here, since it is older than anything its successor gets; on a closed channel it is dropped.
     */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            dropGathered();
            if (backlog != null) {
                while (!backlog.isEmpty()) {
                    ChannelPromise promise = backlog.remove(); // releases the message
                    if (!promise.isVoid()) {
                        promise.tryFailure(new ClosedChannelException());
                    }
                }
            }
            return;
        }
        compressGathered(ctx);
        if (backlog != null) {
            while (!backlog.isEmpty()) {
                compressSlice(ctx);
            }
        }
        ctx.flush();
    }

    /** The S2 stream chunks of {@code source[offset, offset+length)} in a direct buffer of their size. */
    private ByteBuf encode(ChannelHandlerContext ctx, byte[] source, int offset, int length) {
        int room = writer.maxStreamLength(length);
        if (encoded.length < room) {
            encoded = new byte[Math.max(room, encoded.length * 2)];
        }
        int written = writer.write(source, offset, length, encoded, 0);
        // The socket takes direct memory: a heap buffer would be copied into one by the
        // transport anyway, after being allocated at the input's size for a quarter of it.
        return ctx.alloc().directBuffer(written).writeBytes(encoded, 0, written);
    }

    /** A closed channel: what was gathered is dropped, and whoever waited on it told. */
    private void dropGathered() {
        gathered = 0;
        List<ChannelPromise> waiting = gatheredPromises;
        gatheredPromises = null;
        if (waiting != null) {
            for (ChannelPromise each : waiting) {
                each.tryFailure(new ClosedChannelException());
            }
        }
    }

    private void writeUncompressed(ChannelHandlerContext ctx, ByteBuf message, ChannelPromise promise) {
        int index = message.readerIndex();
        int end = message.writerIndex();
        if (end - index < COPY_BELOW_BYTES) {
            writeUncompressedCopy(ctx, message, promise);
            return;
        }
        try {
            while (index < end) {
                int blockLength = Math.min(writer.blockSize(), end - index);
                int framingLength = writer.writeUncompressedFraming(message.nioBuffer(index, blockLength), framing, 0);
                ctx.write(ctx.alloc().buffer(framingLength).writeBytes(framing, 0, framingLength), ctx.voidPromise());
                boolean last = index + blockLength == end;
                ctx.write(message.retainedSlice(index, blockLength), last ? promise : ctx.voidPromise());
                index += blockLength;
            }
        } finally {
            message.release();
        }
    }

    /** A small flush (one block): framing and bytes in one buffer, one write. */
    private void writeUncompressedCopy(ChannelHandlerContext ctx, ByteBuf message, ChannelPromise promise) {
        ByteBuf out;
        try {
            int length = message.readableBytes();
            int framingLength = writer.writeUncompressedFraming(message.nioBuffer(message.readerIndex(), length), framing, 0);
            out = ctx.alloc().directBuffer(framingLength + length);
            out.writeBytes(framing, 0, framingLength).writeBytes(message, message.readerIndex(), length);
        } finally {
            message.release();
        }
        ctx.write(out, promise);
    }
}
