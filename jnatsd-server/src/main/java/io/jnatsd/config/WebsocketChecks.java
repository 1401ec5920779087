package io.jnatsd.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Start-up checks of the {@code websocket {}} block that nats-server 2.10.27 makes after {@code -t}
 * passed (its validateWebsocketOptions; texts checked against the real server). Nothing is
 * checked while the port is 0: the block opens no listener then.
 */
public final class WebsocketChecks {
    private WebsocketChecks() {
    }

    public static List<String> problems(ServerOptions options) {
        WebsocketOptions ws = options.websocket();
        List<String> problems = new ArrayList<>();
        if (ws == null || !ws.enabled()) {
            return problems;
        }
        if (ws.tls() == null && !ws.noTls()) {
            problems.add("websocket requires TLS configuration");
            return problems;
        }
        for (String origin : ws.allowedOrigins()) {
            String problem = originProblem(origin);
            if (problem != null) {
                problems.add("unable to parse allowed origin: parse \"" + origin + "\": " + problem);
                return problems;
            }
        }
        if (ws.noAuthUser() != null) {
            String problem = StartupChecks.noAuthUserProblem(options, ws.noAuthUser());
            if (problem != null) {
                problems.add(problem);
                return problems;
            }
        }
        boolean usersListed = !options.authorization().users().isEmpty()
                || options.accounts().stream().anyMatch(a -> !a.users().isEmpty());
        if (usersListed && ws.user() != null) {
            problems.add("websocket authentication username not compatible with presence of users/nkeys");
        } else if (usersListed && ws.token() != null) {
            problems.add("websocket authentication token not compatible with presence of users/nkeys");
        } else if (ws.jwtCookie() != null && !trustsOperators(options)) {
            problems.add("trusted operators or trusted keys configuration is required for JWT authentication via cookie \""
                    + ws.jwtCookie() + "\"");
        }
        return problems;
    }

    private static boolean trustsOperators(ServerOptions options) {
        return options.operator() != null && options.operator().trustsOperators();
    }

    /**
     * What Go's lenient URL parser refuses in an origin: control characters anywhere, a space in
     * the host. Anything else parses there (even without a scheme) and is checked per request.
     */
    private static String originProblem(String origin) {
        for (int i = 0; i < origin.length(); i++) {
            char c = origin.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "net/url: invalid control character in URL";
            }
        }
        int scheme = origin.indexOf("://");
        if (scheme > 0) {
            String rest = origin.substring(scheme + 3);
            int end = rest.indexOf('/');
            String host = end < 0 ? rest : rest.substring(0, end);
            if (host.indexOf(' ') >= 0) {
                return "invalid character \" \" in host name";
            }
        }
        return null;
    }
}
