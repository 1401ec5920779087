package io.jnatsd.cluster;

import java.security.SecureRandom;

/**
 * The cluster's name: configured, or generated (22 random characters, {@code cluster_dynamic})
 * and then replaced by a peer's name following nats-server's rule (ROUTES.md §9): a dynamic name
 * gives way to a configured one, and between two dynamic names the higher one wins.
 */
final class ClusterName {
    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private volatile String name;
    private volatile boolean dynamic;

    ClusterName(String configured) {
        if (configured == null || configured.isEmpty()) {
            SecureRandom random = new SecureRandom();
            char[] generated = new char[22];
            for (int i = 0; i < generated.length; i++) {
                generated[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            name = new String(generated);
            dynamic = true;
        } else {
            name = configured;
        }
    }

    String name() {
        return name;
    }

    boolean dynamic() {
        return dynamic;
    }

    /**
     * A peer named {@code theirs}: true when it is compatible, adopting their name where the
     * rule says ours gives way.
     */
    synchronized boolean reconcile(String theirs, boolean theirsDynamic) {
        if (name.equals(theirs)) {
            return true;
        }
        if (theirs == null || theirs.isEmpty()) {
            return false;
        }
        if (dynamic && (!theirsDynamic || name.compareTo(theirs) < 0)) {
            name = theirs;
            dynamic = theirsDynamic;
            return true;
        }
        return false;
    }
}
