package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;
import java.util.HashMap;
import java.util.Map;

/**
 * An account JWT, signed by the operator or one of its signing keys: the account's own signing
 * keys (plain, or scoped with a template that replaces its users' permissions), revoked users,
 * default user permissions and limits.
 */
public final class AccountClaims extends Claims {
    /** Limits on what clients do; leaf, imports and exports only bound features jnatsd does not take from JWTs. */
    private static final String[] CLIENT_LIMITS = {"subs", "data", "payload"};

    /** Signing key -> its scope template, or null for an unscoped key. */
    private final Map<String, UserLimits> signingKeys = new HashMap<>();

    private AccountClaims(Jwt jwt) throws JwtException {
        super(jwt, "account", NKeyType.ACCOUNT);
        if (!NKeys.isPublicKey(issuer(), NKeyType.OPERATOR)) {
            throw new JwtException("account JWT issuer is not an operator key");
        }
        for (JsonNode key : nats().path("signing_keys")) {
            if (key.isTextual()) {
                signingKeys.put(key.asText(), null);
            } else if (key.isObject() && "user_scope".equals(Jwt.text(key, "kind")) && Jwt.text(key, "key") != null) {
                JsonNode template = key.get("template");
                signingKeys.put(Jwt.text(key, "key"), new UserLimits(template != null && template.isObject()
                        ? template : JsonNodeFactory.instance.objectNode()));
            } else {
                throw new JwtException("unknown signing key in account JWT");
            }
        }
    }

    public static AccountClaims decode(String token) throws JwtException {
        return new AccountClaims(Jwt.decode(token));
    }

    /** Whether {@code key} may sign this account's users: the account itself or one of its signing keys. */
    public boolean mayIssueUsers(String key) {
        return subject().equals(key) || signingKeys.containsKey(key);
    }

    /** The scope template of a scoped signing key; null for the account key or an unscoped one. */
    public UserLimits scope(String key) {
        return signingKeys.get(key);
    }

    /** Whether the user was revoked: revoked at or after the time its JWT was issued (or all users were). */
    public boolean revoked(String user, long issuedAt) {
        JsonNode revocations = nats().path("revocations");
        for (String key : new String[] {user, "*"}) {
            JsonNode at = revocations.get(key);
            if (at != null && at.canConvertToLong() && issuedAt <= at.asLong()) {
                return true;
            }
        }
        return false;
    }

    /** Permissions for users whose JWT sets none; null when the account sets none. */
    public io.jnatsd.config.Permissions defaultPermissions() {
        JsonNode defaults = nats().get("default_permissions");
        return defaults != null && defaults.isObject() ? new UserLimits(defaults).permissions() : null;
    }

    public boolean disallowsBearerTokens() {
        return nats().path("limits").path("disallow_bearer").asBoolean(false);
    }

    /**
     * The account's connection limit as nats-server reads it: -1 unlimited, and an absent value
     * is 0, so no client of the account may connect.
     */
    public long connections() {
        return nats().path("limits").path("conn").asLong(0);
    }

    /**
     * The client limits (subs, data, payload) set to other than unlimited, which jnatsd does not
     * enforce yet; absent ones count as 0, as nats-server reads them.
     */
    public Map<String, Long> unenforcedLimits() {
        Map<String, Long> set = new HashMap<>();
        JsonNode limits = nats().path("limits");
        if (connections() != UserLimits.NO_LIMIT && connections() != 0) {
            set.put("conn", connections());
        }
        for (String name : CLIENT_LIMITS) {
            long value = limits.path(name).asLong(0);
            if (value != UserLimits.NO_LIMIT) {
                set.put(name, value);
            }
        }
        return set;
    }

    /** Whether the JWT declares imports or exports (not applied by jnatsd yet). */
    public boolean declaresImportsOrExports() {
        return nats().path("imports").size() > 0 || nats().path("exports").size() > 0;
    }
}
