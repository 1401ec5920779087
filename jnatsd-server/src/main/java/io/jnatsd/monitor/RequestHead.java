package io.jnatsd.monitor;

/**
 * A request line and headers that Go's HTTP server would accept.
 *
 * @param method as sent (methods are case-sensitive; any token is answered)
 * @param target the request-target
 * @param http10 the request was HTTP/1.0, so the reply is too
 * @param keepAlive whether the connection stays open after the reply
 * @param contentLength the body length, 0 without one, -1 for a chunked body
 */
record RequestHead(String method, RequestTarget target, boolean http10, boolean keepAlive, long contentLength) {
    static final long CHUNKED = -1;

    boolean isHead() {
        return method.equals("HEAD");
    }

    RequestHead closing() {
        return new RequestHead(method, target, http10, false, contentLength);
    }
}
