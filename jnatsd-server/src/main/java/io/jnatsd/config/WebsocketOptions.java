package io.jnatsd.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code websocket {}} block (alias {@code ws}): a second client listener speaking the NATS
 * protocol inside WebSocket frames, as nats-server 2.10 has it. The listener is on when
 * {@code port} is not 0 ({@code -1}: a random port). {@code tls} is null without a {@code tls {}}
 * block; nats-server then refuses to start unless {@code noTls}.
 *
 * <p>The block's own credentials ({@code authorization { user, password, token, timeout }} and
 * {@code no_auth_user}) override the server's for websocket clients when any of user, token or
 * no_auth_user is set ({@link #authOverride()}); {@code authTimeout} is null when not given.
 * {@code handshakeTimeout} is zero for none (nats-server's default).
 */
public record WebsocketOptions(
        String host,
        int port,
        String advertise,
        boolean noTls,
        TlsOptions tls,
        boolean sameOrigin,
        List<String> allowedOrigins,
        boolean compression,
        Duration handshakeTimeout,
        String jwtCookie,
        String user,
        String password,
        String token,
        Duration authTimeout,
        String noAuthUser) {

    public static final String DEFAULT_HOST = "0.0.0.0";

    public WebsocketOptions {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /**
     * A plain listener on {@code host:port} without TLS ({@code no_tls: true}) and nothing else set,
     * for embedding: {@code builder.options().websocket(WebsocketOptions.plain("127.0.0.1", -1))}.
     */
    public static WebsocketOptions plain(String host, int port) {
        return new WebsocketOptions(host, port, null, true, null, false, List.of(), false, Duration.ZERO, null, null,
                null, null, null, null);
    }

    /** Whether a listener opens: nats-server ignores the block while its port is 0. */
    public boolean enabled() {
        return port != 0;
    }

    /** nats-server's {@code authOverride}: the block's credentials replace the server's for websocket clients. */
    public boolean authOverride() {
        return user != null || token != null || noAuthUser != null;
    }
}
