package io.jnatsd.config;

import io.jnatsd.config.ConfigValue.ArrayValue;
import io.jnatsd.config.ConfigValue.BooleanValue;
import io.jnatsd.config.ConfigValue.StringValue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every option nats-server 2.10 accepts that jnatsd reads but does not implement, in one table,
 * with what jnatsd does about it. The rule is to fail closed:
 * <ul>
 *   <li>{@link Treatment#REFUSED}: nats-server uses the option to restrict who may connect or
 *       what they may do (operator mode, NKey users, an auth callout, pinned certificates, ...).
 *       Running without it would be more open than the file says, so the file is an error for
 *       {@code -t}, for start-up, for reload and for the embedding API alike.</li>
 *   <li>{@link Treatment#IGNORED}: without it jnatsd is not more open (JetStream, a gateway
 *       block that opens no listener, tags, profiling); a notice says so.</li>
 * </ul>
 * Some refused options are harmless with certain values (OCSP in {@code auto} mode, checks
 * switched off); those values are ignored instead.
 *
 * <p>Readers consult the table from their {@code default} branch, so a key is either implemented
 * (a {@code case} of its reader), in this table, or an unknown field. Implementing an option
 * means adding its case to the reader and deleting its row here.
 */
public final class UnsupportedOptions {
    /** Where an option lives: the block whose reader looks it up. */
    public enum Scope { SERVER, AUTHORIZATION, USER, ACCOUNT, EXPORT, IMPORT, TLS, LEAFNODES, LEAFNODE_AUTHORIZATION,
        LEAF_REMOTE, GATEWAY_AUTHORIZATION, GATEWAY_TLS }

    public enum Treatment { IGNORED, REFUSED }

    /**
     * One row: the option's names (aliases) in a scope, what jnatsd does, and what the option is
     * for in nats-server (quoted in messages). {@code harmless} tells values of a refused option
     * that restrict nothing.
     */
    public record Option(Scope scope, Set<String> names, Treatment treatment, String meaning,
                         Predicate<ConfigValue> harmless) {
    }

    private static final Predicate<ConfigValue> NEVER = v -> false;

    private static final List<Option> TABLE = List.of(
            refused(Scope.SERVER, "TLS and pinned accounts of the account resolver of JWT operator mode",
                    "resolver_tls", "resolver_pinned_accounts"),
            new Option(Scope.SERVER, Set.of("ocsp"), Treatment.REFUSED,
                    "OCSP stapling that stops the server when its certificate is revoked",
                    UnsupportedOptions::ocspWithoutShutdown),
            ignored(Scope.SERVER, "OCSP response cache", "ocsp_cache"),
            ignored(Scope.SERVER, "JetStream: no JetStream API is offered",
                    "jetstream", "store_dir", "storedir", "default_js_domain"),
            ignored(Scope.SERVER, "MQTT clients: no MQTT listener is opened", "mqtt"),
            ignored(Scope.SERVER, "the profiling port: not opened", "prof_port", "prof_block_rate"),
            ignored(Scope.SERVER, "the subscription cache switch, a performance setting",
                    "disable_sublist_cache", "no_sublist_cache"),
            ignored(Scope.SERVER, "fast producer stall switch, a flow-control setting", "no_fast_producer_stall"),
            refused(Scope.AUTHORIZATION, "authorization callout: an external service decides who may connect",
                    "auth_callout"),
            refused(Scope.ACCOUNT, "account NKey: accounts identified by public key", "nkey"),
            ignored(Scope.ACCOUNT, "JetStream for this account: no JetStream API is offered", "jetstream"),
            refused(Scope.EXPORT, "account token position: only the account named in the subject may import it",
                    "account_token_position"),
            ignored(Scope.EXPORT, "service latency tracking", "latency"),
            new Option(Scope.TLS, Set.of("ocsp_peer"), Treatment.REFUSED,
                    "OCSP revocation checks of peer certificates", UnsupportedOptions::isFalse),
            new Option(Scope.TLS, Set.of("verify_cert_and_check_known_urls"), Treatment.REFUSED,
                    "peer certificates must match the configured URLs", UnsupportedOptions::isFalse),
            refused(Scope.TLS, "certificates from the operating system's certificate store",
                    "cert_store", "cert_match_by", "cert_match", "cert_match_skip_invalid", "ca_certs_match"),
            refused(Scope.TLS, "several certificate and key pairs", "certs"),
            refused(Scope.GATEWAY_AUTHORIZATION, "permissions of the remote clusters' gateway connections",
                    "permissions", "default_permissions", "default_permission"),
            new Option(Scope.GATEWAY_TLS, Set.of("verify_and_map"), Treatment.REFUSED,
                    "gateway authentication by the certificate's subject", UnsupportedOptions::isFalse),
            ignored(Scope.LEAF_REMOTE, "the wait for the hub's first INFO: jnatsd waits 1 s", "first_info_timeout"),
            ignored(Scope.LEAF_REMOTE, "JetStream cluster migration: no JetStream API is offered", "js_cluster_migrate"));

    private UnsupportedOptions() {
    }

    private static Option refused(Scope scope, String meaning, String... names) {
        return new Option(scope, Set.of(names), Treatment.REFUSED, meaning, NEVER);
    }

    private static Option ignored(Scope scope, String meaning, String... names) {
        return new Option(scope, Set.of(names), Treatment.IGNORED, meaning, NEVER);
    }

    /** The whole table, for documentation and the sweep test. */
    public static List<Option> all() {
        return TABLE;
    }

    /** The row for this key (any case) in this scope, if jnatsd knows the option but does not implement it. */
    public static Optional<Option> find(Scope scope, String key) {
        String name = key.toLowerCase(Locale.ROOT);
        return TABLE.stream().filter(o -> o.scope() == scope && o.names().contains(name)).findFirst();
    }

    /**
     * Applies the table to an entry its reader does not implement: a refused option is reported
     * as an error at its key, an ignored one as a notice. Returns false when the key is not in the
     * table (the reader then reports an unknown field).
     */
    static boolean apply(Scope scope, ConfigEntry entry, ConfigReport report) {
        Optional<Option> row = find(scope, entry.key());
        if (row.isEmpty()) {
            return false;
        }
        Option option = row.get();
        if (option.treatment() == Treatment.REFUSED && !option.harmless().test(entry.value())) {
            report.error(entry.keyPosition(), "\"" + entry.key() + "\" is not supported by jnatsd (" + option.meaning()
                    + "): refusing the configuration rather than running without this restriction");
        } else {
            report.notice(entry.keyPosition(), "\"" + entry.key() + "\" is accepted but not supported by jnatsd ("
                    + option.meaning() + "), ignored");
        }
        return true;
    }

    private static boolean isFalse(ConfigValue v) {
        return v instanceof BooleanValue b && !b.value();
    }


    /** {@code true}/{@code false} and the modes auto and never never stop the server; always and must do. */
    private static boolean ocspWithoutShutdown(ConfigValue v) {
        if (v instanceof BooleanValue) {
            return true;
        }
        if (!(v instanceof ConfigMap block)) {
            return false;
        }
        for (ConfigEntry e : block.entries()) {
            if (e.key().equalsIgnoreCase("mode")) {
                return e.value() instanceof StringValue s
                        && (s.value().equalsIgnoreCase("auto") || s.value().equalsIgnoreCase("never"));
            }
        }
        return true;
    }
}
