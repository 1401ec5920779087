package io.jnatsd.protocol;

import java.util.Random;

/** Random client protocol streams for split-invariance tests: every verb, case, blank and line end. */
final class ProtocolStreams {
    private static final String[] SUBJECTS = {"foo", "foo.bar", "a.*.c", "x.>", "föö", "q"};

    private ProtocolStreams() {
    }

    static String randomValidStream(Random random, int operations) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < operations; i++) {
            switch (random.nextInt(9)) {
                case 0 -> out.append(randomCase("PING", random)).append(lineEnd(random));
                case 1 -> out.append(randomCase("PONG", random)).append(lineEnd(random));
                case 2 -> out.append("+OK").append(lineEnd(random));
                case 3 -> out.append(randomCase("CONNECT", random)).append(blanks(random)).append("{\"verbose\":false}")
                        .append(lineEnd(random));
                case 4 -> out.append(randomCase("SUB", random)).append(blanks(random)).append(subject(random))
                        .append(random.nextBoolean() ? blanks(random) + "grp" : "").append(blanks(random))
                        .append(random.nextInt(100)).append(lineEnd(random));
                case 5 -> out.append(randomCase("UNSUB", random)).append(blanks(random)).append(random.nextInt(100))
                        .append(random.nextBoolean() ? blanks(random) + random.nextInt(10) : "").append(lineEnd(random));
                case 6 -> appendPublish(out, random);
                case 7 -> appendHeaderPublish(out, random);
                default -> out.append("INFO {}").append(lineEnd(random));
            }
        }
        return out.toString();
    }

    private static void appendPublish(StringBuilder out, Random random) {
        String payload = payload(random);
        out.append(randomCase("PUB", random)).append(blanks(random)).append(subject(random));
        if (random.nextBoolean()) {
            out.append(blanks(random)).append("_INBOX.").append(random.nextInt(1000));
        }
        out.append(blanks(random)).append(payload.length()).append(lineEnd(random)).append(payload).append("\r\n");
    }

    private static void appendHeaderPublish(StringBuilder out, Random random) {
        String headers = "NATS/1.0\r\nK: " + random.nextInt(100) + "\r\n\r\n";
        String payload = payload(random);
        out.append(randomCase("HPUB", random)).append(blanks(random)).append(subject(random))
                .append(blanks(random)).append(headers.length())
                .append(blanks(random)).append(headers.length() + payload.length())
                .append(lineEnd(random)).append(headers).append(payload).append("\r\n");
    }

    /** ASCII payloads (so length in chars is length in bytes), including CR, LF and blanks. */
    private static String payload(Random random) {
        int length = random.nextInt(4) == 0 ? 0 : random.nextInt(300);
        StringBuilder payload = new StringBuilder(length);
        String alphabet = "abc \t\r\nPING+OK-ERR";
        for (int i = 0; i < length; i++) {
            payload.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return payload.toString();
    }

    private static String subject(Random random) {
        return SUBJECTS[random.nextInt(SUBJECTS.length)];
    }

    private static String blanks(Random random) {
        return random.nextInt(4) == 0 ? " \t " : random.nextBoolean() ? "\t" : " ";
    }

    private static String lineEnd(Random random) {
        return random.nextInt(4) == 0 ? "\n" : "\r\n";
    }

    private static String randomCase(String verb, Random random) {
        StringBuilder out = new StringBuilder(verb.length());
        for (char c : verb.toCharArray()) {
            out.append(random.nextBoolean() ? Character.toLowerCase(c) : c);
        }
        return out.toString();
    }

    /** Replaces, inserts or deletes one character somewhere. */
    static String corrupt(String input, Random random) {
        if (input.isEmpty()) {
            return input;
        }
        int at = random.nextInt(input.length());
        char replacement = " \r\nX1\t-+".charAt(random.nextInt(8));
        return switch (random.nextInt(3)) {
            case 0 -> input.substring(0, at) + replacement + input.substring(at + 1);
            case 1 -> input.substring(0, at) + replacement + input.substring(at);
            default -> input.substring(0, at) + input.substring(at + 1);
        };
    }
}
