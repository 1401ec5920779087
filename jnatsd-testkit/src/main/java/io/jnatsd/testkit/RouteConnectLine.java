package io.jnatsd.testkit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dialing server's id from the first line a route solicitor sends: its CONNECT,
 * whose {@code name} is the server id (ROUTES.md §4). Route proxies sit in front of a member's
 * cluster port, where every peer arrives, and this is how they tell the peers apart.
 */
final class RouteConnectLine {
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");

    private RouteConnectLine() {
    }

    /** The server id, or null when the line is not a route CONNECT naming one. */
    static String serverId(String line) {
        if (line == null || !line.regionMatches(true, 0, "CONNECT ", 0, 8)) {
            return null;
        }
        Matcher name = NAME.matcher(line);
        return name.find() ? name.group(1) : null;
    }
}
