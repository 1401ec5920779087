package io.jnatsd.sys;

import io.jnatsd.monitor.BadRequestException;
import io.jnatsd.monitor.MonitorDocuments;
import io.jnatsd.server.NatsServer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The requests every server answers in the system account: {@code $SYS.REQ.SERVER.PING} (and
 * {@code PING.STATSZ}) with the server's statistics, as {@code nats server list} uses them, and
 * {@code $SYS.REQ.SERVER.PING.<ENDPOINT>} / {@code $SYS.REQ.SERVER.<id>.<ENDPOINT>} with the
 * monitoring document of that endpoint in {@code data}. Replies are compact JSON.
 *
 * <p>A statistics request without a reply subject is answered as nats-server 2.10 does: with a
 * heartbeat on this server's {@code $SYS.SERVER.<id>.STATSZ}, at once or, within the
 * heartbeat's rate limit, when the limit ends. A request whose filter does not select this server gets no reply. A body that is not valid
 * options is answered with error code 400; options the endpoint rejects with code 500 and
 * {@code "data": null}, as nats-server does.
 */
final class ServerRequests {
    private static final String PREFIX = "$SYS.REQ.SERVER.";
    private static final String PING = PREFIX + "PING";

    private final NatsServer server;
    private final MonitorDocuments documents;
    private final SystemClient client;
    private final ServerInfoHeader header;
    private final MonitorReplies replies;
    private final RemoteServers remotes;
    private final ServerPresence presence;

    ServerRequests(NatsServer server, MonitorDocuments documents, SystemClient client, ServerInfoHeader header,
                   RemoteServers remotes, ServerPresence presence) {
        this.server = server;
        this.remotes = remotes;
        this.presence = presence;
        this.documents = documents;
        this.client = client;
        this.header = header;
        this.replies = new MonitorReplies(client, header);
    }

    /** Subscribes to the ping subjects and to this server's own ones. */
    void subscribe() {
        client.subscribe(PING, this::statsz);
        for (String target : new String[] {"PING", server.serverId()}) {
            String prefix = PREFIX + target + ".";
            client.subscribe(prefix + "STATSZ", this::statsz);
            client.subscribe(prefix + "IDZ", this::idz);
            client.subscribe(prefix + "VARZ", request -> data(request, options -> documents.varz()));
            client.subscribe(prefix + "CONNZ", request -> data(request, options -> documents.connz(options.connzQuery())));
            client.subscribe(prefix + "ROUTEZ",
                    request -> data(request, options -> documents.routez(options.routezQuery())));
            client.subscribe(prefix + "SUBSZ", request -> data(request, options -> documents.subsz(options.subszQuery())));
            client.subscribe(prefix + "HEALTHZ", request -> data(request, options -> documents.healthz()));
            client.subscribe(prefix + "GATEWAYZ",
                    request -> data(request, options -> documents.gatewayz(options.gatewayzQuery())));
            client.subscribe(prefix + "LEAFZ",
                    request -> data(request, options -> documents.leafz(options.leafzQuery())));
        }
    }

    private void statsz(SystemRequest request) {
        RequestOptions options = replies.options(request);
        if (options == null || !selects(options)) {
            return;
        }
        if (request.reply() == null) {
            presence.broadcastStatsz();
        } else {
            Map<String, Object> reply = replies.reply();
            reply.put("statsz", documents.statsz(remotes.activeServers()));
            replies.answer(request, reply);
        }
    }

    /** {@code IDZ}: who this server is, without the usual envelope. */
    private void idz(SystemRequest request) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("name", server.serverName());
        identity.put("host", server.options().host());
        identity.put("id", server.serverId());
        replies.answer(request, identity);
    }

    private void data(SystemRequest request, Document document) {
        RequestOptions options = replies.options(request);
        if (options == null || !selects(options)) {
            return;
        }
        replies.data(request, () -> document.build(options));
    }

    private boolean selects(RequestOptions options) {
        return options.selects(server.serverName(), header.clusterName(), server.options().host(),
                server.options().serverTags());
    }

    /** Builds the {@code data} of a reply from the request's options. */
    @FunctionalInterface
    private interface Document {
        Object build(RequestOptions options) throws BadRequestException, RequestOptions.InvalidOptionsException;
    }
}
