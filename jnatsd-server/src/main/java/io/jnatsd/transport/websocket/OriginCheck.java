package io.jnatsd.transport.websocket;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code same_origin} and {@code allowed_origins} checks of the upgrade request, as nats-server
 * 2.10 makes them: a request without an {@code Origin} (or {@code Sec-WebSocket-Origin}) header
 * passes, as do all when neither option is set; otherwise the origin's host and port (80 or 443 by
 * scheme when absent) must equal the request's {@code Host}, and its host, scheme and port an
 * allowed origin's. Messages are nats-server's.
 *
 * <p>One difference, to fail closed: an allowed origin that is not an absolute URL is reported as
 * nats-server reports it and then matches nothing, where nats-server drops it (and with it, when it
 * was the only one, every origin restriction).
 */
final class OriginCheck {
    private static final Logger LOG = LoggerFactory.getLogger(OriginCheck.class);

    private record Allowed(String scheme, String port) {
    }

    private final boolean sameOrigin;
    private final boolean listed;
    private final Map<String, Allowed> allowed = new HashMap<>();

    OriginCheck(boolean sameOrigin, List<String> allowedOrigins) {
        this.sameOrigin = sameOrigin;
        this.listed = !allowedOrigins.isEmpty();
        for (String origin : allowedOrigins) {
            try {
                Url url = Url.parse(origin);
                HostPort hp = HostPort.split("https".equals(url.scheme), url.host);
                allowed.put(hp.host, new Allowed(url.scheme, hp.port));
            } catch (IllegalArgumentException bad) {
                LOG.error("error parsing allowed origin: {}", bad.getMessage());
            }
        }
    }

    /** Why this request's origin is refused, or null when it may upgrade. */
    String refusal(String origin, String requestHost, boolean tls) {
        if (!sameOrigin && !listed) {
            return null;
        }
        if (origin == null || origin.isEmpty()) {
            return null;
        }
        HostPort from;
        String scheme;
        try {
            Url url = Url.parse(origin);
            scheme = url.scheme;
            from = HostPort.split("https".equals(url.scheme), url.host);
        } catch (IllegalArgumentException bad) {
            return bad.getMessage();
        }
        if (sameOrigin) {
            HostPort request;
            try {
                request = HostPort.split(tls, requestHost == null ? "" : requestHost);
            } catch (IllegalArgumentException bad) {
                return bad.getMessage();
            }
            if (!from.host.equals(request.host) || !from.port.equals(request.port)) {
                return "not same origin";
            }
        }
        if (listed) {
            Allowed entry = allowed.get(from.host);
            if (entry == null || !scheme.equals(entry.scheme) || !from.port.equals(entry.port)) {
                return "not in the allowed list";
            }
        }
        return null;
    }

    /** The scheme and host of an absolute URL, as Go's ParseRequestURI gives them (with its error text). */
    private record Url(String scheme, String host) {
        static Url parse(String text) {
            int colon = text.indexOf(':');
            if (text.startsWith("/")) {
                return new Url("", "");
            }
            if (colon <= 0 || !validScheme(text.substring(0, colon))) {
                throw new IllegalArgumentException("parse \"" + text + "\": invalid URI for request");
            }
            String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
            String rest = text.substring(colon + 1);
            if (!rest.startsWith("//")) {
                return new Url(scheme, "");
            }
            rest = rest.substring(2);
            int end = rest.length();
            for (char stop : new char[] {'/', '?', '#'}) {
                int at = rest.indexOf(stop);
                if (at >= 0 && at < end) {
                    end = at;
                }
            }
            String authority = rest.substring(0, end);
            int user = authority.lastIndexOf('@');
            return new Url(scheme, user < 0 ? authority : authority.substring(user + 1));
        }

        private static boolean validScheme(String scheme) {
            if (!Character.isLetter(scheme.charAt(0))) {
                return false;
            }
            for (int i = 1; i < scheme.length(); i++) {
                char c = scheme.charAt(i);
                if (!Character.isLetterOrDigit(c) && c != '+' && c != '-' && c != '.') {
                    return false;
                }
            }
            return true;
        }
    }

    /** Go's SplitHostPort with the scheme's port when none is given; the host lower-cased. */
    private record HostPort(String host, String port) {
        static HostPort split(boolean tls, String hostPort) {
            String defaultPort = tls ? "443" : "80";
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("address " + hostPort + ": missing ']' in address");
                }
                String host = hostPort.substring(1, close).toLowerCase(Locale.ROOT);
                String after = hostPort.substring(close + 1);
                if (after.isEmpty()) {
                    return new HostPort(host, defaultPort);
                }
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException("address " + hostPort + ": unexpected ']' in address");
                }
                return new HostPort(host, after.substring(1));
            }
            int first = hostPort.indexOf(':');
            if (first < 0) {
                return new HostPort(hostPort.toLowerCase(Locale.ROOT), defaultPort);
            }
            if (hostPort.indexOf(':', first + 1) >= 0) {
                throw new IllegalArgumentException("address " + hostPort + ": too many colons in address");
            }
            return new HostPort(hostPort.substring(0, first).toLowerCase(Locale.ROOT), hostPort.substring(first + 1));
        }
    }
}
