package io.jnatsd.server;

import io.jnatsd.auth.Authenticator;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.config.AuthorizationOptions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.TlsOptions;
import io.jnatsd.config.WebsocketOptions;
import io.jnatsd.transport.ServerStartException;
import io.jnatsd.transport.websocket.UpgradeTarget;
import io.jnatsd.transport.websocket.WebsocketListener;
import io.jnatsd.transport.websocket.WebsocketSession;
import io.netty.channel.EventLoopGroup;
import java.util.List;

/**
 * The server's websocket clients: the listener of the {@code websocket {}} block, and what makes
 * an upgraded connection an ordinary {@link ClientConnection} (same accounts, limits, registry and
 * monitoring) seen through {@link WebsocketClientEnvironment}, which applies the block's own
 * settings as nats-server 2.10 does:
 * <ul>
 *   <li>the block's credentials ({@code authorization {}} user/password or token, {@code no_auth_user})
 *       replace the server's when any is set, with the server's users still known; not in operator
 *       mode, where a user JWT is needed anyway;</li>
 *   <li>its {@code authorization { timeout }} replaces the auth timeout;</li>
 *   <li>the INFO names the websocket listener's host, port and TLS, and says {@code auth_required}
 *       when the block overrides credentials;</li>
 *   <li>users are checked with connection type {@code WEBSOCKET}.</li>
 * </ul>
 * What derives from the options is rebuilt when a reload swaps them.
 */
final class WebsocketClients implements UpgradeTarget {
    private final NatsServer server;
    private WebsocketListener listener;
    private volatile List<String> connectUrls;
    private volatile Derived derived;

    /** What the running options make of websocket clients; {@code authenticator} null means the server's. */
    record Derived(ServerOptions base, boolean baseAuthRequired, ServerOptions clientOptions, Authenticator authenticator,
                   boolean authRequired, ClientInfo info) {
    }

    private WebsocketClients(NatsServer server) {
        this.server = server;
    }

    static WebsocketClients start(NatsServer server, EventLoopGroup loops) {
        WebsocketClients clients = new WebsocketClients(server);
        ServerOptions options = server.options();
        if (options.websocket().tls() == null && !options.websocket().noTls()) {
            // also for the embedding API, which skips the launcher's start-up checks
            throw new ServerStartException("websocket requires TLS configuration", null);
        }
        int maxMessageBytes = (int) Math.min(Integer.MAX_VALUE, Math.max(options.maxPending(), options.maxPayload()));
        clients.listener = WebsocketListener.start(loops, options.websocket(), clients, maxMessageBytes);
        return clients;
    }

    @Override
    public Client accept(WebsocketSession session) {
        ClientConnection client = new ClientConnection(new WebsocketClientEnvironment(server, this, session.cookieJwt()),
                true);
        return new Client(client, client::closeReason);
    }

    void startAccepting() {
        listener.startAccepting();
    }

    /** This listener's URLs for clients ({@code host:port}), as route peers learn them. */
    List<String> connectUrls() {
        List<String> urls = connectUrls;
        if (urls == null) {
            WebsocketOptions ws = server.options().websocket();
            urls = ClientUrls.of(ws.advertise(), ws.host(), listener.port());
            connectUrls = urls;
        }
        return urls;
    }

    /** Leaf nodes come in through this listener when the {@code leafnodes {}} block listens too. */
    @Override
    public Client acceptLeaf(WebsocketSession session) {
        io.jnatsd.leaf.LeafNodes leafNodes = server.leafNodes();
        return leafNodes != null && leafNodes.acceptsWebsocket() ? leafNodes.acceptWebsocket() : null;
    }

    int port() {
        return listener.port();
    }

    void stopAccepting() {
        listener.close();
    }

    Derived current() {
        ServerOptions options = server.options();
        boolean baseAuthRequired = server.authRequired();
        Derived now = derived;
        if (now == null || now.base() != options || now.baseAuthRequired() != baseAuthRequired) {
            now = derive(options, baseAuthRequired);
            derived = now;
        }
        return now;
    }

    private Derived derive(ServerOptions options, boolean baseAuthRequired) {
        WebsocketOptions ws = options.websocket();
        AuthorizationOptions auth = options.authorization();
        boolean operatorMode = options.operator() != null && options.operator().trustsOperators();
        Authenticator authenticator = null;
        if (!operatorMode && (ws.authOverride() || mapsDifferently(options.tls(), ws.tls()))) {
            AuthorizationOptions credentials = ws.authOverride()
                    ? new AuthorizationOptions(ws.user(), ws.password(), ws.token(), auth.users(), auth.timeout(),
                            auth.defaultPermissions())
                    : auth;
            authenticator = new Authenticator(options.toBuilder().authorization(credentials)
                    .noAuthUser(ws.authOverride() ? ws.noAuthUser() : options.noAuthUser()).tls(ws.tls()).build());
        }
        ServerOptions clientOptions = options;
        if (ws.authTimeout() != null && !ws.authTimeout().isZero()) {
            clientOptions = options.toBuilder().authorization(new AuthorizationOptions(auth.user(), auth.password(),
                    auth.token(), auth.users(), ws.authTimeout(), auth.defaultPermissions())).build();
        }
        boolean authRequired = baseAuthRequired || ws.authOverride();
        ServerOptions infoOptions = options.toBuilder().tls(ws.tls()).allowNonTls(false).build();
        ClientInfo info = new ClientInfo(server.serverId(), server.xkey(), infoOptions, authRequired, ws.host(), listener.port(),
                ws.tls() != null);
        return new Derived(options, baseAuthRequired, clientOptions, authenticator, authRequired, info);
    }

    /** nats-server maps websocket users from the websocket block's certificates, whatever the client port does. */
    private static boolean mapsDifferently(TlsOptions server, TlsOptions websocket) {
        return (server != null && server.verifyAndMap()) != (websocket != null && websocket.verifyAndMap());
    }
}
