package io.jnatsd.tests.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.JnatsdSupercluster;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Lame duck and gateways, as nats-server 2.10.27 behaves (checked by hand: a Go server in lame
 * duck with a client still connected keeps its gateway listener, answering new gateway
 * connections with its INFO, and keeps its gateway connections until it shuts down).
 */
class GatewayLameDuckTest {

    @Test
    void aLameDuckServerKeepsItsGatewaysAndStillAcceptsGatewayConnections() throws Exception {
        try (JnatsdSupercluster regions = JnatsdSupercluster.builder().clusters("east", "west")
                .configure((member, builder) -> builder.options()
                        .lameDuckGracePeriod(Duration.ofSeconds(30)).lameDuckDuration(Duration.ofSeconds(30)))
                .start();
             Connection staying = Nats.connect(new Options.Builder().server(regions.cluster(0).member(0).clientUrl())
                     .noReconnect().build());
             Connection west = Nats.connect(regions.cluster(1).member(0).clientUrl())) {
            JnatsdServer east = regions.cluster(0).member(0);
            Subscription inEast = staying.subscribe("ldm.to.east");
            staying.flush(Duration.ofSeconds(2));

            east.enterLameDuckMode();
            assertThat(east.server().lameDuck()).isTrue();

            assertThat(firstLine(east.server().gateways().listenPort())).startsWith("INFO {").contains("\"gateway\":\"east\"");
            assertThat(regions.gatewaysMeshed()).as("no gateway closed by lame duck").isTrue();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                west.publish("ldm.to.east", "still reached".getBytes(StandardCharsets.UTF_8));
                return inEast.nextMessage(Duration.ofMillis(100)) != null;
            });
        }
    }

    private static String firstLine(int port) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b >= 0 && b != '\n' && line.length() < 4096; b = in.read()) {
                line.append((char) b);
            }
            return line.toString();
        }
    }
}
