package io.jnatsd.monitor;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * An answer of the monitoring listener. Only JSON answers carry
 * {@code Access-Control-Allow-Origin: *}, as nats-server's; a JSONP answer ({@code ?callback=})
 * is {@code application/javascript} without it, and a 404 carries Go's {@code nosniff} header.
 * A null content type writes none (Go's empty answers); a location makes a redirect.
 */
record MonitorResponse(HttpResponseStatus status, String contentType, String body, boolean json, String location) {
    private static final String PLAIN_TEXT = "text/plain; charset=utf-8";
    private static final String HTML = "text/html; charset=utf-8";

    MonitorResponse(HttpResponseStatus status, String contentType, String body, boolean json) {
        this(status, contentType, body, json, null);
    }

    static MonitorResponse json(String body) {
        return new MonitorResponse(HttpResponseStatus.OK, "application/json", body, true);
    }

    static MonitorResponse text(HttpResponseStatus status, String body) {
        return new MonitorResponse(status, PLAIN_TEXT, body, false);
    }

    static MonitorResponse html(String body) {
        return new MonitorResponse(HttpResponseStatus.OK, HTML, body, false);
    }

    /** Go's {@code http.NotFound}: the text ends with a newline. */
    static MonitorResponse notFound() {
        return new MonitorResponse(HttpResponseStatus.NOT_FOUND, PLAIN_TEXT, "404 page not found\n", false);
    }

    /** Go's answer to {@code OPTIONS *}: 200 with no body. */
    static MonitorResponse emptyOk() {
        return new MonitorResponse(HttpResponseStatus.OK, null, "", false);
    }

    /**
     * Go's router sending a path that is not clean to its clean form: a 301 whose body (for GET)
     * is a link, HTML-escaped, as {@code http.Redirect} writes it.
     */
    static MonitorResponse movedPermanently(String method, String location) {
        boolean page = method.equals("GET") || method.equals("HEAD");
        String body = method.equals("GET") ? "<a href=\"" + escapeHtml(location) + "\">Moved Permanently</a>.\n\n" : "";
        return new MonitorResponse(HttpResponseStatus.MOVED_PERMANENTLY, page ? HTML : null, body, false, location);
    }

    MonitorResponse withStatus(HttpResponseStatus newStatus) {
        return new MonitorResponse(newStatus, contentType, body, json, location);
    }

    /** Wraps a JSON answer as {@code callback(json)}; other answers are returned unchanged. */
    MonitorResponse withCallback(String callback) {
        if (!json || callback == null || callback.isEmpty()) {
            return this;
        }
        return new MonitorResponse(status, "application/javascript", callback + "(" + body + ")", false);
    }

    boolean allowsAnyOrigin() {
        return json;
    }

    boolean isNotFound() {
        return status.equals(HttpResponseStatus.NOT_FOUND);
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;")
                .replace("'", "&#39;");
    }
}
