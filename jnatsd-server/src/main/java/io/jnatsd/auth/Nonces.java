package io.jnatsd.auth;

import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.PublicNKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The INFO nonce a client signs to prove it holds an NKey, as nats-server makes it: 11 random
 * bytes in unpadded base64url (15 characters). The client's {@code sig} is the Ed25519 signature
 * of the nonce's text, in unpadded base64url (standard base64 is accepted too, as nats-server does).
 */
public final class Nonces {
    private static final int RAW_LENGTH = 11;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Nonces() {
    }

    public static String next() {
        byte[] raw = new byte[RAW_LENGTH];
        RANDOM.nextBytes(raw);
        return ENCODER.encodeToString(raw);
    }

    /** Whether {@code signature} is {@code publicKey}'s signature of {@code nonce}; false for anything malformed. */
    public static boolean verify(String publicKey, NKeyType type, String nonce, String signature) {
        if (nonce == null || signature == null || signature.isEmpty()) {
            return false;
        }
        PublicNKey key = PublicNKey.of(publicKey, type);
        byte[] sig = decode(signature);
        return key != null && sig != null && key.verify(nonce.getBytes(StandardCharsets.US_ASCII), sig);
    }

    private static byte[] decode(String signature) {
        try {
            return Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException notUrlSafe) {
            try {
                return Base64.getDecoder().decode(signature);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
    }
}
