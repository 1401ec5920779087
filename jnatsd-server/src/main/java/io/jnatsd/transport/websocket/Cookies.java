package io.jnatsd.transport.websocket;

import java.util.List;

/** Reads one cookie out of a request's {@code Cookie} headers, as Go's {@code Request.Cookie} does. */
final class Cookies {
    private Cookies() {
    }

    /** The value of the first cookie so named (surrounding double quotes removed), or null. */
    static String value(List<String> headers, String name) {
        for (String header : headers) {
            for (String pair : header.split(";")) {
                String part = pair.strip();
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).strip().equals(name)) {
                    String value = part.substring(eq + 1).strip();
                    if (value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    return value;
                }
            }
        }
        return null;
    }
}
