package io.jnatsd.sys;

/**
 * A message for one of the system client's subscriptions, copied out of the read buffer it
 * arrived in (a frame is only valid during delivery) so it can be answered on the system thread.
 *
 * @param reply   null when the sender expects no answer
 * @param body    the payload without headers
 * @param headers the header block ({@code NATS/1.0} and its lines), empty when there is none
 */
record SystemRequest(String subject, String reply, byte[] body, String headers) {

    SystemRequest(String subject, String reply, byte[] body) {
        this(subject, reply, body, "");
    }

    /** The value of header {@code name} (case-insensitive), or null. */
    String header(String name) {
        String prefix = name.toLowerCase(java.util.Locale.ROOT) + ":";
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        return null;
    }

    /** The {@code error} object of a refused request, as nats-server writes it. */
    static java.util.Map<String, Object> error(int code, String description) {
        java.util.Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("code", code);
        error.put("description", description);
        return error;
    }
}
