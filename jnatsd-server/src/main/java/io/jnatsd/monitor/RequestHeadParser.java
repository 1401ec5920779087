package io.jnatsd.monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one request head line by line and refuses it as Go's HTTP server (nats-server's monitor)
 * does, in the same order, so each malformed request gets nats-server's status:
 * <ol>
 * <li>as each line arrives: a request line that is not {@code METHOD SP target SP HTTP/d.d}, a
 * method that is not a token, a bad target ({@link RequestTarget}); a header line without a colon,
 * with an empty or non-token name, a control byte in its value, or folded onto nothing
 * (all 400);</li>
 * <li>at the blank line: a Transfer-Encoding other than one {@code chunked} (501, HTTP/1.1 and
 * up), Content-Length values that are not digits or disagree (400), a major version other than 1
 * (505), a missing (HTTP/1.1), repeated or malformed Host (400), a space in a header name (400),
 * an Expect other than {@code 100-continue} (417).</li>
 * </ol>
 * Lines arrive without their line end; a CR before the LF is removed by the caller, any other CR
 * stays and is refused as a control byte.
 */
final class RequestHeadParser {
    private String method;
    private RequestTarget target;
    private int major;
    private int minor;
    private boolean preface;
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    void requestLine(String line) throws RejectedRequest {
        int firstSpace = line.indexOf(' ');
        int secondSpace = firstSpace < 0 ? -1 : line.indexOf(' ', firstSpace + 1);
        if (secondSpace < 0) {
            throw RejectedRequest.badRequest();
        }
        method = line.substring(0, firstSpace);
        String targetText = line.substring(firstSpace + 1, secondSpace);
        String version = line.substring(secondSpace + 1);
        if (!isToken(method) || !readVersion(version)) {
            throw RejectedRequest.badRequest();
        }
        preface = method.equals("PRI") && targetText.equals("*") && version.equals("HTTP/2.0");
        target = preface ? new RequestTarget("*", "", true) : RequestTarget.parse(method, targetText);
    }

    void headerLine(String line) throws RejectedRequest {
        char first = line.charAt(0);
        if (first == ' ' || first == '\t') {
            if (values.isEmpty()) {
                throw RejectedRequest.badRequest();
            }
            String folded = trim(line);
            checkValue(folded);
            int last = values.size() - 1;
            values.set(last, values.get(last).isEmpty() ? folded : values.get(last) + " " + folded);
            return;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw RejectedRequest.badRequest();
        }
        String name = line.substring(0, colon);
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) != ' ' && !isTokenChar(name.charAt(i))) {
                throw RejectedRequest.badRequest();
            }
        }
        String value = trim(line.substring(colon + 1));
        checkValue(value);
        names.add(name);
        values.add(value);
    }

    RequestHead finish() throws RejectedRequest {
        if (preface) {
            throw RejectedRequest.emptyBadRequest();
        }
        boolean atLeast11 = major > 1 || (major == 1 && minor >= 1);
        long contentLength = atLeast11 && chunked() ? RequestHead.CHUNKED : contentLength();
        if (major != 1) {
            throw RejectedRequest.versionNotSupported();
        }
        checkHost(atLeast11);
        for (String name : names) {
            if (name.indexOf(' ') >= 0) {
                throw RejectedRequest.badRequest("invalid header name");
            }
        }
        boolean http10 = minor == 0;
        String expect = single("Expect");
        if (expect != null && !expect.isEmpty() && !expect.equalsIgnoreCase("100-continue")) {
            throw RejectedRequest.expectationFailed(http10);
        }
        return new RequestHead(method, target, http10, keepAlive(atLeast11), contentLength);
    }

    private boolean chunked() throws RejectedRequest {
        List<String> encodings = all("Transfer-Encoding");
        if (encodings.isEmpty()) {
            return false;
        }
        if (encodings.size() > 1 || !encodings.get(0).equalsIgnoreCase("chunked")) {
            throw RejectedRequest.unsupportedTransferEncoding();
        }
        return true;
    }

    private long contentLength() throws RejectedRequest {
        List<String> lengths = all("Content-Length");
        if (lengths.isEmpty()) {
            return 0;
        }
        String length = lengths.get(0);
        for (String other : lengths) {
            if (!other.equals(length)) {
                throw RejectedRequest.badRequest();
            }
        }
        if (length.isEmpty()) {
            return 0;
        }
        if (length.length() > 18 || !length.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw RejectedRequest.badRequest();
        }
        return Long.parseLong(length);
    }

    private void checkHost(boolean atLeast11) throws RejectedRequest {
        List<String> hosts = all("Host");
        if (hosts.size() > 1) {
            throw RejectedRequest.badRequest();
        }
        if (hosts.isEmpty()) {
            if (atLeast11 && !method.equals("CONNECT")) {
                throw RejectedRequest.badRequest("missing required Host header");
            }
            return;
        }
        String host = hosts.get(0);
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!$%&'()*+,-.:;=[]_~".indexOf(c) >= 0;
            if (!allowed) {
                throw RejectedRequest.badRequest("malformed Host header");
            }
        }
    }

    /** HTTP/1.1 and up stay open unless a Connection token says close; HTTP/1.0 only on keep-alive. */
    private boolean keepAlive(boolean atLeast11) {
        boolean close = false;
        boolean keepAlive = false;
        for (String value : all("Connection")) {
            for (String token : value.split(",")) {
                String option = token.trim();
                close |= option.equalsIgnoreCase("close");
                keepAlive |= option.equalsIgnoreCase("keep-alive");
            }
        }
        return !close && (atLeast11 || keepAlive);
    }

    private String single(String name) {
        List<String> found = all(name);
        return found.isEmpty() ? null : found.get(0);
    }

    private List<String> all(String name) {
        List<String> found = new ArrayList<>(1);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                found.add(values.get(i));
            }
        }
        return found;
    }

    /** {@code HTTP/} and one digit, a dot and one digit; any other form is malformed. */
    private boolean readVersion(String version) {
        if (version.length() != 8 || !version.startsWith("HTTP/") || version.charAt(6) != '.'
                || !isDigit(version.charAt(5)) || !isDigit(version.charAt(7))) {
            return false;
        }
        major = version.charAt(5) - '0';
        minor = version.charAt(7) - '0';
        return true;
    }

    private static void checkValue(String value) throws RejectedRequest {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw RejectedRequest.badRequest();
            }
        }
    }

    private static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isTokenChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 7230 tchar. */
    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
