package io.jnatsd.gateway;

import io.jnatsd.dispatch.GatewayForwarding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The {@code _GR_.<cluster hash>.<server hash>.} reply prefix (GATEWAYS.md §5.3): each hash is the
 * first 6 bytes of SHA-256 of the name, every byte mapped to one of 62 letters and digits. A
 * request that crosses a gateway carries its origin this way, so the answer can come straight back
 * to the requester's cluster and server.
 */
final class ReplyPrefix {
    static final int HASH_LENGTH = 6;
    /** {@code _GR_.} + cluster hash + {@code .} + server hash + {@code .} */
    static final int LENGTH = GatewayForwarding.REPLY_PREFIX.length() + 2 * HASH_LENGTH + 2;
    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private ReplyPrefix() {
    }

    static String hash(String name) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        char[] out = new char[HASH_LENGTH];
        for (int i = 0; i < HASH_LENGTH; i++) {
            out[i] = DIGITS.charAt((digest[i] & 0xff) % DIGITS.length());
        }
        return new String(out);
    }

    /** The prefix for replies of requests that left this server of cluster {@code gatewayName}. */
    static byte[] of(String gatewayName, String serverId) {
        return (GatewayForwarding.REPLY_PREFIX + hash(gatewayName) + "." + hash(serverId) + ".")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether {@code subject} is a mapped reply: {@code _GR_.} and two hashes, then the original. */
    static boolean isMapped(String subject) {
        return subject.length() > LENGTH && subject.startsWith(GatewayForwarding.REPLY_PREFIX)
                && subject.charAt(LENGTH - 1) == '.' && subject.charAt(LENGTH - 2 - HASH_LENGTH) == '.';
    }

    static String clusterHash(String mapped) {
        int start = GatewayForwarding.REPLY_PREFIX.length();
        return mapped.substring(start, start + HASH_LENGTH);
    }

    static String serverHash(String mapped) {
        int start = GatewayForwarding.REPLY_PREFIX.length() + HASH_LENGTH + 1;
        return mapped.substring(start, start + HASH_LENGTH);
    }

    /** The original subject under the prefix. */
    static String strip(String mapped) {
        return mapped.substring(LENGTH);
    }
}
