package io.jnatsd.monitor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The request-target of a request line, read by Go's rules for a server request: an origin form
 * ({@code /varz?subs=1}), an absolute form ({@code http://host/varz}, whose path is used), the
 * asterisk form ({@code *}) and, for CONNECT only, an authority form. A control byte anywhere or a
 * broken percent-escape in the path refuses the request (400); a broken escape in the query does
 * not (the pair is ignored when the query is read, see {@link GoQuery}).
 *
 * @param path the percent-decoded path ("" for an authority form or an absolute URL without one)
 * @param rawQuery the query as sent, without the {@code ?}
 * @param asterisk the target was {@code *}
 */
record RequestTarget(String path, String rawQuery, boolean asterisk) {

    /** The text is the request line's second field, read as ISO-8859-1 (one char per byte). */
    static RequestTarget parse(String method, String text) throws RejectedRequest {
        if (text.isEmpty()) {
            throw RejectedRequest.badRequest();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw RejectedRequest.badRequest();
            }
        }
        if (text.equals("*")) {
            return new RequestTarget("*", "", true);
        }
        if (method.equals("CONNECT") && text.charAt(0) != '/') {
            return new RequestTarget("", "", false);
        }
        String rest = text;
        if (rest.charAt(0) != '/') {
            int schemeEnd = schemeLength(rest);
            if (schemeEnd <= 0) {
                throw RejectedRequest.badRequest();
            }
            rest = rest.substring(schemeEnd + 1);
            if (rest.startsWith("//")) {
                int pathStart = indexOfAny(rest, 2, "/?");
                rest = pathStart < 0 ? "" : rest.substring(pathStart);
            } else if (!rest.isEmpty() && rest.charAt(0) != '/') {
                return new RequestTarget("", "", false); // opaque: no path to serve
            }
        }
        int question = rest.indexOf('?');
        String rawPath = question < 0 ? rest : rest.substring(0, question);
        String rawQuery = question < 0 ? "" : rest.substring(question + 1);
        return new RequestTarget(decodePath(rawPath), rawQuery, false);
    }

    /**
     * Where Go's request router sends a path that is not in canonical form ({@code //varz},
     * {@code /a/../varz}, {@code /varz/.}): the cleaned path plus the query, or null when the path
     * is clean. A trailing slash is kept; an empty path becomes {@code /}.
     */
    String redirect() {
        if (asterisk) {
            return null;
        }
        String cleaned = clean(path);
        if (path.endsWith("/") && !cleaned.equals("/")) {
            cleaned += "/";
        }
        if (cleaned.equals(path)) {
            return null;
        }
        String location = escapePath(cleaned);
        return rawQuery.isEmpty() ? location : location + "?" + rawQuery;
    }

    /** Length of a URL scheme ({@code ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )}) ending at ':', else -1. */
    private static int schemeLength(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (letter || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) {
                continue;
            }
            return c == ':' && i > 0 ? i : -1;
        }
        return -1;
    }

    private static int indexOfAny(String text, int from, String chars) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String decodePath(String raw) throws RejectedRequest {
        String path = GoQuery.percentDecode(raw, false);
        if (path == null) {
            throw RejectedRequest.badRequest();
        }
        return path;
    }

    /** Lexical clean of a slash path: no empty, "." or ".." segments; ".." never climbs above the root. */
    static String clean(String path) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(segment);
            }
        }
        return "/" + String.join("/", segments);
    }

    /** Percent-encodes what may not stand in a URL path, for a Location header. */
    private static String escapePath(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~$&+,/:;=@".indexOf(c) >= 0;
            if (plain) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
