package io.jnatsd.bench.wire;

import java.nio.charset.StandardCharsets;

/** Reads the few facts the load generator needs from a control line, in place and without allocating. */
final class ControlLine {

    private ControlLine() {
    }

    /** Compares the verb case-insensitively, as the protocol allows, and requires a separator or the end after it. */
    static boolean hasVerb(byte[] bytes, int offset, int length, String verb) {
        int verbLength = verb.length();
        if (length < verbLength) {
            return false;
        }
        for (int i = 0; i < verbLength; i++) {
            if (Character.toUpperCase(bytes[offset + i]) != verb.charAt(i)) {
                return false;
            }
        }
        return length == verbLength || isSeparator(bytes[offset + verbLength]);
    }

    /** The number of whitespace-separated tokens, the verb included. */
    static int countTokens(byte[] bytes, int offset, int length) {
        int tokens = 0;
        boolean inToken = false;
        for (int i = offset; i < offset + length; i++) {
            boolean separator = isSeparator(bytes[i]);
            if (!separator && !inToken) {
                tokens++;
            }
            inToken = !separator;
        }
        return tokens;
    }

    /** The last token read as a decimal number: the payload size of MSG and PUB lines. */
    static int lastTokenAsSize(byte[] bytes, int offset, int length) {
        int end = offset + length;
        while (end > offset && isSeparator(bytes[end - 1])) {
            end--;
        }
        int start = end;
        while (start > offset && !isSeparator(bytes[start - 1])) {
            start--;
        }
        if (start == end) {
            throw new IllegalArgumentException("no size in " + text(bytes, offset, length));
        }
        int size = 0;
        for (int i = start; i < end; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("bad size in " + text(bytes, offset, length));
            }
            size = size * 10 + digit;
        }
        return size;
    }

    /** The token at a position (0 is the verb), or null when the line is shorter. */
    static String token(byte[] bytes, int offset, int length, int index) {
        int position = offset;
        int end = offset + length;
        for (int current = 0; position < end; current++) {
            while (position < end && isSeparator(bytes[position])) {
                position++;
            }
            int start = position;
            while (position < end && !isSeparator(bytes[position])) {
                position++;
            }
            if (start == position) {
                return null;
            }
            if (current == index) {
                return new String(bytes, start, position - start, StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    static String text(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    private static boolean isSeparator(byte b) {
        return b == ' ' || b == '\t';
    }
}
