package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The whitespace-separated arguments of one control line, as positions in the read buffer.
 * Reused for every line of a connection so splitting allocates nothing.
 */
public final class ControlLineArguments {
    /** nats-server reads sizes of up to 9 digits (999 MB); longer ones are malformed. */
    private static final int MAX_NUMBER_DIGITS = 9;

    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private int count;
    private ByteBuf buffer;

    /** Splits {@code [from, to)} of {@code in} at runs of spaces and tabs. */
    public void split(ByteBuf in, int from, int to) {
        split(in, from, to, false);
    }

    /**
     * Splits at runs of spaces and tabs, and also at CR and LF when {@code lineBreaksSeparate}:
     * nats-server splits SUB and UNSUB arguments that way, but PUB and HPUB arguments only at blanks.
     */
    public void split(ByteBuf in, int from, int to, boolean lineBreaksSeparate) {
        buffer = in;
        count = 0;
        int i = from;
        while (i < to) {
            while (i < to && isSeparator(in.getByte(i), lineBreaksSeparate)) {
                i++;
            }
            if (i >= to) {
                break;
            }
            int start = i;
            while (i < to && !isSeparator(in.getByte(i), lineBreaksSeparate)) {
                i++;
            }
            add(start, i);
        }
    }

    private static boolean isSeparator(byte b, boolean lineBreaksSeparate) {
        return isSpace(b) || (lineBreaksSeparate && (b == '\r' || b == '\n'));
    }

    private void add(int start, int end) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }

    public int count() {
        return count;
    }

    public int start(int i) {
        return starts[i];
    }

    public int length(int i) {
        return ends[i] - starts[i];
    }

    public String string(int i) {
        return buffer.toString(starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
    }

    /**
     * A non-negative decimal number of at most {@value #MAX_NUMBER_DIGITS} digits (leading zeros
     * count, as in nats-server), or -1 when the argument is not one.
     */
    public int number(int i) {
        int len = ends[i] - starts[i];
        if (len == 0 || len > MAX_NUMBER_DIGITS) {
            return -1;
        }
        int value = 0;
        for (int p = starts[i]; p < ends[i]; p++) {
            byte b = buffer.getByte(p);
            if (b < '0' || b > '9') {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    /** Case-insensitive comparison of argument i with an upper-case ASCII word. */
    public boolean is(int i, byte[] upperWord) {
        if (length(i) != upperWord.length) {
            return false;
        }
        for (int k = 0; k < upperWord.length; k++) {
            int b = buffer.getByte(starts[i] + k);
            if (b >= 'a' && b <= 'z') {
                b -= 32;
            }
            if (b != upperWord[k]) {
                return false;
            }
        }
        return true;
    }
}
