package io.jnatsd.auth;

import io.jnatsd.config.Permissions;
import io.jnatsd.config.ResponsePermission;
import io.jnatsd.config.SubjectPermission;
import io.jnatsd.subject.Subjects;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection's publish and subscribe permissions. Deny wins over allow; an absent side
 * allows everything. Publish verdicts are cached per subject (the connection's own loop is the
 * only reader). With {@code allow_responses}, replies to received requests are allowed for a
 * limited number of messages and time; those grants arrive from other loops, hence the
 * concurrent map.
 */
public final class ClientPermissions {
    private static final int MAX_CACHED = 1024;

    private final SubjectPermission publish;
    private final SubjectPermission subscribe;
    private final ResponsePermission responses;
    private final Map<String, Boolean> publishVerdicts = new HashMap<>();
    private final Map<String, ResponseGrant> grants = new ConcurrentHashMap<>();

    public ClientPermissions(Permissions permissions) {
        this.publish = permissions.publish();
        this.subscribe = permissions.subscribe();
        this.responses = permissions.allowResponses();
    }

    public boolean canPublish(String subject) {
        Boolean verdict = publishVerdicts.get(subject);
        if (verdict == null) {
            verdict = allowed(publish, subject, false);
            if (publishVerdicts.size() >= MAX_CACHED) {
                publishVerdicts.clear();
            }
            publishVerdicts.put(subject, verdict);
        }
        return verdict || useGrant(subject);
    }

    public boolean canSubscribe(String subject) {
        return allowed(subscribe, subject, true);
    }

    /** Whether this connection may reply to requests it receives. */
    public boolean allowsResponses() {
        return responses != null;
    }

    public void grantResponse(String reply, long nowMillis) {
        long expires = responses.expires().isZero() ? Long.MAX_VALUE : nowMillis + responses.expires().toMillis();
        grants.put(reply, new ResponseGrant(Math.max(1, responses.maxMsgs()), expires));
    }

    private boolean useGrant(String subject) {
        ResponseGrant grant = grants.get(subject);
        if (grant == null) {
            return false;
        }
        if (grant.expiresMillis < System.currentTimeMillis() || --grant.remaining <= 0) {
            grants.remove(subject);
        }
        return grant.expiresMillis >= System.currentTimeMillis();
    }

    /**
     * Whether {@code permission} lets {@code subject} through: covered by an allow pattern (when there
     * are any) and overlapping no deny pattern; {@code patternSubject} for a subscription's subject.
     */
    public static boolean permits(SubjectPermission permission, String subject, boolean patternSubject) {
        return allowed(permission, subject, patternSubject);
    }

    private static boolean allowed(SubjectPermission permission, String subject, boolean patternSubject) {
        if (permission == null) {
            return true;
        }
        if (!permission.allow().isEmpty() && !anyCovers(permission.allow(), subject, patternSubject)) {
            return false;
        }
        return !anyOverlaps(permission.deny(), subject, patternSubject);
    }

    private static boolean anyCovers(List<String> patterns, String subject, boolean patternSubject) {
        for (String pattern : patterns) {
            if (patternSubject ? Subjects.isSubsetOf(subject, pattern) : Subjects.matches(pattern, subject)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyOverlaps(List<String> patterns, String subject, boolean patternSubject) {
        for (String pattern : patterns) {
            if (Subjects.matches(pattern, subject) || (patternSubject && Subjects.isSubsetOf(subject, pattern))) {
                return true;
            }
        }
        return false;
    }

    private static final class ResponseGrant {
        private int remaining;
        private final long expiresMillis;

        ResponseGrant(int remaining, long expiresMillis) {
            this.remaining = remaining;
            this.expiresMillis = expiresMillis;
        }
    }
}
