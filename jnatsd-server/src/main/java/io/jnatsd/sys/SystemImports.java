package io.jnatsd.sys;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.config.ExportOptions;
import io.jnatsd.config.ImportOptions;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.AccountImports;
import io.jnatsd.dispatch.RequesterInfo;
import io.jnatsd.dispatch.Subscriber;
import io.jnatsd.dispatch.SystemServiceImports;
import io.jnatsd.protocol.GoJson;
import io.jnatsd.server.ConnectionSnapshot;
import io.jnatsd.server.NatsServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Wires {@link SystemServiceImports} into every account of this server, those there at start and
 * those created later (a JWT account fetched or pushed, an account a peer names). Each account is
 * wired once. The shared {@code $SYS.REQ.USER.INFO} import delivers on this server only, since
 * only the requester's server knows the requester's permissions; the others reach every server.
 */
final class SystemImports {
    private final NatsServer server;
    private final Account system;
    private final ServerInfoHeader header;
    private final Set<String> wired = ConcurrentHashMap.newKeySet();
    private final List<AccountImports.Binding> bindings = new CopyOnWriteArrayList<>();
    private final RequesterInfo requester = this::describe;

    SystemImports(NatsServer server, Account system, ServerInfoHeader header) {
        this.server = server;
        this.system = system;
        this.header = header;
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
                    thresholdMillis, shared ? requester : null, shared, server.router(), server.responses()));
        }
    }

    /** nats-server's ClientInfo of the requesting client, with this server's name and cluster. */
    private String describe(Subscriber publisher, Account importer) {
        Map<String, Object> info;
        if (publisher instanceof ClientConnection client) {
            info = ConnectionAdvisories.clientInfo(ConnectionSnapshot.open(client, false), server.serverName(),
                    header.clusterName());
        } else {
            info = new LinkedHashMap<>();
            info.put("acc", importer.name());
        }
        try {
            return GoJson.compact().writeValueAsString(info);
        } catch (JsonProcessingException e) {
            return "{\"acc\":\"" + importer.name() + "\"}";
        }
    }
}
