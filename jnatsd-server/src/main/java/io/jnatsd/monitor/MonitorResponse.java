package io.jnatsd.monitor;

import io.netty.handler.codec.http.HttpResponseStatus;

/** An answer of the monitoring listener: status, content type and body. */
record MonitorResponse(HttpResponseStatus status, String contentType, String body) {
    static MonitorResponse json(String body) {
        return new MonitorResponse(HttpResponseStatus.OK, "application/json", body);
    }

    static MonitorResponse text(HttpResponseStatus status, String body) {
        return new MonitorResponse(status, "text/plain; charset=utf-8", body);
    }

    static MonitorResponse html(String body) {
        return new MonitorResponse(HttpResponseStatus.OK, "text/html; charset=utf-8", body);
    }
}
