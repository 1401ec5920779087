package io.jnatsd.config;

import io.jnatsd.protocol.GoQuote;
import java.time.Duration;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an {@code authorization {}} block (top level or inside {@code cluster}) and user lists
 * (also used by accounts). Combination rules that need the whole file (token with users, single
 * user with accounts) are checked by the loader once everything is read.
 */
final class AuthorizationReader {
    private static final Set<String> CONNECTION_TYPES =
            Set.of("STANDARD", "WEBSOCKET", "LEAFNODE", "LEAFNODE_WS", "MQTT", "MQTT_WS", "IN_PROCESS");

    private AuthorizationReader() {
    }

    /** The block as written; {@code users} is null when the block has no {@code users} key. */
    record Block(String user, String password, String token, Duration timeout, List<UserOptions> users,
                 Permissions defaultPermissions, ConfigPosition position) {
    }

    static Block read(ConfigEntry entry, ConfigReport report) {
        ConfigMap block = OptionValues.map(entry);
        String user = null;
        String password = null;
        String token = null;
        Duration timeout = null;
        List<UserOptions> users = null;
        Permissions defaults = null;
        for (ConfigEntry e : block.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "user", "username" -> user = OptionValues.string(e);
                case "pass", "password" -> password = OptionValues.string(e);
                case "token" -> token = OptionValues.string(e);
                case "timeout" -> timeout = OptionValues.seconds(e.value());
                case "users" -> users = usersNoted(e, report);
                case "default_permission", "default_permissions", "permissions" -> defaults = PermissionsReader.read(e);
                default -> noteUnknownIn(UnsupportedOptions.Scope.AUTHORIZATION, e, report);
            }
        }
        if (users != null && defaults != null) {
            users = withDefaultPermissions(users, defaults);
        }
        return new Block(user, password, token, timeout, users, defaults, entry.keyPosition());
    }

    /** The block's users; what is wrong with them is reported and the rest of the block read, as nats-server does. */
    private static List<UserOptions> usersNoted(ConfigEntry e, ConfigReport report) {
        try {
            return users(e, null, report);
        } catch (ConfigException wrong) {
            report.error(wrong);
            return null;
        }
    }

    /** An option jnatsd does not implement goes through {@link UnsupportedOptions}; any other is unknown. */
    static void rejectUnknownIn(UnsupportedOptions.Scope scope, ConfigEntry e, ConfigReport report) {
        if (!UnsupportedOptions.apply(scope, e, report)) {
            rejectUnknown(e);
        }
    }

    /**
     * As {@link #rejectUnknownIn}, but the unknown field is reported and reading goes on, as
     * nats-server reads an {@code authorization} block and its user entries: every unknown field
     * of them, and what else is wrong there, is reported together.
     */
    static void noteUnknownIn(UnsupportedOptions.Scope scope, ConfigEntry e, ConfigReport report) {
        if (!UnsupportedOptions.apply(scope, e, report)) {
            noteUnknown(e, report);
        }
    }

    static void noteUnknown(ConfigEntry e, ConfigReport report) {
        if (!e.usedAsVariable()) {
            report.error(e.keyPosition(), "unknown field " + GoQuote.quote(e.key()));
        }
    }

    static void rejectUnknown(ConfigEntry e) {
        if (!e.usedAsVariable()) {
            throw new ConfigException(e.keyPosition(), "unknown field " + GoQuote.quote(e.key()));
        }
    }

    static List<UserOptions> withDefaultPermissions(List<UserOptions> users, Permissions defaults) {
        List<UserOptions> out = new ArrayList<>();
        for (UserOptions u : users) {
            out.add(u.permissions() != null ? u : u.withPermissions(defaults));
        }
        return out;
    }

    /** A {@code users} list; {@code account} is stamped on each user (null: the global account). */
    static List<UserOptions> users(ConfigEntry entry, String account, ConfigReport report) {
        if (!(entry.value() instanceof ConfigValue.ArrayValue list)) {
            throw new ConfigException(entry.keyPosition(), "Expected users field to be an array, got "
                    + PermissionsReader.shown(entry.value()));
        }
        List<UserOptions> users = new ArrayList<>();
        for (ConfigValue element : list.elements()) {
            if (!(element instanceof ConfigMap userBlock)) {
                throw new ConfigException(element.position(), "Expected user entry to be a map/struct, got "
                        + PermissionsReader.shown(element));
            }
            UserOptions user = user(userBlock, account, report);
            if (user != null) {
                users.add(user);
            }
        }
        return users;
    }

    private static UserOptions user(ConfigMap block, String account, ConfigReport report) {
        String name = null;
        String password = null;
        String nkey = null;
        Permissions permissions = null;
        Set<String> connectionTypes = Set.of();
        // nats-server reports a user entry's problems at its last key (in Go's map order, so at
        // random when there are several), at the entry itself when it is empty.
        ConfigPosition lastKey = block.position();
        for (ConfigEntry e : block.entries()) {
            lastKey = e.keyPosition();
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "user", "username" -> name = OptionValues.string(e);
                case "pass", "password" -> password = OptionValues.string(e);
                case "permission", "permissions", "authorization" -> permissions = PermissionsReader.read(e);
                case "nkey" -> nkey = OptionValues.string(e);
                case "allowed_connection_types", "connection_types", "clients" -> connectionTypes = connectionTypes(e);
                default -> noteUnknownIn(UnsupportedOptions.Scope.USER, e, report);
            }
        }
        // nats-server's checks and wording (opts.go parseUsers).
        if (nkey == null) {
            if (name == null) {
                throw new ConfigException(lastKey, "User entry requires a user");
            }
            return new UserOptions(name, password, permissions, account, null, connectionTypes);
        }
        if (!NKeys.isPublicKey(nkey, NKeyType.USER)) {
            throw new ConfigException(lastKey, "Not a valid public nkey for a user");
        }
        if (name != null || password != null) {
            throw new ConfigException(lastKey, "Nkey users do not take usernames or passwords");
        }
        return new UserOptions(null, null, permissions, account, nkey, connectionTypes);
    }

    private static Set<String> connectionTypes(ConfigEntry e) {
        List<String> invalid = new ArrayList<>();
        Set<String> types = new HashSet<>();
        for (String type : OptionValues.strings(e)) {
            String upper = type.toUpperCase(Locale.ROOT);
            if (!CONNECTION_TYPES.contains(upper)) {
                invalid.add("\"" + upper + "\"");
            }
            types.add(upper);
        }
        if (!invalid.isEmpty()) {
            throw new ConfigException(e.keyPosition(), "invalid connection types [" + String.join(" ", invalid) + "]");
        }
        return types;
    }
}
