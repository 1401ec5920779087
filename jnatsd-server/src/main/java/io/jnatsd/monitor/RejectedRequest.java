package io.jnatsd.monitor;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request Go's HTTP server refuses before any handler runs, with the reply it writes: the
 * status line, {@code Content-Type: text/plain}, {@code Connection: close} and the status text
 * again as the body ({@code 400 Bad Request: missing required Host header}). The connection is
 * closed after the reply. A few refusals (HTTP/2 preface, {@code Expect}) are empty replies
 * instead, as Go's are.
 */
final class RejectedRequest extends Exception {
    private final HttpResponseStatus status;
    private final boolean emptyReply;
    private final boolean http10;

    private RejectedRequest(HttpResponseStatus status, String detail, boolean emptyReply, boolean http10) {
        super(status.code() + " " + status.reasonPhrase() + (detail == null ? "" : ": " + detail), null, false, false);
        this.status = status;
        this.emptyReply = emptyReply;
        this.http10 = http10;
    }

    /** {@code 400 Bad Request}, Go's answer to most malformed requests. */
    static RejectedRequest badRequest() {
        return new RejectedRequest(HttpResponseStatus.BAD_REQUEST, null, false, false);
    }

    /** {@code 400 Bad Request: <detail>}, for the checks Go's server names. */
    static RejectedRequest badRequest(String detail) {
        return new RejectedRequest(HttpResponseStatus.BAD_REQUEST, detail, false, false);
    }

    static RejectedRequest headerTooLarge() {
        return new RejectedRequest(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, null, false, false);
    }

    static RejectedRequest versionNotSupported() {
        return new RejectedRequest(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, "unsupported protocol version",
                false, false);
    }

    /** A {@code Transfer-Encoding} other than one {@code chunked}: Go's body text differs from its status. */
    static RejectedRequest unsupportedTransferEncoding() {
        return new RejectedRequest(HttpResponseStatus.NOT_IMPLEMENTED, null, false, false);
    }

    /** {@code PRI * HTTP/2.0} (a prior-knowledge HTTP/2 preface) or a non-OPTIONS {@code *}: an empty 400. */
    static RejectedRequest emptyBadRequest() {
        return new RejectedRequest(HttpResponseStatus.BAD_REQUEST, null, true, false);
    }

    static RejectedRequest expectationFailed(boolean http10) {
        return new RejectedRequest(HttpResponseStatus.EXPECTATION_FAILED, null, true, http10);
    }

    HttpResponseStatus status() {
        return status;
    }

    /** The exact bytes to write before closing; {@code date} is the formatted Date header value. */
    String reply(String date) {
        if (emptyReply) {
            return (http10 ? "HTTP/1.0 " : "HTTP/1.1 ") + status.code() + " " + status.reasonPhrase()
                    + "\r\nConnection: close\r\nDate: " + date + "\r\nContent-Length: 0\r\n\r\n";
        }
        String statusText = getMessage();
        String body = status.equals(HttpResponseStatus.NOT_IMPLEMENTED) ? "Unsupported transfer encoding" : statusText;
        return "HTTP/1.1 " + statusText + "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"
                + body;
    }
}
