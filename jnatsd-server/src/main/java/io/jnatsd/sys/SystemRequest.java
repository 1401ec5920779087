package io.jnatsd.sys;

/**
 * A message for one of the system client's subscriptions, copied out of the read buffer it
 * arrived in (a frame is only valid during delivery) so it can be answered on the system thread.
 *
 * @param reply null when the sender expects no answer
 * @param body  the payload without headers
 */
record SystemRequest(String subject, String reply, byte[] body) {

    /** The {@code error} object of a refused request, as nats-server writes it. */
    static java.util.Map<String, Object> error(int code, String description) {
        java.util.Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("code", code);
        error.put("description", description);
        return error;
    }
}
