package io.jnatsd.monitor;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * An answer of the monitoring listener. Only JSON answers carry
 * {@code Access-Control-Allow-Origin: *}, as nats-server's; a JSONP answer ({@code ?callback=})
 * is {@code application/javascript} without it, and a 404 carries Go's {@code nosniff} header.
 */
record MonitorResponse(HttpResponseStatus status, String contentType, String body, boolean json) {
    private static final String PLAIN_TEXT = "text/plain; charset=utf-8";

    static MonitorResponse json(String body) {
        return new MonitorResponse(HttpResponseStatus.OK, "application/json", body, true);
    }

    static MonitorResponse text(HttpResponseStatus status, String body) {
        return new MonitorResponse(status, PLAIN_TEXT, body, false);
    }

    static MonitorResponse html(String body) {
        return new MonitorResponse(HttpResponseStatus.OK, "text/html; charset=utf-8", body, false);
    }

    /** Go's {@code http.NotFound}: the text ends with a newline. */
    static MonitorResponse notFound() {
        return new MonitorResponse(HttpResponseStatus.NOT_FOUND, PLAIN_TEXT, "404 page not found\n", false);
    }

    MonitorResponse withStatus(HttpResponseStatus newStatus) {
        return new MonitorResponse(newStatus, contentType, body, json);
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
}
