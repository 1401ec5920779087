package io.jnatsd.monitor;

import io.jnatsd.config.WebsocketOptions;
import io.jnatsd.server.NatsServer;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code websocket} object of {@code /varz}: nats-server 2.10's WebsocketOptsVarz, every field
 * omitted when empty, with the bound port; empty without a listener.
 */
final class WebsocketVarz {
    private WebsocketVarz() {
    }

    static Object block(NatsServer server) {
        WebsocketOptions ws = server.options().websocket();
        if (ws == null || !ws.enabled()) {
            return Map.of();
        }
        Duration authTimeout = ws.authTimeout() == null ? Duration.ZERO : ws.authTimeout();
        return new GoObject()
                .omitEmpty("host", ws.host())
                .omitEmpty("port", server.websocketPort())
                .omitEmpty("advertise", ws.advertise())
                .omitEmpty("no_auth_user", ws.noAuthUser())
                .omitEmpty("jwt_cookie", ws.jwtCookie())
                .omitEmpty("handshake_timeout", ws.handshakeTimeout().toNanos())
                .omitEmpty("auth_timeout", GoFormats.seconds(authTimeout))
                .omitEmpty("no_tls", ws.noTls())
                .omitEmpty("tls_map", ws.tls() != null && ws.tls().verifyAndMap())
                .omitEmpty("same_origin", ws.sameOrigin())
                .omitEmpty("allowed_origins", ws.allowedOrigins())
                .omitEmpty("compression", ws.compression());
    }
}
