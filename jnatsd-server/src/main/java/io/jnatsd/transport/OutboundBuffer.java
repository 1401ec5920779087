package io.jnatsd.transport;

import io.jnatsd.dispatch.FlushBatch;
import io.jnatsd.dispatch.Flushable;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bytes waiting to be written to one connection. Any event loop may append (a publisher on
 * another loop delivering a message), so appends hold this object's monitor: callers write with
 * {@code synchronized (outbound) { outbound.buffer()... }}. Flushing swaps the buffer out under
 * the same monitor and writes it on the channel's own loop, so only that loop touches the channel.
 *
 * <p>Hazard: pending bytes are the sum of this buffer and Netty's outbound queue; a connection
 * above {@code maxPendingBytes} is a slow consumer and is closed by its owner, and every other
 * connection keeps its pace because appends never wait for the socket.
 *
 * <p>Memory: the buffer exists only while it holds bytes. It is allocated by the first append
 * after a flush, and a flush hands it to the socket without allocating the next one, so an idle
 * connection holds no buffer at all (thousands of idle clients would otherwise each keep a few
 * KiB of direct memory for nothing).
 */
public final class OutboundBuffer implements Flushable {
    private static final int INITIAL_CAPACITY = 4096;
    private static final int OVER_LIMIT = 1;
    private static final int FLUSH_EARLY = 2;
    private static final int NEAR_LIMIT = 4;
    /**
     * Unflushed bytes at which a flush is started ahead of the read batch's end: one batch of a
     * fast publisher can be larger than max_pending, and bytes that were never handed to the
     * socket must not make a fast reader look slow.
     */
    private static final int EARLY_FLUSH_BYTES = 64 * 1024;
    /**
     * Appended bytes at which the buffer is set aside for the flush and a new one taken. A buffer
     * that grew instead (a publisher on another loop appends faster than the connection's loop
     * gets round to the flush) passed Netty's largest pooled size of 1 MiB: each new one, and
     * each doubling, was then fresh zeroed memory from the JVM, and copied: 18 % of the publishing
     * server's CPU in a three-server run at 1 KiB messages (docs/PERFORMANCE.md, session 8).
     */
    private static final int ROTATE_BYTES = 64 * 1024;
    /** The largest capacity a new buffer starts with: a set-aside buffer's size and a message's room. */
    private static final int MAX_CAPACITY = 2 * ROTATE_BYTES;

    private final Channel channel;
    private final long maxPendingBytes;
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final AtomicBoolean earlyFlushQueued = new AtomicBoolean();
    private final Runnable flushTask = this::flushNow;
    private final Runnable earlyFlushTask = () -> {
        earlyFlushQueued.set(false);
        flushNow();
    };
    /** Null while nothing is appended (see the class comment). */
    private ByteBuf buffer;
    /** Buffers set aside at {@link #ROTATE_BYTES}, oldest first, written before {@link #buffer}; null while none. */
    private ArrayDeque<ByteBuf> full;
    private long fullBytes;
    /** Capacity of the next buffer: what the last flush needed, so a busy connection does not grow it again. */
    private int nextCapacity = INITIAL_CAPACITY;
    private boolean closed;
    /** How long the socket may take none of the waiting bytes (write_deadline); 0 for no watch. */
    private long stallMillis;
    private volatile StallListener stallListener;
    /** The pending deadline check, if any; cancelled on close so that it does not keep a closed connection reachable. */
    private volatile ScheduledFuture<?> stallCheck;
    /** Whether the last deadline check found the socket stalled (event loop only). */
    private boolean stalledBefore;
    private long outMessages;
    private long outBytes;

    public OutboundBuffer(Channel channel, long maxPendingBytes) {
        this.channel = channel;
        this.maxPendingBytes = maxPendingBytes;
    }

    /** The buffer to append to, allocated on first use; the caller holds this object's monitor. Null once closed. */
    public ByteBuf buffer() {
        if (closed) {
            return null;
        }
        ByteBuf current = buffer;
        if (current == null) {
            current = buffer = channel.alloc().directBuffer(nextCapacity);
        } else if (current.readableBytes() >= ROTATE_BYTES) {
            if (full == null) {
                full = new ArrayDeque<>();
            }
            full.add(current);
            fullBytes += current.readableBytes();
            current = buffer = channel.alloc().directBuffer(nextCapacity);
        }
        return current;
    }

    /** Told when the socket took none of the waiting bytes for the whole write deadline. */
    public interface StallListener {
        /**
         * @param chunks the buffers waiting for the socket; {@code bytes} their size
         * @param again  whether the deadline before this one passed without progress too; the
         *               watch goes on unless the listener closes the buffer
         */
        void stalled(int chunks, long bytes, boolean again);
    }

    /**
     * nats-server's write deadline: a connection whose socket takes nothing of what waits for
     * {@code deadline} is stalled (a peer that stopped reading, a network that drops everything);
     * one that drains slowly is not (nats-server keeps such a route, gateway or leaf open). Only a
     * flush that leaves bytes behind starts a watch, so a connection whose writes complete pays one
     * look at the channel's queue per flush. Event loop only.
     */
    public void watchStalls(Duration deadline, StallListener listener) {
        this.stallMillis = deadline.toMillis();
        this.stallListener = listener;
    }

    private void watchIfBlocked() {
        ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
        Object head = queued == null ? null : queued.current();
        if (head == null || closed) {
            return;
        }
        int index = head instanceof ByteBuf bytes ? bytes.readerIndex() : -1;
        stallCheck = channel.eventLoop().schedule(() -> checkStall(head, index), stallMillis, TimeUnit.MILLISECONDS);
    }

    /** The deadline after a blocked flush: stalled if the same buffer still waits, unread; else watch on. */
    private void checkStall(Object head, int index) {
        stallCheck = null;
        ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
        if (closed || queued == null) {
            return;
        }
        Object now = queued.current();
        StallListener listener = stallListener;
        if (listener != null && now != null && now == head && (!(now instanceof ByteBuf bytes) || bytes.readerIndex() == index)) {
            boolean again = stalledBefore;
            stalledBefore = true;
            listener.stalled(queued.size(), queued.totalPendingWriteBytes(), again);
        } else {
            stalledBefore = false;
        }
        watchIfBlocked();
    }

    /** Whether {@link #close} was called; the caller holds the monitor. */
    public boolean isClosed() {
        return closed;
    }

    /** Whether a buffer is held (idle connections hold none); for tests and monitoring. */
    public synchronized boolean holdsBuffer() {
        return buffer != null;
    }

    /** Counts one delivered message of {@code bytes} payload bytes; the caller holds the monitor. */
    private void countMessage(int bytes) {
        outMessages++;
        outBytes += bytes;
    }

    public synchronized long outMessages() {
        return outMessages;
    }

    public synchronized long outBytes() {
        return outBytes;
    }

    /** Bytes appended but not yet written to the socket; the caller holds the monitor. */
    public long pendingBytes() {
        ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
        ByteBuf current = buffer;
        long unflushed = fullBytes + (current == null ? 0 : current.readableBytes());
        return unflushed + (queued == null ? 0 : queued.totalPendingWriteBytes());
    }

    /** Whether pending bytes exceed the limit; the caller holds the monitor. */
    private boolean overLimit() {
        return pendingBytes() > maxPendingBytes;
    }

    /** Whether pending bytes passed three quarters of the limit (the producer stall threshold); the caller holds the monitor. */
    private boolean nearLimit() {
        return pendingBytes() > maxPendingBytes / 4 * 3;
    }

    /**
     * Called holding the monitor right after a message was appended: counts it and returns what
     * must follow, for {@link #settle} to act on once the monitor is released.
     */
    public int appended(int payloadBytes) {
        countMessage(payloadBytes);
        int status = 0;
        if (overLimit()) {
            status |= OVER_LIMIT;
        }
        if (wantsEarlyFlush()) {
            status |= FLUSH_EARLY;
        }
        if (nearLimit()) {
            status |= NEAR_LIMIT;
        }
        return status;
    }

    /**
     * Acts on {@link #appended}'s status outside the monitor: an early flush of a large buffer, a
     * producer stall near the limit, and the flush at the end of the read batch.
     *
     * @return false when the connection is over its limit: the caller closes it as a slow consumer
     */
    public boolean settle(int status, FlushBatch batch) {
        if ((status & OVER_LIMIT) != 0) {
            return false;
        }
        if ((status & FLUSH_EARLY) != 0) {
            flushEarly();
        }
        if ((status & NEAR_LIMIT) != 0) {
            batch.requestProducerStall(this);
        }
        batch.add(this);
        return true;
    }

    @Override
    public synchronized boolean backlogged() {
        return !closed && nearLimit();
    }

    @Override
    public boolean queueFlush() {
        // A plain read first: most deliveries find the flush already queued, and a failing CAS
        // costs as much as a succeeding one.
        return !flushQueued.get() && flushQueued.compareAndSet(false, true);
    }

    @Override
    public boolean flushesInline() {
        return channel.eventLoop().inEventLoop();
    }

    @Override
    public void flushQueued() {
        if (channel.eventLoop().inEventLoop()) {
            flushNow();
        } else {
            channel.eventLoop().execute(flushTask);
        }
    }

    /**
     * Flushes now on the channel's loop, or hands a flush to that loop, whether or not some read
     * batch has already queued one: control lines (interest, INFO) must not wait for another
     * connection's read batch to end. What was appended before them leaves with them, in order.
     */
    public void flushSoon() {
        if (channel.eventLoop().inEventLoop()) {
            flushNow();
        } else {
            channel.eventLoop().execute(flushTask);
        }
    }

    /** Whether enough is appended to flush before the batch ends; the caller holds the monitor. */
    private boolean wantsEarlyFlush() {
        return fullBytes > 0 || buffer != null && buffer.readableBytes() >= EARLY_FLUSH_BYTES;
    }

    /** Flushes now on the channel's loop, or hands one flush to it (at most one at a time). */
    private void flushEarly() {
        if (channel.eventLoop().inEventLoop()) {
            flushNow();
        } else if (earlyFlushQueued.compareAndSet(false, true)) {
            channel.eventLoop().execute(earlyFlushTask);
        }
    }

    /** Writes everything appended so far; must run on the channel's event loop. */
    public void flushNow() {
        flushQueued.set(false);
        ByteBuf out;
        ArrayDeque<ByteBuf> before;
        synchronized (this) {
            if (closed || fullBytes == 0 && (buffer == null || !buffer.isReadable())) {
                return;
            }
            // Pieces set aside always have a buffer after them (buffer() took it), so out is not null.
            out = buffer;
            buffer = null;
            before = full;
            full = null;
            fullBytes = 0;
            nextCapacity = Math.max(INITIAL_CAPACITY, Math.min(out.capacity(), MAX_CAPACITY));
        }
        if (before != null) {
            for (ByteBuf setAside : before) {
                channel.write(setAside, channel.voidPromise());
            }
        }
        channel.writeAndFlush(out, channel.voidPromise());
        if (stallMillis > 0 && stallCheck == null) {
            watchIfBlocked();
        }
    }

    /** Drops unwritten bytes; later appends see a null buffer. */
    public synchronized void close() {
        if (!closed) {
            closed = true;
            // A closed buffer may stay referenced a while after its connection (a soak of bad
            // connections kept one for over 20 s): it must not keep the connection reachable
            // through the listener or a pending check.
            stallListener = null;
            ScheduledFuture<?> check = stallCheck;
            if (check != null) {
                check.cancel(false);
            }
            if (buffer != null) {
                buffer.release();
                buffer = null;
            }
            if (full != null) {
                full.forEach(ByteBuf::release);
                full = null;
                fullBytes = 0;
            }
        }
    }
}
