package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * Writes version 2 NATS JWTs ({@code ed25519-nkey}) as the NATS tools do: the issuer's key in
 * {@code iss}, {@code iat} now, {@code jti} the base32 SHA-512/256 of the claims, signed over
 * {@code header.claims}. Used to make credentials in tests and examples.
 */
public final class JwtEncoder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = base64("{\"typ\":\"JWT\",\"alg\":\"" + Jwt.ALGORITHM_V2 + "\"}");

    private JwtEncoder() {
    }

    /**
     * A new claims object: {@code sub}, {@code name}, {@code nats.type}/{@code nats.version}, and
     * for accounts and users the "no limit" (-1) values the NATS tools write: nats-server reads an
     * absent limit as 0, which lets nothing through.
     */
    public static ObjectNode claims(String subject, String name, String type) {
        ObjectNode claims = JSON.createObjectNode();
        claims.put("sub", subject);
        claims.put("name", name);
        ObjectNode nats = claims.putObject("nats");
        if ("account".equals(type)) {
            ObjectNode limits = nats.putObject("limits");
            for (String limit : new String[] {"subs", "data", "payload", "imports", "exports", "conn", "leaf"}) {
                limits.put(limit, -1);
            }
            limits.put("wildcards", true);
        } else if ("user".equals(type)) {
            nats.put("subs", -1).put("data", -1).put("payload", -1);
        }
        nats.put("type", type);
        nats.put("version", 2);
        return claims;
    }

    /** Signs {@code claims} (keeping an {@code iat} already set) with {@code issuer}. */
    public static String encode(ObjectNode claims, NKeyPair issuer) {
        ObjectNode copy = claims.deepCopy();
        copy.put("iss", issuer.publicKey());
        if (!copy.has("iat")) {
            copy.put("iat", Instant.now().getEpochSecond());
        }
        copy.remove("jti");
        try {
            copy.put("jti", NKeys.base32(MessageDigest.getInstance("SHA-512/256")
                    .digest(JSON.writeValueAsBytes(copy))));
            String signed = HEADER + "." + base64(JSON.writeValueAsString(copy));
            byte[] signature = issuer.sign(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
