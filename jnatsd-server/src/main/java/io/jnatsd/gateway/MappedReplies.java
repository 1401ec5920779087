package io.jnatsd.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replies this server delivered without their {@code _GR_.} prefix, remembered for 2 s
 * (GATEWAYS.md §5.3): when someone here publishes to such a reply subject, the message is
 * re-prefixed and sent straight to the requester's cluster, whatever the interest. nats-server
 * keeps this per client connection; here it is per account (the answer goes back the same way
 * whichever local connection sends it). Expired entries are purged by {@link #purge}.
 */
final class MappedReplies {
    static final long TTL_NANOS = 2_000_000_000L;

    /** Where a reply subject goes back to: the full mapped subject's prefix and its cluster hash. */
    record Target(byte[] prefix, String clusterHash, long expiresNanos) {
    }

    private final Map<String, Map<String, Target>> byAccount = new ConcurrentHashMap<>();

    void remember(String account, String mappedReply) {
        byte[] prefix = mappedReply.substring(0, ReplyPrefix.LENGTH).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byAccount.computeIfAbsent(account, a -> new ConcurrentHashMap<>()).put(ReplyPrefix.strip(mappedReply),
                new Target(prefix, ReplyPrefix.clusterHash(mappedReply), System.nanoTime() + TTL_NANOS));
    }

    /** The live mapping of {@code subject} in {@code account}, or null. */
    Target lookup(String account, String subject) {
        Map<String, Target> replies = byAccount.get(account);
        if (replies == null || replies.isEmpty()) {
            return null;
        }
        Target target = replies.get(subject);
        if (target == null || target.expiresNanos - System.nanoTime() < 0) {
            return null;
        }
        return target;
    }

    void purge() {
        long now = System.nanoTime();
        for (Map<String, Target> replies : byAccount.values()) {
            replies.values().removeIf(target -> target.expiresNanos - now < 0);
        }
    }
}
