package io.jnatsd.config;

import io.jnatsd.config.ConfigValue.ArrayValue;
import io.jnatsd.config.ConfigValue.StringValue;
import io.jnatsd.config.ExportOptions.ExportKind;

import io.jnatsd.protocol.GoQuote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code accounts { NAME { users, exports, imports } }} (or {@code accounts: [A, B]}) and
 * checks what nats-server checks when loading: exports name existing accounts, imports come from
 * existing accounts and are covered by a matching export open to the importer.
 */
final class AccountsReader {
    /** The account of clients without one; nats-server lets no file define it. */
    private static final String GLOBAL_ACCOUNT = "$G";

    private AccountsReader() {
    }

    /**
     * The accounts of the block; {@code usersKeys} gets, for each account with a {@code users}
     * list, where that key is: nats-server reports problems of those users there.
     */
    static List<AccountOptions> read(ConfigEntry entry, ConfigReport report, Map<String, ConfigPosition> usersKeys) {
        List<AccountOptions> accounts = new ArrayList<>();
        if (entry.value() instanceof ArrayValue names) {
            for (ConfigValue name : names.elements()) {
                accounts.add(new AccountOptions(OptionValues.string(name, name.position()), List.of(), List.of(), List.of()));
            }
            return accounts;
        }
        for (ConfigEntry account : OptionValues.map(entry).entries()) {
            if (!(account.value() instanceof ConfigMap block)) {
                throw new ConfigException(account.keyPosition(), "Expected map entries for accounts");
            }
            if (account.key().equals(GLOBAL_ACCOUNT)) {
                throw new ConfigException(account.keyPosition(), "\"" + GLOBAL_ACCOUNT + "\" is a Reserved Account");
            }
            accounts.add(account(account.key(), block, report));
            ConfigEntry users = block.entry("users");
            if (users != null) {
                usersKeys.put(account.key(), users.keyPosition());
            }
        }
        checkReferences(accounts, entry.keyPosition(), report);
        return accounts;
    }

    private static AccountOptions account(String name, ConfigMap block, ConfigReport report) {
        List<UserOptions> users = List.of();
        List<ExportOptions> exports = new ArrayList<>();
        List<ImportOptions> imports = new ArrayList<>();
        Permissions defaults = null;
        AccountLimitsOptions limits = AccountLimitsOptions.NONE;
        List<MappingOptions> mappings = List.of();
        for (ConfigEntry e : block.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "users" -> users = AuthorizationReader.users(e, name, report);
                case "limits" -> limits = limits(e);
                case "exports" -> list(e, "Exports").forEach(x -> addIfPresent(exports, export(x, report)));
                case "imports" -> list(e, "Imports").forEach(x -> addIfPresent(imports, importOf(x, report)));
                case "default_permissions" -> defaults = PermissionsReader.read(e);
                case "mappings", "maps" -> mappings = MappingsReader.read(e);
                case "jetstream" -> {
                    JetStreamSetting.check(e, true, report);
                    UnsupportedOptions.apply(UnsupportedOptions.Scope.ACCOUNT, e, report);
                }
                default -> AuthorizationReader.rejectUnknownIn(UnsupportedOptions.Scope.ACCOUNT, e, report);
            }
        }
        if (defaults != null) {
            users = AuthorizationReader.withDefaultPermissions(users, defaults);
        }
        return new AccountOptions(name, users, exports, imports, limits, mappings);
    }

    /** nats-server's account limits. */
    private static AccountLimitsOptions limits(ConfigEntry entry) {
        if (!(entry.value() instanceof ConfigMap block)) {
            throw new ConfigException(entry.keyPosition(), "Expected account limits to be a map/struct, got "
                    + entry.value().goTypeName());
        }
        long connections = -1;
        long subscriptions = -1;
        long payload = -1;
        long leafNodes = -1;
        for (ConfigEntry e : block.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "max_connections", "max_conn" -> connections = OptionValues.integer(e);
                case "max_subscriptions", "max_subs" -> subscriptions = OptionValues.integer(e);
                case "max_payload", "max_pay" -> payload = OptionValues.integer(e);
                case "max_leafnodes", "max_leafs" -> leafNodes = OptionValues.integer(e);
                default -> throw new ConfigException(e.keyPosition(), "Unknown field " + GoQuote.quote(e.key())
                        + " parsing account limits");
            }
        }
        return new AccountLimitsOptions(connections, subscriptions, payload, leafNodes);
    }

    private static <T> void addIfPresent(List<T> list, T value) {
        if (value != null) {
            list.add(value);
        }
    }

    private static List<ConfigMap> list(ConfigEntry e, String what) {
        if (!(e.value() instanceof ArrayValue array)) {
            throw new ConfigException(e.keyPosition(), what + " should be an array, got " + e.value().goTypeName());
        }
        List<ConfigMap> maps = new ArrayList<>();
        for (ConfigValue v : array.elements()) {
            maps.add(OptionValues.map(v, v.position()));
        }
        return maps;
    }

    private static ExportOptions export(ConfigMap block, ConfigReport report) {
        ExportKind kind = null;
        String subject = null;
        List<String> accounts = List.of();
        String responseType = null;
        ConfigPosition responseAt = null;
        Duration responseThreshold = null;
        for (ConfigEntry e : block.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "stream", "service" -> {
                    ExportKind seen = e.key().equalsIgnoreCase("stream") ? ExportKind.STREAM : ExportKind.SERVICE;
                    if (kind != null && kind != seen) {
                        throw new ConfigException(e.keyPosition(), "Detected " + e.key().toLowerCase(Locale.ROOT) + " \""
                                + PermissionsReader.shown(e.value()) + "\" but already saw a " + kind.name().toLowerCase(Locale.ROOT));
                    }
                    kind = seen;
                    subject = OptionValues.string(e);
                }
                case "accounts" -> accounts = stringArray(e);
                case "response_type", "response" -> {
                    responseType = responseType(e);
                    responseAt = e.keyPosition();
                }
                case "response_threshold", "threshold" -> responseThreshold = OptionValues.parseDuration(
                        "response threshold", OptionValues.string(e), e.keyPosition());
                default -> AuthorizationReader.rejectUnknownIn(UnsupportedOptions.Scope.EXPORT, e, report);
            }
        }
        if (kind == null) {
            return null;
        }
        boolean service = kind == ExportKind.SERVICE;
        if (!service && responseAt != null) {
            throw new ConfigException(responseAt, "Detected response directive on non-service");
        }
        return new ExportOptions(kind, subject, accounts, service && responseType == null ? "Singleton" : responseType,
                service ? responseThreshold : null);
    }

    private static List<String> stringArray(ConfigEntry e) {
        List<String> out = new ArrayList<>();
        for (ConfigValue v : OptionValues.array(e)) {
            out.add(OptionValues.string(v, v.position()));
        }
        return out;
    }

    private static String responseType(ConfigEntry e) {
        String type = OptionValues.string(e);
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "singleton", "single" -> "Singleton";
            case "stream" -> "Stream";
            case "chunked", "chunk" -> "Chunked";
            default -> throw new ConfigException(e.keyPosition(), "Unknown response type: " + GoQuote.quote(type));
        };
    }

    private static ImportOptions importOf(ConfigMap block, ConfigReport report) {
        ExportKind kind = null;
        String account = null;
        String subject = null;
        String to = null;
        boolean prefix = false;
        boolean share = false;
        for (ConfigEntry e : block.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "stream", "service" -> {
                    kind = e.key().equalsIgnoreCase("stream") ? ExportKind.STREAM : ExportKind.SERVICE;
                    if (!(e.value() instanceof ConfigMap source)) {
                        String what = kind == ExportKind.STREAM ? "Stream" : "Service";
                        throw new ConfigException(e.keyPosition(), what + " entry should be an account map, got "
                                + e.value().goTypeName());
                    }
                    for (ConfigEntry field : source.entries()) {
                        switch (field.key().toLowerCase(Locale.ROOT)) {
                            case "account" -> account = OptionValues.string(field);
                            case "subject" -> subject = OptionValues.string(field);
                            default -> AuthorizationReader.noteUnknown(field, report);
                        }
                    }
                    if (account == null || subject == null) {
                        throw new ConfigException(e.keyPosition(), "Expect an account name and a subject");
                    }
                }
                case "to" -> to = OptionValues.string(e);
                case "prefix" -> {
                    to = OptionValues.string(e);
                    prefix = true;
                }
                case "share" -> share = OptionValues.bool(e);
                default -> AuthorizationReader.rejectUnknownIn(UnsupportedOptions.Scope.IMPORT, e, report);
            }
        }
        return kind == null ? null : new ImportOptions(kind, account, subject, to, prefix && kind == ExportKind.STREAM,
                share && kind == ExportKind.SERVICE);
    }

    /** Reported, as by nats-server, at the {@code accounts} key. */
    private static void checkReferences(List<AccountOptions> accounts, ConfigPosition at, ConfigReport report) {
        Map<String, AccountOptions> byName = new HashMap<>();
        accounts.forEach(a -> byName.put(a.name(), a));
        for (AccountOptions account : accounts) {
            for (ExportOptions export : account.exports()) {
                for (String allowed : export.accounts()) {
                    if (!byName.containsKey(allowed)) {
                        report.error(at, "\"" + allowed + "\" account not defined for " + kindName(export.kind()) + " export");
                    }
                }
            }
            for (ImportOptions im : account.imports()) {
                AccountOptions exporter = byName.get(im.account());
                if (exporter == null) {
                    report.error(at, "\"" + im.account() + "\" account not defined for " + kindName(im.kind()) + " import");
                } else if (!authorized(exporter, im, account.name())) {
                    report.error(at, "Error adding " + kindName(im.kind()) + " import " + GoQuote.quote(im.subject()) + ": "
                            + kindName(im.kind()) + " import not authorized");
                }
            }
        }
    }

    private static boolean authorized(AccountOptions exporter, ImportOptions im, String importer) {
        for (ExportOptions export : exporter.exports()) {
            if (export.kind() == im.kind() && im.subject() != null
                    && SubjectCover.covers(export.subject(), im.subject())
                    && (export.accounts().isEmpty() || export.accounts().contains(importer))) {
                return true;
            }
        }
        return false;
    }

    private static String kindName(ExportKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
