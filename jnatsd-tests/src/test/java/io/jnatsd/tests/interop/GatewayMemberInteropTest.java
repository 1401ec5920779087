package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.GatewayOptions;
import io.jnatsd.gateway.GatewayView;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A jnatsd server inside a nats-server 2.10 cluster {@code G} that gateways to another Go cluster
 * {@code H}. The jnatsd member names no remote: it learns {@code H} from its Go peer's route gossip
 * ({@code gateway_cmd:1}, GATEWAYS.md §2.3), and the Go peer advertises the member's gateway URL
 * from its route INFO. Skipped without {@code NATS_SERVER_210}.
 */
class GatewayMemberInteropTest {
    private static GoServer h1;
    private static GoServer g1;
    private static JnatsdServer j1;

    @BeforeAll
    static void form() throws Exception {
        GoServer.binary("NATS_SERVER_210");
        int hGateway = GoServer.freePort();
        h1 = GoServer.start("NATS_SERVER_210", "H1", "H", List.of(), "",
                "gateway {\n  name: H\n  listen: 127.0.0.1:" + hGateway + "\n}\n");
        g1 = GoServer.start("NATS_SERVER_210", "G1", "G", List.of(), "",
                "gateway {\n  name: G\n  listen: 127.0.0.1:" + GoServer.freePort() + "\n"
                        + "  gateways: [ { name: H, url: \"nats://127.0.0.1:" + hGateway + "\" } ]\n}\n");
        JnatsdServer.Builder builder = JnatsdServer.builder().serverName("J1");
        builder.options()
                .cluster(ClusterOptions.listen("127.0.0.1", 0).withName("G")
                        .withRoutes(List.of(URI.create("nats-route://127.0.0.1:" + g1.clusterPort))))
                .gateway(new GatewayOptions("G", "127.0.0.1", -1, null, 0, null, null,
                        GatewayOptions.DEFAULT_AUTH_TIMEOUT, null, false, List.of()));
        j1 = builder.start();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(j1.server().gateways().outboundViews()).extracting(GatewayView::gateway)
                        .containsExactly("H"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (j1 != null) {
            j1.close();
        }
        for (GoServer server : new GoServer[] {g1, h1}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void theJnatsdMemberAdvertisesItsGoPeersGatewayUrlAsPartOfItsCluster() {
        // learned from the gateway_url of G1's route INFO (GATEWAYS.md §2.3)
        assertThat(j1.server().gateways().clusterUrls()).hasSize(2).contains(j1.server().gateways().url());
    }

    @Test
    void messagesAndRequestsCrossBetweenTheJnatsdMemberAndTheOtherGoCluster() throws Exception {
        try (Connection onJ = Nats.connect(j1.clientUrl());
             Connection onH = Nats.connect(h1.clientUrl())) {
            Subscription inJ = onJ.subscribe("member.to.j");
            Subscription inH = onH.subscribe("member.to.h");
            Dispatcher service = onH.createDispatcher(m -> onH.publish(m.getReplyTo(), m.getData()));
            service.subscribe("member.svc");
            onJ.flush(Duration.ofSeconds(2));
            onH.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    j1.server().gateways().remoteInterest("H", "$G", "member.svc")
                            && j1.server().gateways().remoteInterest("H", "$G", "member.to.h"));
            for (int i = 0; i < 20; i++) {
                onJ.publish("member.to.h", ("j" + i).getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < 20; i++) {
                Message message = inH.nextMessage(Duration.ofSeconds(5));
                assertThat(message).as("message %d in H", i).isNotNull();
                assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("j" + i);
            }
            Message reply = onJ.request("member.svc", "ping".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
            assertThat(reply).isNotNull();
            assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("ping");
            // H learns J1's interest through G1, which counts what J1 announced over the route
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                onH.publish("member.to.j", "h".getBytes(StandardCharsets.UTF_8));
                assertThat(inJ.nextMessage(Duration.ofMillis(200))).isNotNull();
            });
        }
        for (GoServer server : new GoServer[] {g1, h1}) {
            assertThat(server.protocolErrors()).as("errors in %s's log", server.name).isEmpty();
        }
    }
}
