package io.jnatsd.server;

import java.security.SecureRandom;

/**
 * The server's ID as peers and clients see it: 56 characters of base32 starting with {@code N},
 * the shape of a nats-server ID (a server nkey), new at every start.
 */
public final class ServerIdentity {
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ServerIdentity() {
    }

    public static String newServerId() {
        char[] id = new char[56];
        id[0] = 'N';
        for (int i = 1; i < id.length; i++) {
            id[i] = BASE32[RANDOM.nextInt(BASE32.length)];
        }
        return new String(id);
    }
}
