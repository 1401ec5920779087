package io.jnatsd.bench.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Publishes one subject as fast as the socket takes it: pre-encoded
 * {@code PUB subject size\r\n<payload>\r\n} frames are written in batches of about 64 KiB, so
 * the cost per message is a share of one large write.
 *
 * <p>With {@link Payload#BYTES} one batch of identical frames is written again and again. With
 * {@link Payload#JSON} the frames are distinct JSON documents, a pool of at least
 * {@value #JSON_POOL_BYTES} bytes written batch after batch: a document comes back only after
 * more than an S2 block (1 MiB) of others, so no route compressor sees the same message twice
 * within what it can match against.
 */
public final class RawPublisher {

    /** Reply subject that marks probe messages; measured messages carry none. */
    public static final String PROBE_REPLY_SUBJECT = "bench.probe";

    private static final int BATCH_BYTES = 64 * 1024;
    static final int JSON_POOL_BYTES = 2 * 1024 * 1024;

    private final RawConnection connection;
    /** Whole batches of frames, written one after the other and from the start again. */
    private final byte[] frames;
    private final int frameLength;
    private final int framesPerBatch;
    private final byte[] probeFrame;
    private int nextBatch;

    public RawPublisher(RawConnection connection, String subject, int payloadSize) {
        this(connection, subject, payloadSize, Payload.BYTES);
    }

    public RawPublisher(RawConnection connection, String subject, int payloadSize, Payload payload) {
        this.connection = connection;
        byte[] frame = encodeFrame(subject, payloadSize);
        this.frameLength = frame.length;
        this.framesPerBatch = Math.max(1, BATCH_BYTES / frameLength);
        int batchLength = frameLength * framesPerBatch;
        int batches = payload == Payload.JSON ? (JSON_POOL_BYTES + batchLength - 1) / batchLength : 1;
        this.frames = new byte[batchLength * batches];
        for (int i = 0; i < framesPerBatch * batches; i++) {
            System.arraycopy(frame, 0, frames, i * frameLength, frameLength);
        }
        if (payload == Payload.JSON) {
            SplittableRandom random = new SplittableRandom(42);
            int payloadOffset = frameLength - payloadSize - 2;
            for (int i = 0; i < framesPerBatch * batches; i++) {
                JsonPublisher.document(random, payloadSize, frames, i * frameLength + payloadOffset);
            }
        }
        this.probeFrame = ("PUB " + subject + " " + PROBE_REPLY_SUBJECT + " 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] encodeFrame(String subject, int payloadSize) {
        byte[] header = ("PUB " + subject + " " + payloadSize + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[header.length + payloadSize + 2];
        System.arraycopy(header, 0, frame, 0, header.length);
        for (int i = 0; i < payloadSize; i++) {
            frame[header.length + i] = (byte) ('a' + i % 26);
        }
        frame[frame.length - 2] = '\r';
        frame[frame.length - 1] = '\n';
        return frame;
    }

    /**
     * Publishes until the deadline passes or the message limit is reached, whichever comes first,
     * then flushes with PING/PONG so that the server has read every message when this returns.
     *
     * @return the number of messages published
     */
    public long publish(long deadlineNanos, long maxMessages, long flushDeadlineNanos) throws IOException {
        long published = 0;
        while (published < maxMessages && System.nanoTime() - deadlineNanos < 0) {
            int count = (int) Math.min(framesPerBatch, maxMessages - published);
            int batchLength = frameLength * framesPerBatch;
            connection.write(frames, nextBatch * batchLength, count * frameLength);
            nextBatch = (nextBatch + 1) % (frames.length / batchLength);
            published += count;
        }
        connection.flush(flushDeadlineNanos);
        return published;
    }

    /** Sends one empty message with the probe reply subject and waits until the server has read it. */
    public void probe(long flushDeadlineNanos) throws IOException {
        connection.write(probeFrame, 0, probeFrame.length);
        connection.flush(flushDeadlineNanos);
    }
}
