package io.jnatsd.tests.monitor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Malformed and unusual HTTP requests with the status line nats-server 2.10.27's monitoring port
 * (Go's net/http server) answers each with, recorded from the real server with raw sockets. Every
 * request asks for {@code /healthz}, whose body is the same on both servers, and closes the
 * connection unless the case is about keep-alive.
 */
final class BadHttpRequests {
    private static final String CLOSE = "Connection: close\r\n";
    private static final String HOST = "Host: x\r\n";
    private static final String OK = "HTTP/1.1 200 OK";
    private static final String BAD = "HTTP/1.1 400 Bad Request";

    record Case(String name, byte[] request, String status) {
        @Override
        public String toString() {
            return name;
        }
    }

    private BadHttpRequests() {
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        // the differences issue 11 found
        add(cases, "malformed percent-escape in the query", get("/healthz?%zz"), OK);
        add(cases, "malformed percent-escape in the path", get("/heal%zzthz"), BAD);
        add(cases, "request line of 5 KB", get("/healthz?a=" + "x".repeat(5000)), OK);
        add(cases, "request line of 1 MiB", get("/healthz?a=" + "x".repeat(1 << 20)), OK);
        add(cases, "request line of 2 MiB", get("/healthz?a=" + "x".repeat(2 << 20)),
                "HTTP/1.1 431 Request Header Fields Too Large");
        add(cases, "head of exactly 1 MiB + 4 KiB", headOfSize((1 << 20) + 4096), OK);
        add(cases, "head one byte over 1 MiB + 4 KiB", headOfSize((1 << 20) + 4097),
                "HTTP/1.1 431 Request Header Fields Too Large");
        add(cases, "header of 2 MiB", request("GET /healthz HTTP/1.1", HOST + "X-Big: " + "y".repeat(2 << 20) + "\r\n" + CLOSE),
                "HTTP/1.1 431 Request Header Fields Too Large");
        add(cases, "HTTP/9.9", request("GET /healthz HTTP/9.9", HOST + CLOSE),
                "HTTP/1.1 505 HTTP Version Not Supported: unsupported protocol version");
        add(cases, "HTTP/0.9", request("GET /healthz HTTP/0.9", ""),
                "HTTP/1.1 505 HTTP Version Not Supported: unsupported protocol version");
        add(cases, "HTTP/2.0 without the preface", request("GET /healthz HTTP/2.0", HOST),
                "HTTP/1.1 505 HTTP Version Not Supported: unsupported protocol version");
        add(cases, "HTTP/1.2 is HTTP/1", request("GET /healthz HTTP/1.2", HOST + CLOSE), OK);
        add(cases, "HTTP/10.0", request("GET /healthz HTTP/10.0", HOST), BAD);
        add(cases, "lower-case version", request("GET /healthz http/1.1", HOST), BAD);
        add(cases, "no version", request("GET /healthz", HOST), BAD);
        add(cases, "header line without a colon", request("GET /healthz HTTP/1.1", HOST + "BadHeader\r\n" + CLOSE), BAD);
        add(cases, "two different Content-Length headers",
                request("GET /healthz HTTP/1.1", HOST + "Content-Length: 0\r\nContent-Length: 1\r\n" + CLOSE), BAD);
        add(cases, "two equal Content-Length headers",
                request("GET /healthz HTTP/1.1", HOST + "Content-Length: 0\r\nContent-Length: 0\r\n" + CLOSE), OK);
        add(cases, "random bytes", new byte[] {(byte) 0x8f, 0x01, (byte) 0xff, 0x20, 0x41, '\r', '\n', '\r', '\n'}, BAD);
        add(cases, "binary line", "\u0000\u0001\u0002garbage\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), BAD);
        // request line
        add(cases, "leading empty line", ("\r\n" + "GET /healthz HTTP/1.1\r\n" + HOST + CLOSE + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1), BAD);
        add(cases, "two spaces after the method", request("GET  /healthz HTTP/1.1", HOST), BAD);
        add(cases, "method with a non-token byte", request("G(T /healthz HTTP/1.1", HOST), BAD);
        add(cases, "lower-case method", request("get /healthz HTTP/1.1", HOST + CLOSE), OK);
        add(cases, "absolute URL", request("GET http://x/healthz HTTP/1.1", HOST + CLOSE), OK);
        add(cases, "path without a slash", request("GET healthz HTTP/1.1", HOST), BAD);
        add(cases, "control byte in the path", request("GET /heal\u007fthz HTTP/1.1", HOST), BAD);
        add(cases, "control byte in the query", request("GET /healthz?\u0001 HTTP/1.1", HOST), BAD);
        add(cases, "escaped path", request("GET /%68ealthz HTTP/1.1", HOST + CLOSE), OK);
        add(cases, "fragment is part of the path", request("GET /healthz#x HTTP/1.1", HOST + CLOSE),
                "HTTP/1.1 404 Not Found");
        add(cases, "unclean path is redirected", request("GET //healthz?x=1 HTTP/1.1", HOST + CLOSE),
                "HTTP/1.1 301 Moved Permanently");
        add(cases, "dot segments are redirected", request("POST /a/../healthz HTTP/1.1", HOST + CLOSE),
                "HTTP/1.1 301 Moved Permanently");
        add(cases, "HEAD of a redirect", request("HEAD /./healthz HTTP/1.1", HOST + CLOSE),
                "HTTP/1.1 301 Moved Permanently");
        add(cases, "OPTIONS *", request("OPTIONS * HTTP/1.1", HOST + CLOSE), OK);
        add(cases, "GET *", request("GET * HTTP/1.1", HOST + CLOSE), BAD);
        add(cases, "HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), BAD);
        add(cases, "CONNECT to an authority", request("CONNECT x:1 HTTP/1.1", HOST + CLOSE), "HTTP/1.1 404 Not Found");
        add(cases, "semicolon in the query", request("GET /connz?subs=maybe;x=1 HTTP/1.1", HOST + CLOSE), OK);
        add(cases, "bare LF line ends", "GET /healthz HTTP/1.1\nHost: x\nConnection: close\n\n"
                .getBytes(StandardCharsets.ISO_8859_1), OK);
        add(cases, "bare CR in the request line", "GET /healthz HTTP/1.1\rHost: x\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1), BAD);
        // headers
        add(cases, "folded header", request("GET /healthz HTTP/1.1", HOST + "X-A: a\r\n  b\r\n" + CLOSE), OK);
        add(cases, "first header folded", request("GET /healthz HTTP/1.1", " X-A: a\r\n" + HOST + CLOSE), BAD);
        add(cases, "space before the colon", request("GET /healthz HTTP/1.1", HOST + "X-A : a\r\n" + CLOSE),
                "HTTP/1.1 400 Bad Request: invalid header name");
        add(cases, "empty header name", request("GET /healthz HTTP/1.1", HOST + ": a\r\n" + CLOSE), BAD);
        add(cases, "non-token header name", request("GET /healthz HTTP/1.1", HOST + "X(A: a\r\n" + CLOSE), BAD);
        add(cases, "control byte in a value", request("GET /healthz HTTP/1.1", HOST + "X-A: a\u0001b\r\n" + CLOSE), BAD);
        add(cases, "tab and high bytes in a value",
                request("GET /healthz HTTP/1.1", HOST + "X-A: a\tb\u00ffc\r\n" + CLOSE), OK);
        add(cases, "missing Host", request("GET /healthz HTTP/1.1", CLOSE),
                "HTTP/1.1 400 Bad Request: missing required Host header");
        add(cases, "HTTP/1.0 without Host", request("GET /healthz HTTP/1.0", ""), "HTTP/1.0 200 OK");
        add(cases, "two Host headers", request("GET /healthz HTTP/1.1", HOST + "Host: y\r\n" + CLOSE), BAD);
        add(cases, "malformed Host", request("GET /healthz HTTP/1.1", "Host: a b\r\n" + CLOSE),
                "HTTP/1.1 400 Bad Request: malformed Host header");
        add(cases, "malformed Host on HTTP/1.0", request("GET /healthz HTTP/1.0", "Host: a/b\r\n"),
                "HTTP/1.1 400 Bad Request: malformed Host header");
        add(cases, "empty Host", request("GET /healthz HTTP/1.1", "Host:\r\n" + CLOSE), OK);
        add(cases, "IPv6 Host with port", request("GET /healthz HTTP/1.1", "Host: [::1]:80\r\n" + CLOSE), OK);
        add(cases, "Expect other than 100-continue", request("GET /healthz HTTP/1.1", HOST + "Expect: foo\r\n" + CLOSE),
                "HTTP/1.1 417 Expectation Failed");
        add(cases, "Expect: 100-continue", request("GET /healthz HTTP/1.1", HOST + "Expect: 100-Continue\r\n" + CLOSE), OK);
        add(cases, "HTTP/9.9 with a missing Host", request("GET /healthz HTTP/9.9", ""),
                "HTTP/1.1 505 HTTP Version Not Supported: unsupported protocol version");
        // bodies
        add(cases, "Transfer-Encoding gzip", request("POST /healthz HTTP/1.1", HOST + "Transfer-Encoding: gzip\r\n" + CLOSE),
                "HTTP/1.1 501 Not Implemented");
        add(cases, "two Transfer-Encoding headers", request("POST /healthz HTTP/1.1",
                HOST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n" + CLOSE), "HTTP/1.1 501 Not Implemented");
        add(cases, "chunked body", body("POST /healthz HTTP/1.1", HOST + "Transfer-Encoding: Chunked\r\n" + CLOSE,
                "3;x=1\r\nabc\r\n0\r\nTrailer: t\r\n\r\n"), OK);
        add(cases, "malformed chunked body", body("POST /healthz HTTP/1.1", HOST + "Transfer-Encoding: chunked\r\n",
                "zz\r\n"), OK);
        add(cases, "Transfer-Encoding ignored on HTTP/1.0", body("POST /healthz HTTP/1.0",
                "Transfer-Encoding: gzip\r\n", ""), "HTTP/1.0 200 OK");
        add(cases, "Content-Length not a number", request("POST /healthz HTTP/1.1", HOST + "Content-Length: abc\r\n"), BAD);
        add(cases, "negative Content-Length", request("POST /healthz HTTP/1.1", HOST + "Content-Length: -1\r\n"), BAD);
        add(cases, "Content-Length with a plus sign", body("POST /healthz HTTP/1.1", HOST + "Content-Length: +1\r\n", "a"), BAD);
        add(cases, "Content-Length with spaces", body("POST /healthz HTTP/1.1", HOST + "Content-Length:  1 \r\n" + CLOSE, "a"), OK);
        add(cases, "empty Content-Length", request("POST /healthz HTTP/1.1", HOST + "Content-Length:\r\n" + CLOSE), OK);
        add(cases, "Content-Length of 20 digits", request("POST /healthz HTTP/1.1",
                HOST + "Content-Length: 99999999999999999999\r\n"), BAD);
        add(cases, "body too large to drain", request("POST /healthz HTTP/1.1", HOST + "Content-Length: 9999999\r\n"), OK);
        add(cases, "two keep-alive requests, the first with a body",
                concat(body("POST /healthz HTTP/1.1", HOST + "Content-Length: 3\r\n", "abc"),
                        request("GET /healthz HTTP/1.1", HOST + CLOSE)), OK);
        return cases;
    }

    private static void add(List<Case> cases, String name, byte[] request, String status) {
        cases.add(new Case(name, request, status));
    }

    private static byte[] get(String target) {
        return request("GET " + target + " HTTP/1.1", HOST + CLOSE);
    }

    private static byte[] request(String line, String headers) {
        return body(line, headers, "");
    }

    private static byte[] body(String line, String headers, String body) {
        return (line + "\r\n" + headers + "\r\n" + body).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A request whose line and headers (with the blank line) are exactly {@code size} bytes. */
    private static byte[] headOfSize(int size) {
        String prefix = "GET /healthz?a=";
        String suffix = " HTTP/1.1\r\n" + HOST + CLOSE + "\r\n";
        return (prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
