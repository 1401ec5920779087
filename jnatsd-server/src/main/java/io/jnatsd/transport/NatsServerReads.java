package io.jnatsd.transport;

/**
 * nats-server's socket reads on one connection, followed over this server's reads of the same
 * bytes, to tell whether nats-server would have closed its socket with bytes still unread after
 * a parse error made it stop reading. Such a socket ends the connection with a reset (RST)
 * instead of an orderly end of stream, and clients tell the two apart: jnats reports a reset as
 * a {@code java.net.SocketException} to its error listener, an end of stream as a plain
 * {@code IOException}. Netty reads whatever has arrived, so without this a publish over
 * {@code max_payload} would always end in an orderly close here, where nats-server resets the
 * connection as soon as the payload is longer than its read.
 *
 * <p>nats-server 2.10 ({@code readLoop}) reads into a buffer of 512 bytes at first, doubles it
 * after a read that filled it (up to 64 KiB), and halves it (down to 64 bytes) once more than two
 * reads in a row came back less than half full; it parses each read before the next, and stops
 * at the end of the read in which its parser failed. One read here is replayed as the reads
 * nats-server would have made of the same bytes, had they arrived together. Not thread-safe:
 * one connection's event loop.
 */
public final class NatsServerReads {
    private static final int START_SIZE = 512;
    private static final int MIN_SIZE = 64;
    private static final int MAX_SIZE = 64 * 1024;
    private static final int SHORTS_TO_SHRINK = 2;

    private int size = START_SIZE;
    private int shortReads;
    /** Bytes read so far on the connection. */
    private long position;
    /** Where, in the connection's bytes, nats-server would have stopped reading; none yet. */
    private long stoppedAt = Long.MAX_VALUE;

    /** Records that {@code length} more bytes were read in one go. */
    public void read(int length) {
        for (int left = length; left > 0; ) {
            int taken = Math.min(left, size);
            readOnce(taken);
            left -= taken;
        }
        position += length;
    }

    /**
     * The parser failed on the read of {@code length} bytes not yet {@linkplain #read recorded},
     * after reading {@code stop} of them: nats-server stops at the end of its read that holds
     * the byte before {@code stop}, however many bytes come after it.
     */
    public void stop(int length, int stop) {
        NatsServerReads replay = new NatsServerReads();
        replay.size = size;
        replay.shortReads = shortReads;
        long start = 0;
        while (start + replay.size < Math.min(stop, length)) {
            int taken = replay.size;
            replay.readOnce(taken);
            start += taken;
        }
        stoppedAt = Math.min(stoppedAt, position + start + replay.size);
    }

    /** Whether more bytes came than nats-server would have read before it {@linkplain #stop stopped}. */
    public boolean leftUnread() {
        return position > stoppedAt;
    }

    /** Adjusts the buffer size after one read of {@code taken} bytes into a buffer of {@link #size}. */
    private void readOnce(int taken) {
        if (taken >= size) {
            shortReads = 0;
        } else if (taken < size / 2) {
            shortReads++;
        }
        if (taken >= size && size < MAX_SIZE) {
            size *= 2;
        } else if (taken < size && size > MIN_SIZE && shortReads > SHORTS_TO_SHRINK) {
            size /= 2;
        }
    }
}
