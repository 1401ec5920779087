package io.jnatsd.bench.wire;

/**
 * Walks a NATS byte stream frame by frame: each control line is handed to a {@link Listener} whole,
 * and the payload that follows it is skipped without being looked at.
 *
 * <p>Why so little: the load generator must cost far less CPU than the server it measures, so it
 * never copies or decodes a payload. A control line is copied only when a read ends in the middle
 * of it. Not thread-safe: one reader thread owns a scanner.
 */
public final class FrameScanner {

    /** Receives control lines without their line ending. */
    public interface Listener {
        /**
         * @return the size of the payload that follows this control line (the scanner skips it
         *     and its CRLF), or {@link #NO_PAYLOAD} for a line without one
         */
        int onControlLine(byte[] bytes, int offset, int length);
    }

    public static final int NO_PAYLOAD = -1;

    private static final int MAX_CONTROL_LINE = 64 * 1024;
    private static final int PAYLOAD_TRAILER = 2;

    private final Listener listener;
    private byte[] pendingLine = new byte[256];
    private int pendingLength;
    private long bytesToSkip;

    public FrameScanner(Listener listener) {
        this.listener = listener;
    }

    public void scan(byte[] buffer, int offset, int length) {
        int position = offset;
        int end = offset + length;
        while (position < end) {
            if (bytesToSkip > 0) {
                int skipped = (int) Math.min(bytesToSkip, end - position);
                position += skipped;
                bytesToSkip -= skipped;
                continue;
            }
            int newline = indexOfNewline(buffer, position, end);
            if (newline < 0) {
                keepPartialLine(buffer, position, end - position);
                return;
            }
            deliverLine(buffer, position, newline);
            position = newline + 1;
        }
    }

    private void deliverLine(byte[] buffer, int start, int newline) {
        int payload;
        if (pendingLength == 0) { // the common case: the whole line is in this read
            payload = listener.onControlLine(buffer, start, withoutCarriageReturn(buffer, start, newline));
        } else {
            keepPartialLine(buffer, start, newline - start);
            payload = listener.onControlLine(pendingLine, 0, withoutCarriageReturn(pendingLine, 0, pendingLength));
            pendingLength = 0;
        }
        bytesToSkip = payload == NO_PAYLOAD ? 0 : (long) payload + PAYLOAD_TRAILER;
    }

    private static int withoutCarriageReturn(byte[] bytes, int start, int end) {
        int length = end - start;
        return length > 0 && bytes[end - 1] == '\r' ? length - 1 : length;
    }

    private void keepPartialLine(byte[] buffer, int start, int length) {
        if (pendingLength + length > MAX_CONTROL_LINE) {
            throw new IllegalStateException("control line longer than " + MAX_CONTROL_LINE + " bytes");
        }
        if (pendingLength + length > pendingLine.length) {
            pendingLine = java.util.Arrays.copyOf(pendingLine, Math.min(MAX_CONTROL_LINE, 2 * (pendingLength + length)));
        }
        System.arraycopy(buffer, start, pendingLine, pendingLength, length);
        pendingLength += length;
    }

    private static int indexOfNewline(byte[] buffer, int from, int end) {
        for (int i = from; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
