package io.jnatsd.tests.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Deterministic mutations of valid protocol traffic: byte flips, protocol-significant bytes and
 * tokens (line ends, spaces, braces, huge and negative numbers, verbs), deleted, duplicated and
 * spliced ranges, truncation and, rarely, long runs. One to four mutations per input, so most
 * inputs stay close enough to valid traffic to reach deep states.
 */
final class Mutator {
    private static final String[] TOKENS = {"\r\n", "\r", "\n", " ", "\t", "  ", "{", "}", "\"", ":", ",", "[", "]",
        "*", ">", ".", "..", "$G", "-1", "0", "4294967296", "9223372036854775808", "1048577", "99999999999999999999",
        "PING\r\n", "PONG\r\n", "PUB ", "HPUB ", "SUB ", "UNSUB ", "CONNECT {}", "INFO {}\r\n", "RS+ ", "RS- ", "LS+ ",
        "LS- ", "RMSG ", "+OK\r\n", "-ERR 'x'\r\n", "NATS/1.0\r\n", "%", "%zz", "\u0000", "\u00ff", "\\u0000", "null",
        "true", "1e999", "/", "?", "&", "=", "HTTP/1.1", "Content-Length: 5\r\n", "Transfer-Encoding: chunked\r\n"};

    private final Random random;
    private final List<byte[]> seeds;

    Mutator(long seed, List<byte[]> seeds) {
        this.random = new Random(seed);
        this.seeds = seeds;
    }

    Random random() {
        return random;
    }

    byte[] next() {
        byte[] input = seeds.get(random.nextInt(seeds.size()));
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            input = mutate(input);
        }
        return input;
    }

    private byte[] mutate(byte[] input) {
        if (input.length == 0) {
            return token();
        }
        int at = random.nextInt(input.length);
        switch (random.nextInt(10)) {
            case 0 -> {
                byte[] copy = input.clone();
                copy[at] ^= (byte) (1 << random.nextInt(8));
                return copy;
            }
            case 1 -> {
                byte[] copy = input.clone();
                copy[at] = (byte) random.nextInt(256);
                return copy;
            }
            case 2 -> {
                int end = Math.min(input.length, at + 1 + random.nextInt(16));
                return join(slice(input, 0, at), slice(input, end, input.length));
            }
            case 3 -> {
                int end = Math.min(input.length, at + 1 + random.nextInt(64));
                return join(slice(input, 0, end), slice(input, at, input.length));
            }
            case 4, 5 -> {
                return join(slice(input, 0, at), token(), slice(input, at, input.length));
            }
            case 6 -> {
                return slice(input, 0, at);
            }
            case 7 -> {
                byte[] other = seeds.get(random.nextInt(seeds.size()));
                return join(slice(input, 0, at), slice(other, random.nextInt(other.length + 1), other.length));
            }
            case 8 -> {
                return replaceNumber(input, at);
            }
            default -> {
                if (random.nextInt(20) != 0) {
                    return join(slice(input, 0, at), token(), token(), slice(input, at, input.length));
                }
                byte[] run = new byte[1 + random.nextInt(70_000)];
                java.util.Arrays.fill(run, (byte) "a 0\r\n".charAt(random.nextInt(5)));
                return join(slice(input, 0, at), run, slice(input, at, input.length));
            }
        }
    }

    /** Replaces the decimal number at or after {@code at} with an interesting one. */
    private byte[] replaceNumber(byte[] input, int at) {
        int start = at;
        while (start < input.length && (input[start] < '0' || input[start] > '9')) {
            start++;
        }
        int end = start;
        while (end < input.length && input[end] >= '0' && input[end] <= '9') {
            end++;
        }
        String[] numbers = {"0", "-1", "1", "65536", "1048577", "4294967297", "9223372036854775808", "007", "1 2"};
        byte[] number = numbers[random.nextInt(numbers.length)].getBytes(StandardCharsets.ISO_8859_1);
        return join(slice(input, 0, start), number, slice(input, end, input.length));
    }

    private byte[] token() {
        return TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, Math.max(from, to));
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
