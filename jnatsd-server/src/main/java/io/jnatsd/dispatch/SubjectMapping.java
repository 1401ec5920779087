package io.jnatsd.dispatch;

import java.util.ArrayList;
import java.util.List;

/**
 * How an import moves a subject from one account to the other: unchanged (no target), under a
 * prefix, or through a target pattern whose {@code *}, {@code >}, {@code $N} and
 * {@code {{wildcard(N)}}} tokens take the values the source pattern's wildcards matched, in
 * order (nats-server's import transforms). A literal target with a wildcard source keeps the
 * subject behind the target, as jnatsd always read it.
 */
final class SubjectMapping {
    private final String[] from;
    private final String to;
    private final String[] target;
    private final boolean prefix;

    private SubjectMapping(String from, String to, boolean prefix) {
        this.from = from.split("\\.", -1);
        this.to = to == null || to.isEmpty() ? null : to;
        this.target = this.to == null ? null : this.to.split("\\.", -1);
        this.prefix = prefix;
    }

    static SubjectMapping of(String from, String to) {
        return new SubjectMapping(from, to, false);
    }

    static SubjectMapping prefix(String from, String prefix) {
        String trimmed = prefix == null || !prefix.endsWith(".") ? prefix : prefix.substring(0, prefix.length() - 1);
        return new SubjectMapping(from, trimmed, true);
    }

    /** The pattern subscribers match in the destination (a mapped import's interest). */
    String targetPattern() {
        if (to == null) {
            return String.join(".", from);
        }
        return prefix ? to + "." + String.join(".", from) : to;
    }

    String map(String subject) {
        if (to == null) {
            return subject;
        }
        if (prefix) {
            return to + "." + subject;
        }
        String[] tokens = subject.split("\\.", -1);
        List<String> values = new ArrayList<>();
        String rest = null;
        for (int i = 0; i < from.length && i < tokens.length; i++) {
            if (from[i].equals("*")) {
                values.add(tokens[i]);
            } else if (from[i].equals(">")) {
                rest = String.join(".", java.util.Arrays.copyOfRange(tokens, i, tokens.length));
            }
        }
        if (values.isEmpty() && rest == null) {
            return to;
        }
        if (!hasReferences()) {
            return to + "." + subject;
        }
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (String token : target) {
            if (out.length() > 0) {
                out.append('.');
            }
            int reference = reference(token);
            if (token.equals("*")) {
                out.append(next < values.size() ? values.get(next++) : token);
            } else if (token.equals(">")) {
                out.append(rest == null ? token : rest);
            } else if (reference > 0 && reference <= values.size()) {
                out.append(values.get(reference - 1));
            } else {
                out.append(token);
            }
        }
        return out.toString();
    }

    private boolean hasReferences() {
        for (String token : target) {
            if (token.equals("*") || token.equals(">") || reference(token) > 0) {
                return true;
            }
        }
        return false;
    }

    /** N of a {@code $N} or {@code {{wildcard(N)}}} token, else 0. */
    private static int reference(String token) {
        String digits = null;
        if (token.startsWith("$")) {
            digits = token.substring(1);
        } else if (token.startsWith("{{") && token.endsWith("}}")) {
            String inner = token.substring(2, token.length() - 2).replace(" ", "");
            if (inner.toLowerCase(java.util.Locale.ROOT).startsWith("wildcard(") && inner.endsWith(")")) {
                digits = inner.substring("wildcard(".length(), inner.length() - 1);
            }
        }
        if (digits == null || digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Integer.parseInt(digits);
    }
}
