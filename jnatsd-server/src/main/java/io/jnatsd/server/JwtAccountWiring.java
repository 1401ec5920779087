package io.jnatsd.server;

import io.jnatsd.auth.Authenticator;
import io.jnatsd.auth.JwtAccountLinks;
import io.jnatsd.config.AccountOptions;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.AccountImports;
import io.jnatsd.dispatch.MessageRouter;
import io.jnatsd.dispatch.RequesterInfo;
import io.jnatsd.dispatch.ResponseTracker;
import io.jnatsd.dispatch.Subscription;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The imports and exports declared in account JWTs, wired into the accounts: worked out again
 * from all known account JWTs whenever one changes (an exporter's change may open or close
 * another account's import, as in nats-server) or an activation token in use expires. Each
 * server does this alone; the exporters' interest crosses routes as any interest does.
 */
final class JwtAccountWiring {
    private final Accounts accounts;
    private final MessageRouter router;
    private final ResponseTracker responses;
    private final RequesterInfo requester;
    private final BiConsumer<Account, Subscription> announce;
    private final BiConsumer<Account, Subscription> withdraw;
    private final Supplier<String> clusterName;
    private final Consumer<Account> mappingsChanged;
    private List<AccountImports.Binding> bound = List.of();
    /** The accounts' imports and exports as last worked out, by account, for /accountz. */
    private volatile Map<String, AccountOptions> declaredByName = Map.of();
    private ScheduledFuture<?> expiry;

    JwtAccountWiring(Accounts accounts, MessageRouter router, ResponseTracker responses, RequesterInfo requester,
                     BiConsumer<Account, Subscription> announce, BiConsumer<Account, Subscription> withdraw,
                     Supplier<String> clusterName, Consumer<Account> mappingsChanged) {
        this.requester = requester;
        this.clusterName = clusterName;
        this.mappingsChanged = mappingsChanged;
        this.accounts = accounts;
        this.router = router;
        this.responses = responses;
        this.announce = announce;
        this.withdraw = withdraw;
    }

    /** The usable imports and the exports of a JWT account, or null. */
    AccountOptions declared(String account) {
        return declaredByName.get(account);
    }

    /** Replaces what is wired by what the authenticator's account JWTs declare now. */
    synchronized void rewire(Supplier<Authenticator> authenticator, ScheduledExecutorService timers) {
        JwtAccountLinks.Links links = authenticator.get().jwtAccountLinks();
        AccountImports.unbind(bound, withdraw);
        if (links == null) {
            bound = List.of();
            declaredByName = Map.of();
            return;
        }
        links.accounts().forEach(a -> accounts.getOrCreate(a.name()));
        List<AccountOptions> declared = links.accounts();
        ConfiguredMappings.fromAccounts(declared, accounts, clusterName, mappingsChanged);
        Map<String, AccountOptions> byName = new HashMap<>();
        declared.forEach(account -> byName.put(account.name(), account));
        declaredByName = Map.copyOf(byName);
        bound = AccountImports.bind(declared, accounts::get, router, responses, requester, announce);
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
        if (links.nextExpirySeconds() != Long.MAX_VALUE && timers != null) {
            long delayMillis = Math.max(0, links.nextExpirySeconds() * 1000 - System.currentTimeMillis()) + 1000;
            expiry = timers.schedule(() -> rewire(authenticator, timers), delayMillis, TimeUnit.MILLISECONDS);
        }
    }
}
