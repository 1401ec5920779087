package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * What every NATS JWT states: who it is about ({@code sub}), who signed it ({@code iss}), its
 * name, when it was issued and its validity window ({@code nbf}, {@code exp}; 0 = unbounded),
 * and its kind ({@code nats.type} in version 2, top-level {@code type} in version 1).
 */
public class Claims {
    private final Jwt jwt;
    private final JsonNode nats;

    Claims(Jwt jwt, String expectedType, NKeyType subjectType) throws JwtException {
        this.jwt = jwt;
        JsonNode natsNode = jwt.claims().get("nats");
        this.nats = natsNode != null && natsNode.isObject() ? natsNode : JsonNodeFactory.instance.objectNode();
        String type = Jwt.text(nats, "type");
        if (type == null) {
            type = Jwt.text(jwt.claims(), "type");
        }
        if (!expectedType.equals(type)) {
            throw new JwtException("not " + article(expectedType) + " " + expectedType + " claim");
        }
        if (!NKeys.isPublicKey(subject(), subjectType)) {
            throw new JwtException("subject is not a public " + expectedType + " key");
        }
    }

    private static String article(String word) {
        return "aeio".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    /** {@code jti}, the JWT's ID (a hash of its claims); empty when absent. */
    public String id() {
        return jwt.claims().path("jti").asText("");
    }

    public String subject() {
        return Jwt.text(jwt.claims(), "sub");
    }

    public String issuer() {
        return jwt.issuer();
    }

    public String name() {
        return Jwt.text(jwt.claims(), "name");
    }

    /** {@code aud}, or null. */
    public String audience() {
        return Jwt.text(jwt.claims(), "aud");
    }

    public long issuedAt() {
        return jwt.claims().path("iat").asLong(0);
    }

    /** Seconds since the epoch; 0 when the claim never expires. */
    public long expires() {
        return jwt.claims().path("exp").asLong(0);
    }

    public long notBefore() {
        return jwt.claims().path("nbf").asLong(0);
    }

    public String token() {
        return jwt.token();
    }

    /** Fails when the claim has expired or is not valid yet at {@code nowSeconds}. */
    public void checkTimes(long nowSeconds) throws JwtException {
        if (expires() > 0 && nowSeconds > expires()) {
            throw new JwtException("claim is expired");
        }
        if (notBefore() > 0 && nowSeconds < notBefore()) {
            throw new JwtException("claim is not yet valid");
        }
    }

    JsonNode nats() {
        return nats;
    }

    /**
     * The claims' format version as nats-server's JWT library tells it: 1 when the kind is at the
     * top level ({@code type}, version 1 JWTs), else {@code nats.version} (2 today).
     */
    public int version() {
        return Jwt.text(jwt.claims(), "type") != null ? 1 : nats.path("version").asInt(0);
    }

    /** A list of strings; a single string counts as a list of one. Non-strings are dropped. */
    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isTextual()) {
            out.add(node.asText());
        }
        for (JsonNode element : node) {
            if (element.isTextual()) {
                out.add(element.asText());
            }
        }
        return out;
    }
}
