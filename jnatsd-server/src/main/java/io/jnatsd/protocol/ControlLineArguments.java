package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The whitespace-separated arguments of one control line, as positions in the read buffer.
 * Reused for every line of a connection so splitting allocates nothing.
 */
public final class ControlLineArguments {
    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private int count;
    private ByteBuf buffer;

    /** Splits {@code [from, to)} of {@code in} at runs of spaces and tabs. */
    public void split(ByteBuf in, int from, int to) {
        buffer = in;
        count = 0;
        int i = from;
        while (i < to) {
            while (i < to && isSpace(in.getByte(i))) {
                i++;
            }
            if (i >= to) {
                break;
            }
            int start = i;
            while (i < to && !isSpace(in.getByte(i))) {
                i++;
            }
            add(start, i);
        }
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

    /** A non-negative decimal number, or -1 when the argument is not one (or overflows an int). */
    public int number(int i) {
        int len = ends[i] - starts[i];
        if (len == 0 || len > 10) {
            return -1;
        }
        long value = 0;
        for (int p = starts[i]; p < ends[i]; p++) {
            byte b = buffer.getByte(p);
            if (b < '0' || b > '9') {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value > Integer.MAX_VALUE ? -1 : (int) value;
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
