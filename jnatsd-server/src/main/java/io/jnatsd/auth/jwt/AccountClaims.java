package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;
import io.jnatsd.config.ExportOptions.ExportKind;
import io.jnatsd.config.MappingOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An account JWT, signed by the operator or one of its signing keys: the account's own signing
 * keys (plain, or scoped with a template that replaces its users' permissions), revoked users,
 * default user permissions, limits, and the streams and services it exports and imports.
 */
public final class AccountClaims extends Claims {
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

    public AccountLimits limits() {
        JsonNode limits = nats().path("limits");
        return new AccountLimits(connections(), limits.path("leaf").asLong(0), limits.path("subs").asLong(0),
                limits.path("payload").asLong(0), limits.path("data").asLong(0));
    }

    /**
     * The account's subject mappings ({@code mappings: {source: [{subject, weight, cluster}]}}); a
     * weight left out or 0 counts as 100, as the JWT library reads it.
     */
    public List<MappingOptions> mappings() {
        List<MappingOptions> out = new ArrayList<>();
        nats().path("mappings").fields().forEachRemaining(entry -> {
            List<MappingOptions.Destination> destinations = new ArrayList<>();
            for (JsonNode destination : entry.getValue()) {
                int weight = destination.path("weight").asInt(0);
                destinations.add(new MappingOptions.Destination(destination.path("subject").asText(""),
                        weight == 0 ? 100 : weight, destination.path("cluster").asText("")));
            }
            out.add(new MappingOptions(entry.getKey(), destinations));
        });
        return out;
    }

    public List<JwtExport> exports() {
        List<JwtExport> out = new ArrayList<>();
        for (JsonNode export : nats().path("exports")) {
            Map<String, Long> revocations = new HashMap<>();
            export.path("revocations").fields().forEachRemaining(e -> revocations.put(e.getKey(), e.getValue().asLong(0)));
            out.add(new JwtExport(Jwt.text(export, "name"), Jwt.text(export, "subject"), kind(Jwt.text(export, "type")),
                    export.path("token_req").asBoolean(false), revocations, Jwt.text(export, "response_type"),
                    export.path("account_token_position").asInt(0), export.path("response_threshold").asLong(0)));
        }
        return out;
    }

    public List<JwtImport> imports() {
        List<JwtImport> out = new ArrayList<>();
        for (JsonNode in : nats().path("imports")) {
            out.add(new JwtImport(Jwt.text(in, "name"), Jwt.text(in, "subject"), Jwt.text(in, "account"),
                    Jwt.text(in, "token"), Jwt.text(in, "to"), Jwt.text(in, "local_subject"), kind(Jwt.text(in, "type")),
                    in.path("share").asBoolean(false)));
        }
        return out;
    }

    /**
     * What makes nats-server's JWT validation refuse this account (its blocking errors, in the
     * NATS JWT library's words), empty when it is valid: imports and exports of an unknown type,
     * services with wildcards, bad response types, more imports or exports than the limits allow,
     * wildcard exports without {@code wildcards}.
     */
    public List<String> validationErrors() {
        List<String> errors = new ArrayList<>();
        JsonNode limits = nats().path("limits");
        List<JwtImport> imports = imports();
        List<JwtExport> exports = exports();
        for (int i = 0; i < imports.size(); i++) {
            JwtImport in = imports.get(i);
            if (in.kind() == null) {
                errors.add("invalid import type: \"" + rawType("imports", i) + "\"");
            } else if (in.kind() == ExportKind.SERVICE && hasWildcards(in.subject())) {
                errors.add("services cannot have wildcard subject: \"" + in.subject() + "\"");
            } else if (in.kind() == ExportKind.STREAM && hasWildcards(in.to())) {
                errors.add("streams cannot have wildcard to subject: \"" + in.subject() + "\"");
            }
            if (in.subject() == null || in.subject().isEmpty()) {
                errors.add("subject cannot be empty");
            }
        }
        for (int i = 0; i < exports.size(); i++) {
            JwtExport export = exports.get(i);
            if (export.kind() == null) {
                errors.add("invalid export type: \"" + rawType("exports", i) + "\"");
            } else if (export.kind() == ExportKind.SERVICE && export.responseType() != null
                    && !List.of("Singleton", "Stream", "Chunked").contains(export.responseType())) {
                errors.add("invalid response type for service: \"" + export.responseType() + "\"");
            } else if (export.kind() == ExportKind.STREAM && export.responseType() != null && !export.responseType().isEmpty()) {
                errors.add("invalid response type for stream: \"" + export.responseType() + "\"");
            }
            if (export.subject() == null || export.subject().isEmpty()) {
                errors.add("subject cannot be empty");
            }
        }
        long maxImports = limits.path("imports").asLong(0);
        if (maxImports != UserLimits.NO_LIMIT && imports.size() > maxImports) {
            errors.add("the account contains more imports than allowed by the operator");
        }
        long maxExports = limits.path("exports").asLong(0);
        if (maxExports != UserLimits.NO_LIMIT) {
            if (exports.size() > maxExports) {
                errors.add("the account contains more exports than allowed by the operator");
            }
            if (!limits.path("wildcards").asBoolean(false)
                    && exports.stream().anyMatch(e -> hasWildcards(e.subject()))) {
                errors.add("the account contains wildcard exports that are not allowed by the operator");
            }
        }
        return errors;
    }

    static ExportKind kind(String type) {
        if ("stream".equals(type)) {
            return ExportKind.STREAM;
        }
        return "service".equals(type) ? ExportKind.SERVICE : null;
    }

    static boolean hasWildcards(String subject) {
        if (subject == null) {
            return false;
        }
        for (String token : subject.split("\\.", -1)) {
            if (token.equals("*") || token.equals(">")) {
                return true;
            }
        }
        return false;
    }

    private String rawType(String list, int index) {
        return nats().path(list).path(index).path("type").asText("");
    }
}
