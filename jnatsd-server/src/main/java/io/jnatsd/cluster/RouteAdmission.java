package io.jnatsd.cluster;

import io.jnatsd.auth.Passwords;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.SubjectPermission;
import io.jnatsd.protocol.ProtocolError;
import io.jnatsd.protocol.route.RouteConnect;
import io.jnatsd.protocol.route.RouteInfo;
import io.jnatsd.subject.Subjects;
import java.util.Set;

/**
 * The rules a route must pass, with nats-server's error texts: who may connect (not a client,
 * not a gateway, the cluster credentials), which pool slot or pinned account a connection takes
 * (ROUTES.md §7-§8), and which remote interest is accepted (route export permissions, §6.4).
 */
final class RouteAdmission {
    private static final long DEFAULT_AUTH_TIMEOUT_MILLIS = 2000;

    private final ClusterOptions options;

    RouteAdmission(ClusterOptions options) {
        this.options = options;
    }

    /** Where a validated connection goes, or the -ERR text refusing it ({@code final_}: never re-dial). */
    record Slot(String pinnedAccount, int poolIndex, String error, boolean final_) {
        static Slot refused(String error, boolean forGood) {
            return new Slot(null, 0, error, forGood);
        }
    }

    boolean authRequired() {
        return options.authUser() != null || options.authToken() != null;
    }

    long authTimeoutMillis() {
        return options.authTimeout() == null ? DEFAULT_AUTH_TIMEOUT_MILLIS : options.authTimeout().toMillis();
    }

    /** Why a CONNECT is refused (the log text), or null. */
    String refusal(RouteConnect connect) {
        if (connect.lang != null) {
            return ProtocolError.ATTEMPTED_TO_CONNECT_TO_ROUTE_PORT.text();
        }
        if (connect.gateway != null) {
            return "Rejecting connection from gateway \"" + connect.gateway + "\" on the Route port";
        }
        if (options.authToken() != null && !Passwords.matches(connect.authToken != null ? connect.authToken
                : connect.user, options.authToken())) {
            return "authentication error";
        }
        if (options.authUser() != null && !(options.authUser().equals(connect.user)
                && Passwords.matches(connect.pass, options.authPassword()))) {
            return "authentication error";
        }
        return null;
    }

    Slot slot(RouteConnection connection, RouteInfo info, int ourPoolSize, Set<String> pinnedAccounts) {
        boolean remotePooled = info.routePoolSize > 0;
        if (ourPoolSize > 0 && remotePooled && info.routePoolSize != ourPoolSize) {
            return Slot.refused("Mismatch route pool size: " + ourPoolSize + " vs " + info.routePoolSize, false);
        }
        boolean pooled = ourPoolSize > 0 && remotePooled;
        if (connection.solicited()) {
            String pinned = connection.dial().pinnedAccount();
            if (pinned != null && !pooled) {
                return Slot.refused("Not possible to have a dedicated route for account \"" + pinned
                        + "\" between those servers", true);
            }
            if (info.routePoolIndex != 0) {
                return Slot.refused("Route pool index should not be set but is set to " + info.routePoolIndex, false);
            }
            // The pool slot of a connection we dialed is chosen when it registers (the first free one).
            return new Slot(pinned, 0, null, false);
        }
        String pinned = info.routeAccount;
        if (pinned != null) {
            if (!pooled || !pinnedAccounts.contains(pinned)) {
                return Slot.refused("No route for account \"" + pinned + "\"", false);
            }
            return new Slot(pinned, 0, null, false);
        }
        int index = info.routePoolIndex;
        if (pooled && (index < 0 || index >= ourPoolSize)) {
            return Slot.refused("Invalid route pool index: " + index + " - pool size is " + ourPoolSize, false);
        }
        return new Slot(null, pooled ? index : 0, null, false);
    }

    /** Whether a peer's RS+ for {@code subject} is accepted (our export permission). */
    boolean exportAllowed(String subject) {
        ClusterOptions.RoutePermissions permissions = options.permissions();
        return permissions == null || allowed(permissions.exportPermission(), subject);
    }

    /** Whether our interest in {@code subject} is announced to peers (our import permission). */
    boolean importAllowed(String subject) {
        ClusterOptions.RoutePermissions permissions = options.permissions();
        return permissions == null || allowed(permissions.importPermission(), subject);
    }

    private static boolean allowed(SubjectPermission permission, String subject) {
        if (permission == null) {
            return true;
        }
        boolean allowed = permission.allow().isEmpty();
        for (String pattern : permission.allow()) {
            if (Subjects.isSubsetOf(subject, pattern)) {
                allowed = true;
                break;
            }
        }
        for (String pattern : permission.deny()) {
            if (Subjects.matches(pattern, subject) || Subjects.isSubsetOf(subject, pattern)) {
                return false;
            }
        }
        return allowed;
    }
}
