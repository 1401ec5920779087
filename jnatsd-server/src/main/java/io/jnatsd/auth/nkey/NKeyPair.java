package io.jnatsd.auth.nkey;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A key that can sign: made from a seed (as in a {@code .creds} or {@code .nk} file) or newly
 * generated. {@link #toString()} never shows the seed, so a key pair in a log leaks nothing.
 * A {@link NKeyType#CURVE curve} key is the exception: an X25519 key, for encryption only.
 *
 * <p>The public key is derived at once ({@link Edwards25519}); the JDK's signing key only when
 * something first signs, so that a key whose public half is all that is shown (the server's
 * ID) never pays for the JDK's Ed25519 provider.
 */
public final class NKeyPair {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NKeyType type;
    private final byte[] seed;
    private final String publicKey;
    /** The JDK's form of the key, made by the first {@link #sign}. */
    private volatile PrivateKey signingKey;

    private NKeyPair(NKeyType type, byte[] seed) {
        this.type = type;
        this.seed = seed;
        this.publicKey = NKeys.encodePublic(type,
                type == NKeyType.CURVE ? Edwards25519.curvePublicKey(seed) : Edwards25519.publicKey(seed));
    }

    public static NKeyPair generate(NKeyType type) {
        byte[] seed = new byte[NKeys.KEY_LENGTH];
        RANDOM.nextBytes(seed);
        return new NKeyPair(type, seed);
    }

    /** The key pair of a seed's text form; IllegalArgumentException when it is not a valid seed. */
    public static NKeyPair fromSeed(String seedText) {
        NKeys.Seed seed = NKeys.decodeSeed(seedText);
        if (seed == null) {
            throw new IllegalArgumentException("not a valid NKey seed");
        }
        return new NKeyPair(seed.type(), seed.bytes());
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

    /**
     * The X25519 key (an NKey curve key, {@code X...}) whose secret is this signing key's scalar:
     * a key to show, as the server's {@code xkey}, for a fraction of the cost of a second key.
     */
    public String curvePublicKey() {
        return NKeys.encodePublic(NKeyType.CURVE, Edwards25519.curveKeyOf(NKeys.decodePublic(publicKey, type)));
    }

    /** The 64-byte Ed25519 signature of {@code data}; a curve key encrypts and cannot sign. */
    public byte[] sign(byte[] data) {
        if (type == NKeyType.CURVE) {
            throw new UnsupportedOperationException("a curve key does not sign");
        }
        try {
            return Ed25519.sign(signingKey(), data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    private PrivateKey signingKey() throws GeneralSecurityException {
        PrivateKey key = signingKey;
        if (key == null) {
            // Two threads signing first may both make it: the same key either way.
            key = Ed25519.fromSeed(seed).getPrivate();
            signingKey = key;
        }
        return key;
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
