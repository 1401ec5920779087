package io.jnatsd.dispatch;

/**
 * A connection whose outbound bytes are flushed once per read batch rather than once per
 * message. {@link #queueFlush()} is the de-duplication gate: only the caller that turns it from
 * false to true adds the connection to its batch.
 */
public interface Flushable {
    boolean queueFlush();

    /** Flushes now when called on the connection's own event loop, else hands the flush to it. */
    void flushQueued();

    /** Whether {@link #flushQueued} writes on the calling thread (the connection's own loop) rather than handing over. */
    boolean flushesInline();

    /** Whether its unwritten bytes are past the producer-stall threshold; callable from any thread. */
    boolean backlogged();
}
