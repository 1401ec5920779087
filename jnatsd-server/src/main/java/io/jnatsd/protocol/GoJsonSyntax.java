package io.jnatsd.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The syntax check Go's encoding/json runs over a whole input before it fills anything, with its
 * error texts: {@code invalid character '}' in literal false (expecting 'e')},
 * {@code invalid character 'x' looking for beginning of value}, {@code unexpected end of JSON input}.
 * A state machine over the UTF-8 bytes with Go's states, so the first bad byte and the words
 * for where it was are Go's (Jackson stops at other places and words them otherwise).
 */
final class GoJsonSyntax {
    private enum Container { OBJECT_KEY, OBJECT_VALUE, ARRAY }

    private enum State {
        BEGIN_VALUE, BEGIN_VALUE_OR_EMPTY, BEGIN_STRING, BEGIN_STRING_OR_EMPTY, END_VALUE, END_TOP,
        IN_STRING, IN_STRING_ESCAPE, IN_STRING_U, IN_STRING_U1, IN_STRING_U12, IN_STRING_U123,
        NEGATIVE, ZERO, DIGITS, DOT, DOT_DIGITS, EXPONENT, EXPONENT_SIGN, EXPONENT_DIGITS,
        T, TR, TRU, F, FA, FAL, FALS, N, NU, NUL
    }

    private Container[] stack = new Container[16];
    private int depth;
    private State state = State.BEGIN_VALUE;
    private String error;

    private GoJsonSyntax() {
    }

    /** Go's error for {@code json}, or null when it is one well-formed JSON value. */
    static String check(String json) {
        GoJsonSyntax scanner = new GoJsonSyntax();
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            scanner.step(b & 0xff);
            if (scanner.error != null) {
                return scanner.error;
            }
        }
        if (scanner.state == State.END_TOP) {
            return null;
        }
        scanner.step(' ');   // Go ends a top-level number this way
        if (scanner.error == null && scanner.state != State.END_TOP) {
            return "unexpected end of JSON input";
        }
        return scanner.error;
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private void fail(int c, String context) {
        error = "invalid character " + quoteChar(c) + " " + context;
    }

    private void push(Container container) {
        if (depth == stack.length) {
            stack = java.util.Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = container;
    }

    private void step(int c) {
        switch (state) {
            case BEGIN_VALUE_OR_EMPTY -> {
                if (isSpace(c)) {
                    return;
                }
                if (c == ']') {
                    endValue(c);
                } else {
                    beginValue(c);
                }
            }
            case BEGIN_VALUE -> beginValue(c);
            case BEGIN_STRING_OR_EMPTY -> {
                if (isSpace(c)) {
                    return;
                }
                if (c == '}') {
                    stack[depth - 1] = Container.OBJECT_VALUE;
                    endValue(c);
                } else {
                    beginString(c);
                }
            }
            case BEGIN_STRING -> beginString(c);
            case END_VALUE -> endValue(c);
            case END_TOP -> {
                if (!isSpace(c)) {
                    fail(c, "after top-level value");
                }
            }
            case IN_STRING -> {
                if (c == '"') {
                    state = State.END_VALUE;
                } else if (c == '\\') {
                    state = State.IN_STRING_ESCAPE;
                } else if (c < 0x20) {
                    fail(c, "in string literal");
                }
            }
            case IN_STRING_ESCAPE -> {
                if ("bfnrt\\/\"".indexOf(c) >= 0) {
                    state = State.IN_STRING;
                } else if (c == 'u') {
                    state = State.IN_STRING_U;
                } else {
                    fail(c, "in string escape code");
                }
            }
            case IN_STRING_U, IN_STRING_U1, IN_STRING_U12, IN_STRING_U123 -> {
                if (!isHex(c)) {
                    fail(c, "in \\u hexadecimal character escape");
                    return;
                }
                state = switch (state) {
                    case IN_STRING_U -> State.IN_STRING_U1;
                    case IN_STRING_U1 -> State.IN_STRING_U12;
                    case IN_STRING_U12 -> State.IN_STRING_U123;
                    default -> State.IN_STRING;
                };
            }
            case NEGATIVE -> {
                if (c == '0') {
                    state = State.ZERO;
                } else if (c >= '1' && c <= '9') {
                    state = State.DIGITS;
                } else {
                    fail(c, "in numeric literal");
                }
            }
            case DIGITS -> {
                if (!isDigit(c)) {
                    afterInteger(c);
                }
            }
            case ZERO -> afterInteger(c);
            case DOT -> {
                if (isDigit(c)) {
                    state = State.DOT_DIGITS;
                } else {
                    fail(c, "after decimal point in numeric literal");
                }
            }
            case DOT_DIGITS -> {
                if (c == 'e' || c == 'E') {
                    state = State.EXPONENT;
                } else if (!isDigit(c)) {
                    endValue(c);
                }
            }
            case EXPONENT -> {
                if (c == '+' || c == '-') {
                    state = State.EXPONENT_SIGN;
                } else {
                    exponentSign(c);
                }
            }
            case EXPONENT_SIGN -> exponentSign(c);
            case EXPONENT_DIGITS -> {
                if (!isDigit(c)) {
                    endValue(c);
                }
            }
            case T -> literal(c, 'r', State.TR, "true");
            case TR -> literal(c, 'u', State.TRU, "true");
            case TRU -> literal(c, 'e', State.END_VALUE, "true");
            case F -> literal(c, 'a', State.FA, "false");
            case FA -> literal(c, 'l', State.FAL, "false");
            case FAL -> literal(c, 's', State.FALS, "false");
            case FALS -> literal(c, 'e', State.END_VALUE, "false");
            case N -> literal(c, 'u', State.NU, "null");
            case NU -> literal(c, 'l', State.NUL, "null");
            case NUL -> literal(c, 'l', State.END_VALUE, "null");
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void beginValue(int c) {
        if (isSpace(c)) {
            return;
        }
        switch (c) {
            case '{' -> {
                push(Container.OBJECT_KEY);
                state = State.BEGIN_STRING_OR_EMPTY;
            }
            case '[' -> {
                push(Container.ARRAY);
                state = State.BEGIN_VALUE_OR_EMPTY;
            }
            case '"' -> state = State.IN_STRING;
            case '-' -> state = State.NEGATIVE;
            case '0' -> state = State.ZERO;
            case 't' -> state = State.T;
            case 'f' -> state = State.F;
            case 'n' -> state = State.N;
            default -> {
                if (c >= '1' && c <= '9') {
                    state = State.DIGITS;
                } else {
                    fail(c, "looking for beginning of value");
                }
            }
        }
    }

    private void beginString(int c) {
        if (isSpace(c)) {
            return;
        }
        if (c == '"') {
            state = State.IN_STRING;
        } else {
            fail(c, "looking for beginning of object key string");
        }
    }

    private void afterInteger(int c) {
        if (c == '.') {
            state = State.DOT;
        } else if (c == 'e' || c == 'E') {
            state = State.EXPONENT;
        } else {
            endValue(c);
        }
    }

    private void exponentSign(int c) {
        if (isDigit(c)) {
            state = State.EXPONENT_DIGITS;
        } else {
            fail(c, "in exponent of numeric literal");
        }
    }

    private void literal(int c, char expected, State next, String word) {
        if (c == expected) {
            state = next;
        } else {
            fail(c, "in literal " + word + " (expecting '" + expected + "')");
        }
    }

    private void endValue(int c) {
        if (depth == 0) {
            state = State.END_TOP;
            step(c);
            return;
        }
        if (isSpace(c)) {
            state = State.END_VALUE;
            return;
        }
        switch (stack[depth - 1]) {
            case OBJECT_KEY -> {
                if (c == ':') {
                    stack[depth - 1] = Container.OBJECT_VALUE;
                    state = State.BEGIN_VALUE;
                } else {
                    fail(c, "after object key");
                }
            }
            case OBJECT_VALUE -> {
                if (c == ',') {
                    stack[depth - 1] = Container.OBJECT_KEY;
                    state = State.BEGIN_STRING;
                } else if (c == '}') {
                    depth--;
                    state = depth == 0 ? State.END_TOP : State.END_VALUE;
                } else {
                    fail(c, "after object key:value pair");
                }
            }
            case ARRAY -> {
                if (c == ',') {
                    state = State.BEGIN_VALUE;
                } else if (c == ']') {
                    depth--;
                    state = depth == 0 ? State.END_TOP : State.END_VALUE;
                } else {
                    fail(c, "after array element");
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Go's quoteChar: the byte as a rune, in single quotes, escaped as strconv.Quote escapes it. */
    static String quoteChar(int c) {
        if (c == '\'') {
            return "'\\''";
        }
        if (c == '"') {
            return "'\"'";
        }
        String body = switch (c) {
            case 0x07 -> "\\a";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case 0x0b -> "\\v";
            case '\\' -> "\\\\";
            default -> {
                if (c < 0x20 || c == 0x7f) {
                    yield String.format("\\x%02x", c);
                }
                if ((c >= 0x80 && c <= 0xa0) || c == 0xad) {
                    yield String.format("\\u%04x", c);
                }
                yield String.valueOf((char) c);
            }
        };
        return "'" + body + "'";
    }
}
