package io.jnatsd.auth.nkey;

import java.security.GeneralSecurityException;
import java.security.PublicKey;

/** A public NKey that checks signatures made by its key pair. */
public final class PublicNKey {
    private final String text;
    private final NKeyType type;
    private final PublicKey key;

    private PublicNKey(String text, NKeyType type, PublicKey key) {
        this.text = text;
        this.type = type;
        this.key = key;
    }

    /** The key of that type written as {@code text}, or null when it is not one. */
    public static PublicNKey of(String text, NKeyType type) {
        byte[] raw = NKeys.decodePublic(text, type);
        if (raw == null) {
            return null;
        }
        try {
            return new PublicNKey(text, type, Ed25519.publicKey(raw));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** Whether {@code signature} is this key's Ed25519 signature of {@code data}. */
    public boolean verify(byte[] data, byte[] signature) {
        return Ed25519.verify(key, data, signature);
    }

    public NKeyType type() {
        return type;
    }

    @Override
    public String toString() {
        return text;
    }
}
