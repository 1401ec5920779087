package io.jnatsd.auth;

import io.jnatsd.config.Permissions;
import io.jnatsd.config.ResponsePermission;
import io.jnatsd.config.SubjectPermission;
import io.jnatsd.subject.Subjects;
import java.util.ArrayList;
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
    private final QueueAwarePatterns subscribeAllow;
    private final QueueAwarePatterns subscribeDeny;
    private final Map<String, Boolean> publishVerdicts = new HashMap<>();
    private final Map<String, ResponseGrant> grants = new ConcurrentHashMap<>();

    public ClientPermissions(Permissions permissions) {
        this.publish = permissions.publish();
        this.subscribe = permissions.subscribe();
        this.responses = permissions.allowResponses();
        this.subscribeAllow = new QueueAwarePatterns(subscribe == null ? List.of() : subscribe.allow());
        this.subscribeDeny = new QueueAwarePatterns(subscribe == null ? List.of() : subscribe.deny());
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

    /**
     * Whether a subscription to {@code subject} (in {@code queue}, or null) is allowed, as
     * nats-server decides it: an entry may name a queue ({@code "foo q1"}); when entries with
     * queues match the subject, the queue must be one of theirs to be allowed (allow list) and
     * must not be one of theirs (deny list), whatever the plain entries say.
     */
    public boolean canSubscribe(String subject, String queue) {
        if (subscribe == null) {
            return true;
        }
        boolean allowed = true;
        if (!subscribe.allow().isEmpty()) {
            allowed = anyCovers(subscribeAllow.plain, subject, true);
            if (queue != null && subscribeAllow.anyQueueCovering(subject)) {
                allowed = subscribeAllow.queueCovering(subject, queue);
            }
        }
        if (allowed && !subscribe.deny().isEmpty()) {
            allowed = !anyOverlaps(subscribeDeny.plain, subject, true);
            if (queue != null && subscribeDeny.anyQueueOverlapping(subject)) {
                allowed = !subscribeDeny.queueOverlapping(subject, queue);
            }
        }
        return allowed;
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

    /** Subscribe entries split as nats-server splits them: {@code "subject"} or {@code "subject queue"}. */
    private static final class QueueAwarePatterns {
        final List<String> plain = new ArrayList<>();
        final List<String[]> queued = new ArrayList<>();

        QueueAwarePatterns(List<String> entries) {
            for (String entry : entries) {
                String[] fields = entry.trim().split("\\s+");
                if (fields.length == 2) {
                    queued.add(fields);
                } else if (fields.length == 1) {
                    plain.add(fields[0]);
                }
                // more than two fields: nats-server logs the entry as invalid and skips it
            }
        }

        boolean anyQueueCovering(String subject) {
            for (String[] entry : queued) {
                if (Subjects.isSubsetOf(subject, entry[0])) {
                    return true;
                }
            }
            return false;
        }

        boolean queueCovering(String subject, String queue) {
            for (String[] entry : queued) {
                if (Subjects.isSubsetOf(subject, entry[0]) && queueMatches(queue, entry[1])) {
                    return true;
                }
            }
            return false;
        }

        boolean anyQueueOverlapping(String subject) {
            for (String[] entry : queued) {
                if (overlaps(entry[0], subject)) {
                    return true;
                }
            }
            return false;
        }

        boolean queueOverlapping(String subject, String queue) {
            for (String[] entry : queued) {
                if (overlaps(entry[0], subject) && queueMatches(queue, entry[1])) {
                    return true;
                }
            }
            return false;
        }

        private static boolean overlaps(String pattern, String subject) {
            return Subjects.matches(pattern, subject) || Subjects.isSubsetOf(subject, pattern);
        }

        /** The same name, or a name within a wildcard entry ({@code v1.*} takes {@code v1.a}). */
        private static boolean queueMatches(String queue, String entryQueue) {
            return queue.equals(entryQueue)
                    || ((entryQueue.contains("*") || entryQueue.contains(">")) && Subjects.isSubsetOf(queue, entryQueue));
        }
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
