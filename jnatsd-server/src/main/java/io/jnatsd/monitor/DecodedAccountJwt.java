package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.Jwt;
import io.jnatsd.auth.jwt.JwtException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * An account JWT's claims as {@code /accountz} shows them in {@code decoded_jwt}: nats-server
 * decodes the JWT into its claim structs and writes those back, so fields come in the structs'
 * order, empty ones are left out, and {@code limits}, {@code default_permissions} and
 * {@code authorization} are always there. Lists (imports, exports, signing keys, mappings) are
 * written as the JWT holds them.
 */
final class DecodedAccountJwt {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] CLAIMS_DATA = {"aud", "exp", "jti", "iat", "iss", "name", "nbf", "sub"};
    private static final String[] LIMITS = {"subs", "data", "payload", "imports", "exports", "wildcards",
        "disallow_bearer", "conn", "leaf", "mem_storage", "disk_storage", "streams", "consumer", "max_ack_pending",
        "mem_max_stream_bytes", "disk_max_stream_bytes", "max_bytes_required", "tiered_limits"};
    private static final String[] AUTHORIZATION = {"auth_users", "allowed_accounts", "xkey"};

    private DecodedAccountJwt() {
    }

    /** The claims in nats-server's form, or null when the JWT does not decode. */
    static ObjectNode of(AccountClaims claims) {
        JsonNode raw;
        try {
            raw = Jwt.decode(claims.token()).claims();
        } catch (JwtException e) {
            return null;
        }
        ObjectNode decoded = NODES.objectNode();
        copyNonEmpty(raw, decoded, CLAIMS_DATA);
        JsonNode nats = raw.path("nats");
        ObjectNode account = decoded.putObject("nats");
        copyNonEmpty(nats, account, "imports", "exports");
        ObjectNode limits = account.putObject("limits");
        copyNonEmpty(nats.path("limits"), limits, LIMITS);
        copyNonEmpty(nats, account, "signing_keys", "revocations");
        ObjectNode permissions = account.putObject("default_permissions");
        JsonNode configured = nats.path("default_permissions");
        copyNonEmpty(configured.path("pub"), permissions.putObject("pub"), "allow", "deny");
        copyNonEmpty(configured.path("sub"), permissions.putObject("sub"), "allow", "deny");
        copyNonEmpty(configured, permissions, "resp");
        copyNonEmpty(nats, account, "mappings");
        copyNonEmpty(nats.path("authorization"), account.putObject("authorization"), AUTHORIZATION);
        copyNonEmpty(nats, account, "trace", "description", "info_url", "tags", "type", "version");
        return decoded;
    }

    /** {@code revoked_user}: each revoked user key with the time before which its JWTs are revoked. */
    static Map<String, Object> revokedUsers(AccountClaims claims) {
        Map<String, Object> revoked = new java.util.TreeMap<>();
        try {
            JsonNode revocations = Jwt.decode(claims.token()).claims().path("nats").path("revocations");
            for (Iterator<Map.Entry<String, JsonNode>> it = revocations.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                revoked.put(entry.getKey(), GoFormats.timestamp(Instant.ofEpochSecond(entry.getValue().asLong())));
            }
        } catch (JwtException e) {
            // No revocations to show.
        }
        return revoked;
    }

    private static void copyNonEmpty(JsonNode from, ObjectNode to, String... names) {
        for (String name : names) {
            JsonNode value = from.get(name);
            if (value != null && !isEmpty(value)) {
                to.set(name, value);
            }
        }
    }

    /** Go's omitempty: false, zero, "", empty list or object, null. */
    private static boolean isEmpty(JsonNode value) {
        return value.isNull() || (value.isBoolean() && !value.asBoolean()) || (value.isNumber() && value.asDouble() == 0)
                || (value.isTextual() && value.asText().isEmpty()) || (value.isContainerNode() && value.isEmpty());
    }
}
