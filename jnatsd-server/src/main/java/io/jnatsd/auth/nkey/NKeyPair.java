package io.jnatsd.auth.nkey;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A key that can sign: made from a seed (as in a {@code .creds} or {@code .nk} file) or newly
 * generated. {@link #toString()} never shows the seed, so a key pair in a log leaks nothing.
 */
public final class NKeyPair {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NKeyType type;
    private final byte[] seed;
    private final KeyPair keys;
    private final String publicKey;

    private NKeyPair(NKeyType type, byte[] seed) throws GeneralSecurityException {
        this.type = type;
        this.seed = seed;
        this.keys = Ed25519.fromSeed(seed);
        this.publicKey = NKeys.encodePublic(type, Ed25519.rawPublicKey(keys.getPublic()));
    }

    public static NKeyPair generate(NKeyType type) {
        byte[] seed = new byte[NKeys.KEY_LENGTH];
        RANDOM.nextBytes(seed);
        return of(type, seed);
    }

    /** The key pair of a seed's text form; IllegalArgumentException when it is not a valid seed. */
    public static NKeyPair fromSeed(String seedText) {
        NKeys.Seed seed = NKeys.decodeSeed(seedText);
        if (seed == null) {
            throw new IllegalArgumentException("not a valid NKey seed");
        }
        return of(seed.type(), seed.bytes());
    }

    private static NKeyPair of(NKeyType type, byte[] seed) {
        try {
            return new NKeyPair(type, seed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's Ed25519 provider is missing", e);
        }
    }

    public NKeyType type() {
        return type;
    }

    public String publicKey() {
        return publicKey;
    }

    /** The seed's text form; keep it out of logs. */
    public String seed() {
        return NKeys.encodeSeed(type, seed);
    }

    /** The 64-byte Ed25519 signature of {@code data}. */
    public byte[] sign(byte[] data) {
        try {
            return Ed25519.sign(keys.getPrivate(), data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    @Override
    public String toString() {
        return "NKeyPair[" + publicKey + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NKeyPair pair && pair.type == type && Arrays.equals(pair.seed, seed);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }
}
