package io.jnatsd.subject;

/**
 * The subject grammar as nats-server validates it, and wildcard matching between subjects.
 *
 * <p>Tokens are separated by {@code .} and may not be empty. {@code *} (one token) and {@code >}
 * (one or more trailing tokens) are wildcards only as a whole token: {@code a*b} is literal.
 * Nothing here allocates, because matching runs on the message path.
 */
public final class Subjects {

    static final char TOKEN_SEPARATOR = '.';
    static final char SINGLE_WILDCARD = '*';
    static final char FULL_WILDCARD = '>';

    private Subjects() {
    }

    /**
     * A subject a client may subscribe to: non-empty tokens, no whitespace, wildcards only as whole
     * tokens and {@code >} only as the last token.
     */
    public static boolean isValidSubject(String subject) {
        if (subject == null || subject.isEmpty()) {
            return false;
        }
        boolean afterFullWildcard = false;
        int tokenStart = 0;
        int length = subject.length();
        for (int i = 0; i <= length; i++) {
            if (i == length || subject.charAt(i) == TOKEN_SEPARATOR) {
                if (i == tokenStart || afterFullWildcard) {
                    return false;
                }
                afterFullWildcard = isWildcardToken(subject, tokenStart, i, FULL_WILDCARD);
                tokenStart = i + 1;
            } else if (isWhitespace(subject.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Non-empty tokens and no wildcard token at all: the pedantic check for a publish subject. */
    public static boolean isValidLiteralSubject(String subject) {
        if (subject == null || subject.isEmpty()) {
            return false;
        }
        int tokenStart = 0;
        int length = subject.length();
        for (int i = 0; i <= length; i++) {
            if (i == length || subject.charAt(i) == TOKEN_SEPARATOR) {
                if (i == tokenStart || isWildcardToken(subject, tokenStart, i)) {
                    return false;
                }
                tokenStart = i + 1;
            }
        }
        return true;
    }

    /** A subject a pedantic client may publish to: valid and without wildcards. */
    public static boolean isValidPublishSubject(String subject) {
        return isValidSubject(subject) && isValidLiteralSubject(subject);
    }

    /** Queue group names are opaque: any non-empty name without whitespace (dots and wildcards included). */
    public static boolean isValidQueueName(String queue) {
        if (queue == null || queue.isEmpty()) {
            return false;
        }
        for (int i = 0; i < queue.length(); i++) {
            if (isWhitespace(queue.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code pattern} (which may hold wildcards) matches {@code literalSubject}. The subject's
     * tokens are taken literally, so a non-pedantic {@code PUB foo.>} is matched by {@code foo.>} and
     * {@code foo.*} but not by {@code foo.bar}. A subject with an empty token matches nothing.
     */
    public static boolean matches(String pattern, String literalSubject) {
        if (pattern.isEmpty() || !hasOnlyNonEmptyTokens(literalSubject)) {
            return false;
        }
        int patternStart = 0;
        int subjectStart = 0;
        while (true) {
            int patternEnd = tokenEnd(pattern, patternStart);
            int subjectEnd = tokenEnd(literalSubject, subjectStart);
            if (isWildcardToken(pattern, patternStart, patternEnd, FULL_WILDCARD)) {
                return true;
            }
            if (!isWildcardToken(pattern, patternStart, patternEnd, SINGLE_WILDCARD)
                    && !sameToken(pattern, patternStart, patternEnd, literalSubject, subjectStart, subjectEnd)) {
                return false;
            }
            boolean patternDone = patternEnd == pattern.length();
            boolean subjectDone = subjectEnd == literalSubject.length();
            if (patternDone || subjectDone) {
                return patternDone && subjectDone;
            }
            patternStart = patternEnd + 1;
            subjectStart = subjectEnd + 1;
        }
    }

    /**
     * Whether every subject matched by {@code subject} is also matched by {@code pattern}; both may
     * hold wildcards. This is the permission check: {@code SUB foo.*} is allowed by {@code foo.>}
     * but {@code SUB foo.>} is not allowed by {@code foo.*}.
     */
    public static boolean isSubsetOf(String subject, String pattern) {
        if (pattern.isEmpty() || !hasOnlyNonEmptyTokens(subject)) {
            return false;
        }
        int patternStart = 0;
        int subjectStart = 0;
        while (true) {
            int patternEnd = tokenEnd(pattern, patternStart);
            int subjectEnd = tokenEnd(subject, subjectStart);
            if (isWildcardToken(pattern, patternStart, patternEnd, FULL_WILDCARD)) {
                return true;
            }
            if (isWildcardToken(subject, subjectStart, subjectEnd, FULL_WILDCARD)) {
                return false;
            }
            if (!isWildcardToken(pattern, patternStart, patternEnd, SINGLE_WILDCARD)
                    && (isWildcardToken(subject, subjectStart, subjectEnd, SINGLE_WILDCARD)
                    || !sameToken(pattern, patternStart, patternEnd, subject, subjectStart, subjectEnd))) {
                return false;
            }
            boolean patternDone = patternEnd == pattern.length();
            boolean subjectDone = subjectEnd == subject.length();
            if (patternDone || subjectDone) {
                return patternDone && subjectDone;
            }
            patternStart = patternEnd + 1;
            subjectStart = subjectEnd + 1;
        }
    }

    /** Number of tokens, empty ones included; 0 for the empty string. */
    public static int tokenCount(String subject) {
        if (subject.isEmpty()) {
            return 0;
        }
        int count = 1;
        for (int i = 0; i < subject.length(); i++) {
            if (subject.charAt(i) == TOKEN_SEPARATOR) {
                count++;
            }
        }
        return count;
    }

    /** False for the empty string and for any subject with an empty token ({@code foo..a}, {@code .a}, {@code a.}). */
    static boolean hasOnlyNonEmptyTokens(String subject) {
        int length = subject.length();
        if (length == 0 || subject.charAt(0) == TOKEN_SEPARATOR || subject.charAt(length - 1) == TOKEN_SEPARATOR) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            if (subject.charAt(i) == TOKEN_SEPARATOR && subject.charAt(i - 1) == TOKEN_SEPARATOR) {
                return false;
            }
        }
        return true;
    }

    /**
     * Length of the part of a valid subject before its first wildcard token: the whole subject if it
     * has none, 4 for {@code foo.*.bar}, 0 for {@code >}.
     */
    static int literalPrefixLength(String subject) {
        int tokenStart = 0;
        while (tokenStart <= subject.length()) {
            int tokenEnd = tokenEnd(subject, tokenStart);
            if (isWildcardToken(subject, tokenStart, tokenEnd)) {
                return tokenStart;
            }
            tokenStart = tokenEnd + 1;
        }
        return subject.length();
    }

    /** Index of the separator ending the token that starts at {@code start}, or the subject length. */
    static int tokenEnd(String subject, int start) {
        int end = subject.indexOf(TOKEN_SEPARATOR, start);
        return end < 0 ? subject.length() : end;
    }

    static boolean isWildcardToken(String subject, int start, int end) {
        return isWildcardToken(subject, start, end, SINGLE_WILDCARD)
                || isWildcardToken(subject, start, end, FULL_WILDCARD);
    }

    static boolean isWildcardToken(String subject, int start, int end, char wildcard) {
        return end - start == 1 && subject.charAt(start) == wildcard;
    }

    private static boolean sameToken(String a, int aStart, int aEnd, String b, int bStart, int bEnd) {
        int length = aEnd - aStart;
        return length == bEnd - bStart && a.regionMatches(aStart, b, bStart, length);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
    }
}
