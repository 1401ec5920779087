package io.jnatsd.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import io.jnatsd.protocol.GoQuote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a configuration file into {@link ServerOptions} (CONFIG.md §2-5). Option names match
 * case-insensitively, unknown ones fail with {@code unknown field "x"} unless a {@code $x}
 * reference used them as a variable, as in nats-server. Options nats-server has but jnatsd does not
 * implement are looked up in {@link UnsupportedOptions}: those that restrict who may connect or what
 * they may do (operator, resolver, NKey users, ...) are errors, the others notices.
 *
 * <p>Problems are collected per top-level key, so one run reports them all. Only what
 * {@code nats-server -t} checks is checked here; start-up checks live in {@link StartupChecks}.
 */
public final class ConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
    private static final long MAX_INT32 = Integer.MAX_VALUE;
    private static final Duration MIN_LAME_DUCK_DURATION = Duration.ofSeconds(30);

    /**
     * The outcome of reading a file: options (null when there are errors) and every message;
     * {@code parsed} is false when the file's syntax (or a variable or include) stopped the reading.
     */
    public record Result(ServerOptions options, List<String> errors, List<String> warnings, List<String> notices,
                         boolean parsed) {
        public boolean valid() {
            return errors.isEmpty();
        }

        /** The errors as nats-server prints them after its name ({@link ConfigException#report(List, boolean)}). */
        public String report() {
            return ConfigException.report(errors, parsed);
        }
    }

    private final ServerOptions.Builder options;
    private final ConfigReport report;
    private AuthorizationReader.Block authorization;
    private List<AccountOptions> accounts = List.of();
    private ConfigPosition accountsPosition;
    /** Where each account's {@code users} key is, by account name. */
    private final Map<String, ConfigPosition> accountUsersKeys = new HashMap<>();
    private TlsOptions tls;
    private final OperatorReader operator = new OperatorReader();

    private ConfigLoader(Path file, ConfigReport report) {
        this.options = ServerOptions.builder().configFile(file);
        this.report = report;
    }

    /** Loads for start-up: errors throw, warnings and notices are logged. */
    public static ServerOptions load(Path file) {
        return load(file, System.getenv());
    }

    public static ServerOptions load(Path file, Map<String, String> environment) {
        Result result = read(file, environment);
        if (!result.valid()) {
            throw new ConfigException(result.errors(), result.report());
        }
        result.warnings().forEach(LOG::warn);
        result.notices().forEach(LOG::info);
        return result.options();
    }

    /** Reads without throwing; variables not defined in the file come from {@code environment}. */
    public static Result read(Path file, Map<String, String> environment) {
        ConfigMap top;
        try {
            top = ConfigParser.parseFile(file, environment);
        } catch (ConfigException e) {
            return new Result(null, e.errors(), List.of(), List.of(), false);
        }
        ConfigReport report = new ConfigReport();
        if (top.isEmpty()) {
            // a warning, as in nats-server: the check fails, the server starts with the defaults
            report.warning(file + ": config has no values or is empty");
        }
        ConfigLoader loader = new ConfigLoader(file, report);
        for (ConfigEntry entry : top.entries()) {
            try {
                loader.apply(entry);
            } catch (ConfigException e) {
                report.error(e);
            }
        }
        loader.applyAuthorization();
        List<String> errors = report.errors();
        return new Result(errors.isEmpty() ? loader.options.build() : null, errors, report.warnings(), report.notices(),
                true);
    }

    private void apply(ConfigEntry e) {
        String key = e.key().toLowerCase(Locale.ROOT);
        if (applyNetwork(key, e) || applyLimits(key, e) || applyTimers(key, e) || applyLogging(key, e)
                || applySecurity(key, e)) {
            return;
        }
        if (key.equals("jetstream")) {
            JetStreamSetting.check(e, false, report);
        }
        if (!UnsupportedOptions.apply(UnsupportedOptions.Scope.SERVER, e, report)) {
            AuthorizationReader.rejectUnknown(e);
        }
    }

    private boolean applyNetwork(String key, ConfigEntry e) {
        switch (key) {
            case "listen" -> {
                OptionValues.HostPort hp = OptionValues.hostPort(e);
                options.host(hp.host().isEmpty() ? "0.0.0.0" : hp.host()).port(hp.port());
            }
            case "port" -> options.port(OptionValues.intValue(e));
            case "host", "net" -> options.host(OptionValues.string(e));
            case "client_advertise" -> options.clientAdvertise(OptionValues.string(e));
            case "server_name" -> options.serverName(OptionValues.string(e));
            case "http" -> {
                OptionValues.HostPort hp = OptionValues.hostPort(e);
                options.httpHost(hp.host()).httpPort(hp.port());
            }
            case "https" -> {
                OptionValues.HostPort hp = OptionValues.hostPort(e);
                options.httpHost(hp.host()).httpsPort(hp.port());
            }
            case "http_port", "monitor_port" -> options.httpPort(OptionValues.intValue(e));
            case "https_port" -> options.httpsPort(OptionValues.intValue(e));
            case "http_base_path" -> options.httpBasePath(OptionValues.string(e));
            case "cluster" -> options.cluster(ClusterReader.read(e, report));
            case "gateway" -> options.gateway(GatewayReader.read(e, report));
            case "leafnodes", "leaf" -> options.leafnodes(LeafNodeReader.read(e, report));
            case "websocket", "ws" -> options.websocket(WebsocketReader.read(e, report));
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean applyLimits(String key, ConfigEntry e) {
        switch (key) {
            case "max_payload" -> options.maxPayload((int) atMostInt32(e));
            case "max_control_line" -> options.maxControlLine((int) atMostInt32(e));
            case "max_pending" -> options.maxPending(OptionValues.integer(e));
            case "max_connections", "max_conn" -> options.maxConnections(OptionValues.intValue(e));
            case "max_subscriptions", "max_subs" -> options.maxSubscriptions(OptionValues.intValue(e));
            case "max_sub_tokens", "max_subscription_tokens" -> options.maxSubTokens(subTokens(e));
            case "max_traced_msg_len" -> options.maxTracedMessageLength(OptionValues.intValue(e));
            case "server_tags" -> options.serverTags(ServerTags.read(e));
            case "max_closed_clients" -> options.maxClosedClients(OptionValues.intValue(e));
            case "ping_max" -> options.pingMax(OptionValues.intValue(e));
            case "no_header_support" -> options.noHeaderSupport(OptionValues.bool(e));
            case "connect_error_reports" -> options.connectErrorReports(OptionValues.intValue(e));
            case "reconnect_error_reports" -> options.reconnectErrorReports(OptionValues.intValue(e));
            default -> {
                return false;
            }
        }
        return true;
    }

    private long atMostInt32(ConfigEntry e) {
        long v = OptionValues.integer(e);
        if (v > MAX_INT32) {
            throw new ConfigException(e.keyPosition(), e.key() + " value is too big");
        }
        return v;
    }

    private static int subTokens(ConfigEntry e) {
        long n = OptionValues.integer(e);
        if (n > 255) {
            throw new ConfigException(e.keyPosition(), e.key() + " value is too big");
        }
        if (n <= 0) {
            throw new ConfigException(e.keyPosition(), e.key() + " value can not be negative");
        }
        return (int) n;
    }

    private boolean applyTimers(String key, ConfigEntry e) {
        switch (key) {
            case "ping_interval" -> options.pingInterval(OptionValues.duration(e, report));
            case "write_deadline" -> options.writeDeadline(OptionValues.duration(e, report));
            case "lame_duck_duration" -> {
                Duration d = OptionValues.parseDuration(key, OptionValues.string(e), e.keyPosition());
                if (d.compareTo(MIN_LAME_DUCK_DURATION) < 0) {
                    throw new ConfigException(e.keyPosition(), "invalid lame_duck_duration of " + GoDuration.format(d)
                            + ", minimum is 30 seconds");
                }
                options.lameDuckDuration(d);
            }
            case "lame_duck_grace_period" -> {
                Duration d = OptionValues.parseDuration(key, OptionValues.string(e), e.keyPosition());
                if (d.isNegative()) {
                    throw new ConfigException(e.keyPosition(), "invalid lame_duck_grace_period, needs to be positive");
                }
                options.lameDuckGracePeriod(d);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean applyLogging(String key, ConfigEntry e) {
        switch (key) {
            case "debug" -> options.debug(OptionValues.bool(e));
            case "trace" -> options.trace(OptionValues.bool(e));
            case "trace_verbose" -> {
                boolean verbose = OptionValues.bool(e);
                options.traceVerbose(verbose).trace(verbose);
            }
            case "logtime" -> options.logtime(OptionValues.bool(e));
            case "logtime_utc" -> options.logtimeUtc(OptionValues.bool(e));
            case "logfile", "log_file" -> options.logFile(OptionValues.string(e));
            case "logfile_size_limit", "log_size_limit" -> options.logSizeLimit(OptionValues.integer(e));
            case "logfile_max_num", "log_max_num" -> options.logMaxFiles(OptionValues.intValue(e));
            case "syslog" -> options.syslog(OptionValues.bool(e));
            case "remote_syslog" -> options.remoteSyslog(OptionValues.string(e));
            case "pidfile", "pid_file" -> options.pidFile(OptionValues.string(e));
            case "ports_file_dir" -> options.portsFileDir(OptionValues.string(e));
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean applySecurity(String key, ConfigEntry e) {
        switch (key) {
            case "authorization" -> authorization = AuthorizationReader.read(e, report);
            case "accounts" -> {
                accounts = AccountsReader.read(e, report, accountUsersKeys);
                accountsPosition = e.keyPosition();
            }
            case "mappings", "maps" -> options.mappings(MappingsReader.read(e));
            case "system_account", "system" -> options.systemAccount(OptionValues.string(e));
            case "no_system_account", "no_system", "no_sys_acc" -> options.noSystemAccount(OptionValues.bool(e));
            case "no_auth_user" -> options.noAuthUser(OptionValues.string(e));
            case "tls" -> {
                tls = TlsReader.read(e, report);
                options.tls(tls);
            }
            case "allow_non_tls" -> options.allowNonTls(OptionValues.bool(e));
            case "operator", "operators", "root", "roots", "root_operator", "root_operators" -> operator.operator(e);
            case "resolver", "account_resolver", "accounts_resolver" -> operator.resolver(e);
            case "resolver_preload" -> operator.preload(e);
            case "trusted", "trusted_keys" -> operator.trusted(e);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The rules that need both the authorization block and the accounts (nats-server's wording). */
    private void applyAuthorization() {
        options.accounts(accounts);
        options.operator(operator.build());
        AuthorizationReader.Block auth = authorization;
        List<UserOptions> users = auth == null || auth.users() == null ? List.of() : auth.users();
        if (auth != null) {
            ConfigPosition at = auth.position();
            if ((auth.user() != null || auth.password() != null) && auth.token() != null) {
                report.error(at, "Cannot have a user/pass and token");
                return;
            }
            if (auth.users() != null && auth.user() != null) {
                report.error(at, "Can not have a single user/pass and a users array");
                return;
            }
            if (auth.users() != null && auth.token() != null) {
                report.error(at, "Can not have a token and a users array");
                return;
            }
        }
        UserNames seen = new UserNames();
        if (!seen.addAll(users, auth == null ? accountsPosition : auth.position())) {
            return;
        }
        // each account's users, where they are listed: after those of the authorization block
        for (AccountOptions account : accounts) {
            ConfigPosition at = accountUsersKeys.get(account.name());
            if (account.users().isEmpty() || at == null) {
                continue;
            }
            if (auth != null && auth.user() != null) {
                report.error(at, "Can not have a single user/pass and accounts");
            } else if (auth != null && auth.token() != null) {
                report.error(at, "Can not have a token and accounts");
            } else if (!seen.addAll(account.users(), at)) {
                return;
            }
        }
        if (auth == null) {
            return;
        }
        Duration timeout = auth.timeout() != null ? auth.timeout()
                : tls != null ? tls.timeout().plusSeconds(1) : AuthorizationOptions.DEFAULT_TIMEOUT;
        options.authorization(new AuthorizationOptions(auth.user(), auth.password(), auth.token(), users, timeout,
                auth.defaultPermissions()));
    }

    /** User names and nkeys met so far; a second one is reported where its list is. */
    private final class UserNames {
        private final Set<String> names = new HashSet<>();
        private final Set<String> nkeys = new HashSet<>();

        boolean addAll(List<UserOptions> users, ConfigPosition at) {
            for (UserOptions user : users) {
                if (user.isNkey() ? !nkeys.add(user.nkey()) : !names.add(user.user())) {
                    report.error(at, "Duplicate " + (user.isNkey() ? "nkey" : "user") + " " + GoQuote.quote(user.identity())
                            + " detected");
                    return false;
                }
            }
            return true;
        }
    }
}
