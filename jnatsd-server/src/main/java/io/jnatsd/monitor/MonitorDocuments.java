package io.jnatsd.monitor;

import io.jnatsd.server.NatsServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The monitoring documents as values, for those that answer outside HTTP: the system account's
 * {@code $SYS.REQ.SERVER.PING.*} requests carry the same JSON as {@code /varz}, {@code /connz},
 * ... in their {@code data} field. Options are given as the HTTP query would give them, so both
 * paths decode them with the same rules and 400 texts.
 *
 * <p>The returned values are opaque: serialise them with {@link io.jnatsd.protocol.GoJson}.
 */
public final class MonitorDocuments {
    private final NatsServer server;
    private final ProcessUsage usage = new ProcessUsage();
    final RequestCounts requestCounts = new RequestCounts();
    final VarzEndpoint varz;
    final ConnzEndpoint connz;
    final RoutezEndpoint routez;
    final SubszEndpoint subsz;
    final HealthzEndpoint healthz;
    final GatewayzEndpoint gatewayz;
    final LeafzEndpoint leafz;
    private final StatszDocument statsz;
    private final AccountzEndpoint accountz;
    private final AccstatzEndpoint accstatz;

    /** @param monitorPort the bound HTTP port, 0 when monitoring is off */
    public MonitorDocuments(NatsServer server, IntSupplier monitorPort) {
        this.server = server;
        this.varz = new VarzEndpoint(server, monitorPort, requestCounts, usage);
        this.connz = new ConnzEndpoint(server);
        this.routez = new RoutezEndpoint(server);
        this.subsz = new SubszEndpoint(server);
        this.healthz = new HealthzEndpoint(server);
        this.gatewayz = new GatewayzEndpoint(server);
        this.leafz = new LeafzEndpoint(server);
        this.statsz = new StatszDocument(server, usage);
        this.accountz = new AccountzEndpoint(server);
        this.accstatz = new AccstatzEndpoint(server);
    }

    public Object varz() {
        return varz.document();
    }

    public Object connz(Map<String, String> query) throws BadRequestException {
        return connz.document(parameters(query));
    }

    public Object routez(Map<String, String> query) throws BadRequestException {
        return routez.document(parameters(query));
    }

    public Object gatewayz(Map<String, String> query) throws BadRequestException {
        return gatewayz.document(parameters(query));
    }

    public Object leafz(Map<String, String> query) throws BadRequestException {
        return leafz.document(parameters(query));
    }

    /** Always the whole document, with {@code server_id}, {@code now} and paging, as {@code $SYS} replies carry it. */
    public Object subsz(Map<String, String> query) throws BadRequestException {
        return subsz.document(parameters(query), true);
    }

    /** The health status with its {@code status_code}, as the {@code $SYS} reply carries it. */
    public Object healthz() {
        if (healthz.healthy()) {
            return new GoObject().put("status", "ok").put("status_code", 200);
        }
        return new GoObject().put("status", "unavailable").put("status_code", 503)
                .put("error", "server is shutting down");
    }

    /** An account's {@code /accountz} detail ({@code $SYS.REQ.ACCOUNT.<id>.INFO}); null for an unknown account. */
    public Object accountInfo(String account) {
        return accountz.detail(account);
    }

    /**
     * {@code /accstatz} for these accounts (empty: all), or null when none is to be shown, as
     * nats-server then stays silent on {@code $SYS.REQ.ACCOUNT.<id>.STATZ} and {@code PING.STATZ}.
     */
    public Object accountStatz(java.util.List<String> accounts, boolean includeUnused) {
        return accstatz.statz(accounts, includeUnused).isEmpty() ? null : accstatz.document(accounts, includeUnused);
    }

    /**
     * The server statistics of a {@code $SYS.REQ.SERVER.PING} reply.
     *
     * @param activeServers this server and the others it hears on the system account
     */
    public Object statsz(int activeServers) {
        return statsz.document(activeServers);
    }

    ProcessUsage usage() {
        return usage;
    }

    NatsServer server() {
        return server;
    }

    private static QueryParameters parameters(Map<String, String> query) {
        Map<String, List<String>> values = new HashMap<>();
        query.forEach((name, value) -> values.put(name, List.of(value)));
        return new QueryParameters(values);
    }
}
