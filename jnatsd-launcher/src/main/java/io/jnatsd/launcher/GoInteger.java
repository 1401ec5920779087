package io.jnatsd.launcher;

/**
 * Reads an integer flag value as Go's {@code strconv.ParseInt(s, 0, 64)} does: an optional sign,
 * then decimal, {@code 0x} hexadecimal, {@code 0b} binary, {@code 0o} or leading-{@code 0}
 * octal, with {@code _} allowed between digits ({@code -p 0x1000}, {@code -p 4_222}).
 */
final class GoInteger {

    /** The text is a number, but not one that fits in 64 bits. */
    static final class OutOfRangeException extends NumberFormatException {
        OutOfRangeException(String text) {
            super(text);
        }
    }

    private GoInteger() {
    }

    static long parse(String text) {
        int start = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
        String sign = start == 1 && text.charAt(0) == '-' ? "-" : "";
        String body = text.substring(start);
        int radix = 10;
        boolean prefixed = false;
        if (body.length() > 1 && body.charAt(0) == '0') {
            char marker = Character.toLowerCase(body.charAt(1));
            prefixed = true;
            if (marker == 'x') {
                radix = 16;
            } else if (marker == 'b') {
                radix = 2;
            } else if (marker == 'o') {
                radix = 8;
            } else {
                radix = 8;
                body = "0o" + body.substring(1);
            }
            body = body.substring(2);
        }
        String digits = withoutUnderscores(body, prefixed, radix, text);
        try {
            return Long.parseLong(sign + digits, radix);
        } catch (NumberFormatException e) {
            throw new OutOfRangeException(text);
        }
    }

    /** The digits without separators; every character checked, so parseLong fails only on range. */
    private static String withoutUnderscores(String body, boolean prefixed, int radix, String text) {
        StringBuilder digits = new StringBuilder(body.length());
        boolean afterDigit = prefixed;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '_') {
                if (!afterDigit || i + 1 == body.length() || body.charAt(i + 1) == '_') {
                    throw new NumberFormatException(text);
                }
                afterDigit = false;
                continue;
            }
            if (Character.digit(c, radix) < 0 || c > 'z') {
                throw new NumberFormatException(text);
            }
            digits.append(c);
            afterDigit = true;
        }
        if (digits.length() == 0) {
            throw new NumberFormatException(text);
        }
        return digits.toString();
    }
}
