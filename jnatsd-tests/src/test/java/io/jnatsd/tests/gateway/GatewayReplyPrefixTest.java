package io.jnatsd.tests.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.GatewayOptions;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When a reply crosses a gateway with this server's {@code _GR_.} prefix (GATEWAYS.md §5.3): only
 * when it matches a subscription of the last 2 s, whose interest may not have reached the other
 * cluster yet, as nats-server decides; any other reply crosses as it is. (The 2 s window itself is
 * {@code RecentInterestTest}'s.)
 */
class GatewayReplyPrefixTest {
    private JnatsdServer server;
    private ScriptedGatewayPeer peer;
    private Connection client;

    @BeforeEach
    void start() throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder().serverName("A1");
        builder.options().gateway(new GatewayOptions("A", "127.0.0.1", -1, null, 0, null, null,
                GatewayOptions.DEFAULT_AUTH_TIMEOUT, null, false, List.of()));
        server = builder.start();
        peer = ScriptedGatewayPeer.join(server.server().gateways().listenPort());
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server().gateways().outboundViews().stream()
                .anyMatch(v -> v.gateway().equals("C")));
        client = Nats.connect(server.clientUrl());
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (peer != null) {
            peer.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aReplyIsPrefixedOnlyWhenItMatchesAFreshSubscription() throws Exception {
        client.subscribe("inbox.fresh.*");
        client.flush(Duration.ofSeconds(5));
        client.publish("svc", "inbox.fresh.1", "a".getBytes(StandardCharsets.UTF_8));
        client.publish("svc", "inbox.nobody", "b".getBytes(StandardCharsets.UTF_8));
        client.flush(Duration.ofSeconds(5));

        ScriptedGatewayPeer.Received mapped = peer.next(Duration.ofSeconds(5));
        ScriptedGatewayPeer.Received plain = peer.next(Duration.ofSeconds(5));
        assertThat(mapped).isNotNull();
        assertThat(mapped.reply()).matches("_GR_\\.[0-9A-Za-z]{6}\\.[0-9A-Za-z]{6}\\.inbox\\.fresh\\.1");
        assertThat(plain).isNotNull();
        assertThat(plain.reply()).isEqualTo("inbox.nobody");
    }
}
