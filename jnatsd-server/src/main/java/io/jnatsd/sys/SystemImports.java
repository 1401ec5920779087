package io.jnatsd.sys;

import io.jnatsd.config.ExportOptions;
import io.jnatsd.config.ImportOptions;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.AccountImports;
import io.jnatsd.dispatch.SystemServiceImports;
import io.jnatsd.server.NatsServer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Wires {@link SystemServiceImports} into every account of this server, those there at start and
 * those created later (a JWT account fetched or pushed, an account a peer names). Each account is
 * wired once. The shared {@code $SYS.REQ.USER.INFO} import delivers on this server only, since
 * only the requester's server knows the requester's permissions; the others reach every server.
 * Every request carries the {@code Nats-Request-Info} header the server writes
 * ({@link io.jnatsd.server.RequesterInfoHeaders}).
 */
final class SystemImports {
    private final NatsServer server;
    private final Account system;
    private final Set<String> wired = ConcurrentHashMap.newKeySet();
    private final List<AccountImports.Binding> bindings = new CopyOnWriteArrayList<>();

    SystemImports(NatsServer server, Account system) {
        this.server = server;
        this.system = system;
    }

    private final Consumer<Account> wiring = this::wire;

    void start() {
        server.accounts().onCreated(wiring).forEach(this::wire);
    }

    void stop() {
        server.accounts().removeOnCreated(wiring);
        AccountImports.unbind(bindings, (account, subscription) -> { });
        bindings.clear();
    }

    private void wire(Account account) {
        if (!wired.add(account.name())) {
            return;
        }
        long thresholdMillis = ExportOptions.DEFAULT_RESPONSE_THRESHOLD.toMillis();
        for (ImportOptions imported : SystemServiceImports.of(account.name(), system.name())) {
            boolean shared = SystemServiceImports.shared(imported);
            bindings.add(AccountImports.bindService(account, system, imported.to(), imported.subject(), shared,
                    thresholdMillis, server.requesterInfo(), shared, shared, server.router(), server.responses()));
        }
    }
}
