package io.jnatsd.leaf;

import io.jnatsd.auth.ClientPermissions;
import io.jnatsd.config.SubjectPermission;
import io.jnatsd.subject.Subjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one leaf connection may carry (LEAFNODES.md §8.4), with nats-server's meaning of the two
 * sides on a leaf connection: {@code send} is what this server may send over it (messages, the
 * "publish" side) and {@code announce} the interest it may announce on it (the "subscribe" side).
 * On a spoke they come from the remote's {@code deny_exports} and {@code deny_imports}; on the hub
 * from the leaf user's permissions, swapped because data flows the other way, with the spoke's
 * {@code deny_pub} added to what may not be sent. Immutable; the verdicts for messages are cached
 * because {@link #maySend} runs for every message, on any event loop.
 */
final class LeafPermissions {
    private static final int MAX_CACHED = 1024;

    private final SubjectPermission send;
    private final SubjectPermission announce;
    private final Map<String, Boolean> sendVerdicts = new ConcurrentHashMap<>();

    private LeafPermissions(SubjectPermission send, SubjectPermission announce) {
        this.send = send;
        this.announce = announce;
    }

    /** Null when neither side restricts anything. */
    static LeafPermissions of(SubjectPermission send, SubjectPermission announce) {
        if (unrestricted(send) && unrestricted(announce)) {
            return null;
        }
        return new LeafPermissions(unrestricted(send) ? null : send, unrestricted(announce) ? null : announce);
    }

    private static boolean unrestricted(SubjectPermission permission) {
        return permission == null || (permission.allow().isEmpty() && permission.deny().isEmpty());
    }

    /** {@code permissions} with {@code denied} added to what may not be sent (a spoke's {@code deny_pub}). */
    static LeafPermissions denyingSend(LeafPermissions permissions, List<String> denied) {
        if (denied == null || denied.isEmpty()) {
            return permissions;
        }
        return of(withDenied(permissions == null ? null : permissions.send, denied),
                permissions == null ? null : permissions.announce);
    }

    private static SubjectPermission withDenied(SubjectPermission permission, List<String> denied) {
        List<String> deny = new ArrayList<>(permission == null ? List.of() : permission.deny());
        deny.addAll(denied);
        return new SubjectPermission(permission == null ? List.of() : permission.allow(), deny);
    }

    /** Whether a message on this literal subject may go over the connection. */
    boolean maySend(String subject) {
        if (send == null) {
            return true;
        }
        Boolean verdict = sendVerdicts.get(subject);
        if (verdict == null) {
            verdict = ClientPermissions.permits(send, subject, false);
            if (sendVerdicts.size() >= MAX_CACHED) {
                sendVerdicts.clear();
            }
            sendVerdicts.put(subject, verdict);
        }
        return verdict;
    }

    /**
     * Whether interest in {@code subject} (wildcards allowed) may be announced. As nats-server does
     * for leaf connections, a wildcard that only contains allowed subjects counts as allowed: what
     * matches it is filtered message by message on the other side. Loop detection and gateway
     * reply subjects are never filtered.
     */
    boolean mayAnnounce(String subject) {
        if (announce == null || exempt(subject)) {
            return true;
        }
        if (ClientPermissions.permits(announce, subject, true)) {
            return true;
        }
        if (announce.allow().isEmpty() || !hasWildcard(subject)) {
            return false;
        }
        boolean containsAllowed = false;
        for (String allowed : announce.allow()) {
            containsAllowed |= Subjects.isSubsetOf(allowed, subject);
        }
        return containsAllowed && ClientPermissions.permits(new SubjectPermission(List.of(), announce.deny()),
                subject, true);
    }

    /**
     * Whether the peer may announce interest in {@code subject}: nats-server checks a literal subject
     * against what may be sent to the peer (wildcards are filtered message by message).
     */
    boolean acceptsInterest(String subject) {
        return exempt(subject) || hasWildcard(subject) || maySend(subject);
    }

    private static boolean hasWildcard(String subject) {
        for (String token : subject.split("\\.", -1)) {
            if (token.equals("*") || token.equals(">")) {
                return true;
            }
        }
        return false;
    }

    private static boolean exempt(String subject) {
        return subject.startsWith(LeafConnection.LOOP_PREFIX) || subject.startsWith("$GR.")
                || subject.startsWith("_GR_.");
    }
}
