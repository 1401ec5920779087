package io.jnatsd.subject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A subject mapping's rewrite of one literal subject, as nats-server 2.10 defines it: destination
 * tokens are literals, {@code $N} or {@code {{wildcard(N)}}} (the Nth {@code *} of the source),
 * {@code {{partition(n, N...)}}} (FNV-1a of the named tokens modulo n), {@code {{split(N, delim)}}},
 * {@code {{splitFromLeft(N, pos)}}}, {@code {{splitFromRight(N, pos)}}},
 * {@code {{sliceFromLeft(N, size)}}} and {@code {{sliceFromRight(N, size)}}}; a trailing {@code >}
 * carries the rest of the subject. Function names match with their first letters in either case,
 * arguments are separated by commas with optional blanks, as nats-server reads them.
 */
public final class SubjectTransform {
    private static final Pattern ARGUMENT_SEPARATOR = Pattern.compile(",\\s*");

    private enum Function {
        LITERAL("", null),
        WILDCARD("wildcard", "[wW]ildcard"),
        PARTITION("partition", "[pP]artition"),
        SPLIT_FROM_LEFT("splitFromLeft", "[sS]plit[fF]rom[lL]eft"),
        SPLIT_FROM_RIGHT("splitFromRight", "[sS]plit[fF]rom[rR]ight"),
        SLICE_FROM_LEFT("sliceFromLeft", "[sS]lice[fF]rom[lL]eft"),
        SLICE_FROM_RIGHT("sliceFromRight", "[sS]lice[fF]rom[rR]ight"),
        SPLIT("split", "[sS]plit");

        private final Pattern pattern;

        Function(String name, String regex) {
            this.pattern = regex == null ? null : Pattern.compile("\\{\\{\\s*" + regex + "\\s*\\((.*)\\)\\s*}}");
        }
    }

    /** One destination token: a literal, or a function over source token positions. */
    private record Token(Function function, String literal, int[] positions, int number, String delimiter) {
    }

    private final String source;
    private final String destination;
    private final Token[] tokens;
    private final boolean fullWildcard;
    private final int sourceTokens;

    private SubjectTransform(String source, String destination, Token[] tokens, boolean fullWildcard, int sourceTokens) {
        this.source = source;
        this.destination = destination;
        this.tokens = tokens;
        this.fullWildcard = fullWildcard;
        this.sourceTokens = sourceTokens;
    }

    /**
     * Compiles a mapping from {@code source} (a subject, wildcards allowed) to {@code destination}.
     *
     * @throws IllegalArgumentException with nats-server's reason when the destination is not valid
     */
    public static SubjectTransform compile(String source, String destination) {
        String[] sourceParts = source.split("\\.", -1);
        String[] destinationParts = destination.split("\\.", -1);
        boolean sourceFull = hasFullWildcard(sourceParts);
        if (Arrays.stream(destinationParts).anyMatch(String::isEmpty)) {
            throw mappingError("invalid subject", ""); // nats-server's wording for a destination that is no subject
        }
        if (!Subjects.isValidSubject(source) || !validDestination(destinationParts)
                || sourceFull != hasFullWildcard(destinationParts)) {
            throw new IllegalArgumentException("invalid subject");
        }
        List<Integer> wildcardPositions = new ArrayList<>();
        for (int i = 0; i < sourceParts.length; i++) {
            if (sourceParts[i].equals("*")) {
                wildcardPositions.add(i);
            }
        }
        Token[] compiled = new Token[destinationParts.length];
        for (int i = 0; i < destinationParts.length; i++) {
            Token token = parse(destinationParts[i]);
            if (token.function != Function.LITERAL) {
                if (wildcardPositions.isEmpty()) {
                    throw mappingError("wildcard index out of range", destinationParts[i]);
                }
                int[] positions = new int[token.positions.length];
                for (int p = 0; p < positions.length; p++) {
                    int index = token.positions[p];
                    if (index > wildcardPositions.size()) {
                        throw mappingError("wildcard index out of range", destinationParts[i] + ": [" + index + "]");
                    }
                    // nats-server reads an index below 1 as the subject's first token
                    positions[p] = index >= 1 ? wildcardPositions.get(index - 1) : 0;
                }
                token = new Token(token.function, null, positions, token.number, token.delimiter);
            }
            compiled[i] = token;
        }
        return new SubjectTransform(source, destination, compiled, sourceFull, sourceParts.length);
    }

    public String source() {
        return source;
    }

    public String destination() {
        return destination;
    }

    /** The destination for a literal subject this transform's source matches. */
    public String apply(String subject) {
        if (!fullWildcard && !hasFunctions()) {
            return destination;
        }
        String[] parts = subject.split("\\.", -1);
        StringBuilder out = new StringBuilder(subject.length() + 16);
        for (int i = 0; i < tokens.length; i++) {
            if (i > 0) {
                out.append('.');
            }
            Token token = tokens[i];
            if (token.function == Function.LITERAL && token.literal.equals(">")) {
                break;
            }
            write(out, token, parts);
        }
        if (fullWildcard) {
            for (int i = sourceTokens - 1; i < parts.length; i++) {
                out.append(parts[i]);
                if (i < parts.length - 1) {
                    out.append('.');
                }
            }
        }
        return out.toString();
    }

    private boolean hasFunctions() {
        for (Token token : tokens) {
            if (token.function != Function.LITERAL) {
                return true;
            }
        }
        return false;
    }

    private static void write(StringBuilder out, Token token, String[] parts) {
        switch (token.function) {
            case LITERAL -> out.append(token.literal);
            case WILDCARD -> out.append(parts[token.positions[0]]);
            case PARTITION -> out.append(partition(token, parts));
            case SPLIT_FROM_LEFT -> splitAt(out, parts[token.positions[0]], token.number);
            case SPLIT_FROM_RIGHT -> {
                String value = parts[token.positions[0]];
                splitAt(out, value, value.length() - token.number);
            }
            case SLICE_FROM_LEFT -> sliceFromLeft(out, parts[token.positions[0]], token.number);
            case SLICE_FROM_RIGHT -> sliceFromRight(out, parts[token.positions[0]], token.number);
            case SPLIT -> split(out, parts[token.positions[0]], token.delimiter);
        }
    }

    /** FNV-1a (32 bit) of the named tokens' bytes, concatenated, modulo the partition count. */
    private static String partition(Token token, String[] parts) {
        int hash = 0x811c9dc5;
        for (int position : token.positions) {
            for (byte b : parts[position].getBytes(StandardCharsets.UTF_8)) {
                hash ^= b & 0xff;
                hash *= 0x01000193;
            }
        }
        return Long.toString(Integer.toUnsignedLong(hash) % token.number);
    }

    private static void splitAt(StringBuilder out, String value, int at) {
        if (at > 0 && at < value.length()) {
            out.append(value, 0, at).append('.').append(value, at, value.length());
        } else {
            out.append(value);
        }
    }

    private static void sliceFromLeft(StringBuilder out, String value, int size) {
        if (size <= 0 || size >= value.length()) {
            out.append(value);
            return;
        }
        for (int i = 0; i < value.length(); i += size) {
            if (i > 0) {
                out.append('.');
            }
            out.append(value, i, Math.min(i + size, value.length()));
        }
    }

    private static void sliceFromRight(StringBuilder out, String value, int size) {
        if (size <= 0 || size >= value.length()) {
            out.append(value);
            return;
        }
        int remainder = value.length() % size;
        if (remainder > 0) {
            out.append(value, 0, remainder).append('.');
        }
        for (int i = remainder; i < value.length(); i += size) {
            if (i > remainder) {
                out.append('.');
            }
            out.append(value, i, i + size);
        }
    }

    /** Splits on the delimiter, leaving out empty pieces (nats-server's rule for leading, trailing and doubled delimiters). */
    private static void split(StringBuilder out, String value, String delimiter) {
        boolean first = true;
        for (String piece : value.split(Pattern.quote(delimiter), -1)) {
            if (piece.isEmpty()) {
                continue;
            }
            if (!first) {
                out.append('.');
            }
            out.append(piece);
            first = false;
        }
    }

    private static Token parse(String token) {
        if (token.length() > 1 && token.charAt(0) == '$') {
            try {
                return new Token(Function.WILDCARD, null, new int[] {Integer.parseInt(token.substring(1))}, -1, null);
            } catch (NumberFormatException e) {
                return literal(token);   // other things rely on tokens starting with $
            }
        }
        if (token.length() <= 4 || !token.startsWith("{{") || !token.endsWith("}}")) {
            return literal(token);
        }
        for (Function function : Function.values()) {
            if (function.pattern == null) {
                continue;
            }
            Matcher matcher = function.pattern.matcher(token);
            if (matcher.matches()) {
                return function(function, ARGUMENT_SEPARATOR.split(matcher.group(1), -1), token);
            }
        }
        throw mappingError("unknown function", token);
    }

    private static Token function(Function function, String[] args, String token) {
        switch (function) {
            case WILDCARD -> {
                if (args.length == 1 && args[0].isEmpty()) {
                    throw mappingError("not enough arguments passed to the function", token);
                }
                if (args.length > 1) {
                    throw mappingError("too many arguments passed to the function", token);
                }
                return new Token(function, null, new int[] {number(args[0], token)}, -1, null);
            }
            case PARTITION -> {
                if (args.length < 2) {
                    throw mappingError("not enough arguments passed to the function", token);
                }
                int[] positions = new int[args.length - 1];
                for (int i = 1; i < args.length; i++) {
                    positions[i - 1] = number(args[i], token);
                }
                int partitions = number(args[0], token);
                if (partitions <= 0) {
                    throw mappingError("function argument is invalid or in the wrong format", token);
                }
                return new Token(function, null, positions, partitions, null);
            }
            case SPLIT -> {
                checkTwo(args, token);
                if (args[1].contains(" ") || args[1].contains(".")) {
                    throw mappingError("function argument is invalid or in the wrong format", token);
                }
                return new Token(function, null, new int[] {number(args[0], token)}, -1, args[1]);
            }
            default -> {
                checkTwo(args, token);
                return new Token(function, null, new int[] {number(args[0], token)}, number(args[1], token), null);
            }
        }
    }

    private static void checkTwo(String[] args, String token) {
        if (args.length < 2) {
            throw mappingError("not enough arguments passed to the function", token);
        }
        if (args.length > 2) {
            throw mappingError("too many arguments passed to the function", token);
        }
    }

    private static int number(String arg, String token) {
        try {
            return Integer.parseInt(arg.strip());
        } catch (NumberFormatException e) {
            throw mappingError("function argument is invalid or in the wrong format", token);
        }
    }

    private static Token literal(String token) {
        return new Token(Function.LITERAL, token, null, -1, null);
    }

    private static IllegalArgumentException mappingError(String reason, String token) {
        return new IllegalArgumentException("invalid mapping destination: " + reason + " in " + token);
    }

    /** Tokens are non-empty, {@code >} only last, no {@code *} (a function token may hold blanks). */
    private static boolean validDestination(String[] parts) {
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.equals("*") || (part.equals(">") && i != parts.length - 1)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasFullWildcard(String[] parts) {
        return parts.length > 0 && parts[parts.length - 1].equals(">");
    }
}
