package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;
import io.jnatsd.auth.nkey.PublicNKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A NATS JWT, decoded and its signature checked against its issuer ({@code iss}, a public NKey).
 * Two header algorithms exist, as in nats-server: {@code ed25519-nkey} (version 2, signs
 * {@code header.claims}) and {@code ed25519} (version 1, signs the claims segment alone). Decoding
 * checks form and signature only; what the claims allow is for the typed claims to say.
 */
public final class Jwt {
    static final String ALGORITHM_V2 = "ed25519-nkey";
    static final String ALGORITHM_V1 = "ed25519";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bounds the work a hostile token can cause before its signature is checked. */
    private static final int MAX_LENGTH = 1 << 20;

    private final String token;
    private final JsonNode claims;
    private final String issuer;

    private Jwt(String token, JsonNode claims, String issuer) {
        this.token = token;
        this.claims = claims;
        this.issuer = issuer;
    }

    /** Decodes {@code token} and checks that its issuer signed it. */
    public static Jwt decode(String token) throws JwtException {
        if (token == null || token.length() > MAX_LENGTH) {
            throw new JwtException("invalid JWT");
        }
        String trimmed = token.trim();
        String[] parts = trimmed.split("\\.", -1);
        if (parts.length != 3) {
            throw new JwtException("expected 3 chunks, got " + parts.length);
        }
        JsonNode header = json(parts[0], "header");
        String type = text(header, "typ");
        if (!"JWT".equalsIgnoreCase(type)) {
            throw new JwtException("not supported type \"" + type + "\"");
        }
        String algorithm = text(header, "alg");
        boolean v2 = ALGORITHM_V2.equals(algorithm);
        if (!v2 && !ALGORITHM_V1.equals(algorithm)) {
            throw new JwtException("unexpected \"" + algorithm + "\" algorithm");
        }
        JsonNode claims = json(parts[1], "claims");
        String issuer = text(claims, "iss");
        NKeyType issuerType = NKeys.publicKeyType(issuer);
        PublicNKey key = issuerType == null ? null : PublicNKey.of(issuer, issuerType);
        if (key == null) {
            throw new JwtException("claim issuer is not a valid public key");
        }
        byte[] signature = base64(parts[2], "signature");
        String signed = v2 ? parts[0] + "." + parts[1] : parts[1];
        if (!key.verify(signed.getBytes(StandardCharsets.US_ASCII), signature)) {
            throw new JwtException("claim failed V" + (v2 ? 2 : 1) + " signature verification");
        }
        return new Jwt(trimmed, claims, issuer);
    }

    public String token() {
        return token;
    }

    public JsonNode claims() {
        return claims;
    }

    public String issuer() {
        return issuer;
    }

    private static JsonNode json(String segment, String what) throws JwtException {
        byte[] bytes = base64(segment, what);
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new JwtException("invalid JWT " + what);
            }
            return node;
        } catch (IOException e) {
            throw new JwtException("invalid JWT " + what);
        }
    }

    private static byte[] base64(String segment, String what) throws JwtException {
        try {
            return Base64.getUrlDecoder().decode(segment);
        } catch (IllegalArgumentException e) {
            throw new JwtException("invalid JWT " + what + " encoding");
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
