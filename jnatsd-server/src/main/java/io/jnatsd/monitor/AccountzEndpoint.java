package io.jnatsd.monitor;

import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.config.AccountOptions;
import io.jnatsd.config.ExportOptions;
import io.jnatsd.config.ExportOptions.ExportKind;
import io.jnatsd.config.ImportOptions;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.AccountMappings;
import io.jnatsd.dispatch.ResponseTracker;
import io.jnatsd.dispatch.SystemServiceImports;
import io.jnatsd.server.NatsServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /accountz} (MONITORING.md §7): the names of the registered accounts, or with
 * {@code acc=} one registered account's detail, as nats-server shows them. In operator mode an
 * account JWT that nothing has used yet is not registered (nats-server loads it lazily), so it
 * is neither listed nor shown. Exports and imports are those of the configuration file or of the
 * account JWTs (the usable imports), then the system services every account imports.
 * {@code update_time} is the configuration load time for a configured account, and for an
 * account JWT when it was registered or last updated. {@code responses} lists the reply
 * mappings still waiting.
 */
final class AccountzEndpoint implements Endpoint {
    private final NatsServer server;

    AccountzEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public MonitorResponse answer(QueryParameters query) throws BadRequestException {
        String name = query.text("acc");
        GoObject accountz = new GoObject()
                .put("server_id", server.serverId())
                .put("now", GoFormats.timestamp(Instant.now()))
                .omitEmpty("system_account", server.options().systemAccountName());
        if (name == null) {
            List<String> names = server.accounts().registered().stream().map(Account::name).sorted().toList();
            return MonitorJson.indented(accountz.put("accounts", names));
        }
        Account account = server.accounts().registeredAt(name) == null ? null : server.accounts().get(name);
        if (account == null) {
            throw new BadRequestException("Account " + name + " does not exist");
        }
        return MonitorJson.indented(accountz.put("account_detail", detail(account)));
    }

    /**
     * One account's {@code account_detail} (also the {@code $SYS.REQ.ACCOUNT.<id>.INFO} data), or
     * null; asking registers the account, as nats-server's lookup does.
     */
    GoObject detail(String name) {
        Account account = server.account(name);
        return account == null ? null : detail(account);
    }

    private GoObject detail(Account account) {
        AccountClaims claims = server.accountClaims(account.name());
        AccountOptions configured = server.options().accounts().stream()
                .filter(options -> options.name().equals(account.name())).findFirst()
                .orElseGet(() -> server.jwtAccountOptions(account.name()));
        long clients = server.clients().stream()
                .filter(client -> account.name().equals(client.accountName())).count();
        return new GoObject()
                .put("account_name", account.name())
                .put("update_time", GoFormats.timestamp(updateTime(account, claims)))
                .omitEmpty("is_system", account.name().equals(server.options().systemAccountName()))
                .put("expired", false)
                .put("complete", true)
                .put("jetstream_enabled", false)
                .put("leafnode_connections", LeafCounts.of(server, account.name()))
                .put("client_connections", clients)
                .put("subscriptions", account.subscriptions().count())
                .omitEmpty("mappings", mappings(account))
                .omitEmpty("exports", exports(account.name(), configured))
                .omitEmpty("imports", imports(account.name(), configured))
                .putAll(jwtFields(claims))
                .put("sublist_stats", SublistStatsView.of(account.subscriptions().stats()))
                .omitEmpty("responses", responses(account.name()));
    }

    /**
     * The configured imports, then the system account's services every account imports while a
     * system account exists ({@link SystemServiceImports}), as nats-server lists them.
     */
    private List<GoObject> imports(String account, AccountOptions configured) {
        List<GoObject> imports = new ArrayList<>();
        if (configured != null) {
            configured.imports().forEach(imported -> imports.add(importOf(imported, imported.share())));
        }
        String system = server.options().systemAccountName();
        if (system != null && server.accounts().get(system) != null) {
            SystemServiceImports.of(account, system)
                    .forEach(imported -> imports.add(importOf(imported, SystemServiceImports.shared(imported))));
        }
        return imports.isEmpty() ? null : imports;
    }

    /**
     * The reply mappings of requests this account's exported services have not answered yet,
     * keyed by their {@code _R_.} subject, in nats-server's shape ({@code type} 2 is its service
     * import kind written as a number).
     */
    private Map<String, GoObject> responses(String account) {
        ResponseTracker tracker = server.responses();
        if (tracker == null) {
            return null;
        }
        Map<String, GoObject> responses = new TreeMap<>();
        for (ResponseTracker.PendingResponse pending : tracker.pendingIn(account)) {
            responses.put(pending.responseSubject(), new GoObject()
                    .put("subject", pending.originalReply())
                    .put("account", pending.importer())
                    .put("to", pending.responseSubject())
                    .put("local_subject", pending.responseSubject())
                    .put("type", 2)
                    .put("invalid", false)
                    .put("share", false)
                    .put("tracking", false));
        }
        return responses;
    }

    /** The mappings as nats-server lists them: each source's destinations with their cumulative weights. */
    private static Map<String, List<GoObject>> mappings(Account account) {
        AccountMappings mappings = account.mappings();
        if (mappings == null) {
            return null;
        }
        // sorted by source, as Go's JSON encoder writes a map
        Map<String, List<GoObject>> out = new TreeMap<>();
        mappings.describe((source, destination) -> out.computeIfAbsent(source, s -> new ArrayList<>())
                .add(new GoObject().put("subject", destination.subject()).put("weight", destination.weight())
                        .omitEmpty("cluster", destination.cluster())));
        return out;
    }

    private Instant updateTime(Account account, AccountClaims claims) {
        Instant registered = server.accounts().registeredAt(account.name());
        return claims == null || registered == null ? server.configLoadTime() : registered;
    }

    /** An operator-mode account's JWT, its issuer, name, tags, claims and revoked users; empty otherwise. */
    private static GoObject jwtFields(AccountClaims claims) {
        GoObject fields = new GoObject();
        if (claims == null) {
            return fields;
        }
        com.fasterxml.jackson.databind.node.ObjectNode decoded = DecodedAccountJwt.of(claims);
        return fields.omitEmpty("jwt", claims.token())
                .omitEmpty("issuer_key", claims.issuer())
                .omitEmpty("name_tag", claims.name())
                .omitEmpty("tags", decoded == null ? null : decoded.path("nats").get("tags"))
                .omitEmpty("decoded_jwt", decoded)
                .omitEmpty("revoked_user", DecodedAccountJwt.revokedUsers(claims));
    }

    private static GoObject export(ExportOptions export) {
        boolean service = export.kind() == ExportKind.SERVICE;
        return new GoObject()
                .put("subject", export.subject())
                .put("type", service ? "service" : "stream")
                .omitEmpty("token_req", export.tokenRequired() ? Boolean.TRUE : null)
                .omitEmpty("response_type", service ? responseType(export.responseType()) : null)
                .omitEmpty("approved_accounts", export.accounts());
    }

    /**
     * The configured exports; the system account's also lists the services nats-server adds to
     * it, unless one of the same subject is configured.
     */
    private List<GoObject> exports(String account, AccountOptions configured) {
        List<ExportOptions> exports = new ArrayList<>(configured == null ? List.of() : configured.exports());
        if (account.equals(server.options().systemAccountName())) {
            boolean standalone = server.options().cluster() == null && server.options().gateway() == null;
            for (ExportOptions added : SystemServiceImports.exports(standalone)) {
                if (exports.stream().noneMatch(e -> e.subject().equals(added.subject()))) {
                    exports.add(added);
                }
            }
        }
        return exports.isEmpty() ? null : exports.stream().map(AccountzEndpoint::export).toList();
    }

    /** nats-server's names: Singleton, Streamed, Chunked. */
    private static String responseType(String configured) {
        if (configured == null) {
            return "Singleton";
        }
        return configured.equalsIgnoreCase("stream") ? "Streamed" : configured;
    }

    /** A service import shows its local subject as {@code to} and {@code local_subject}; a stream import its mapping. */
    private static GoObject importOf(ImportOptions imported, boolean share) {
        boolean service = imported.kind() == ExportKind.SERVICE;
        String local = imported.to() == null ? imported.subject() : imported.to();
        return new GoObject()
                .put("subject", imported.subject())
                .put("account", imported.account())
                .omitEmpty("to", service ? local : null)
                .put("local_subject", local)
                .put("type", service ? "service" : "stream")
                .put("invalid", false)
                .put("share", share)
                .put("tracking", false);
    }
}
