package io.jnatsd.bench.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Publishes one subject as fast as the socket takes it: a batch of identical pre-encoded
 * {@code PUB subject size\r\n<payload>\r\n} frames is written again and again, so the cost per
 * message is a share of one large write.
 */
public final class RawPublisher {

    /** Reply subject that marks probe messages; measured messages carry none. */
    public static final String PROBE_REPLY_SUBJECT = "bench.probe";

    private static final int BATCH_BYTES = 64 * 1024;

    private final RawConnection connection;
    private final byte[] batch;
    private final int frameLength;
    private final int framesPerBatch;
    private final byte[] probeFrame;

    public RawPublisher(RawConnection connection, String subject, int payloadSize) {
        this.connection = connection;
        byte[] frame = encodeFrame(subject, payloadSize);
        this.frameLength = frame.length;
        this.framesPerBatch = Math.max(1, BATCH_BYTES / frameLength);
        this.batch = new byte[frameLength * framesPerBatch];
        for (int i = 0; i < framesPerBatch; i++) {
            System.arraycopy(frame, 0, batch, i * frameLength, frameLength);
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
            int frames = (int) Math.min(framesPerBatch, maxMessages - published);
            connection.write(batch, 0, frames * frameLength);
            published += frames;
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
