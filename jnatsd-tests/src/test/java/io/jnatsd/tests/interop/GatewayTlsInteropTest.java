package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.gateway.GatewayView;
import io.jnatsd.tests.tls.TestPki;
import io.jnatsd.transport.tls.GatewayTls;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Gateway TLS between jnatsd and nats-server 2.10: jnatsd dials the Go server (TLS client) and the
 * Go server dials back the remote it learned, with the TLS block it inherits (TLS client towards
 * jnatsd's TLS server), so both directions are mutual TLS between the two implementations. A peer
 * whose certificate comes from another CA is refused by both, each with its own words. Skipped
 * without {@code NATS_SERVER_210}.
 */
class GatewayTlsInteropTest {
    private static final TestPki PKI = TestPki.INSTANCE;
    private final List<JnatsdServer> jnatsd = new ArrayList<>();
    private final List<GoServer> go = new ArrayList<>();
    private final ListAppender<ILoggingEvent> tlsLog = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        GoServer.binary("NATS_SERVER_210");
        tlsLog.start();
        ((Logger) LoggerFactory.getLogger(GatewayTls.class)).addAppender(tlsLog);
    }

    @AfterEach
    void stop() throws Exception {
        jnatsd.forEach(JnatsdServer::close);
        for (GoServer server : go) {
            server.close();
        }
        ((Logger) LoggerFactory.getLogger(GatewayTls.class)).detachAppender(tlsLog);
    }

    private GoServer startGo(String cert, String ca, int gatewayPort, String remoteJ) throws Exception {
        String gateway = "gateway {\n  name: G\n  listen: 127.0.0.1:" + gatewayPort + "\n" + PKI.tlsBlock(cert, ca, "")
                + (remoteJ == null ? "" : "  gateways: [ { name: J, url: \"" + remoteJ + "\" } ]\n") + "}\n";
        GoServer server = GoServer.start("NATS_SERVER_210", "G1", "G", List.of(), "", gateway);
        go.add(server);
        return server;
    }

    private JnatsdServer startJnatsd(String cert, String ca, String remoteG) throws Exception {
        Path file = Files.createTempFile("jnatsd-gateway-tls-", ".conf");
        file.toFile().deleteOnExit();
        Files.writeString(file, "server_name: J1\nhost: 127.0.0.1\nport: -1\nhttp_port: -1\ngateway {\n  name: J\n"
                + "  listen: \"127.0.0.1:-1\"\n" + PKI.tlsBlock(cert, ca, "")
                + (remoteG == null ? "" : "  gateways: [ { name: G, url: \"" + remoteG + "\" } ]\n") + "}\n");
        JnatsdServer server = JnatsdServer.start(ConfigLoader.load(file));
        jnatsd.add(server);
        return server;
    }

    private List<String> jnatsdHandshakeErrors() {
        return tlsLog.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("TLS gateway handshake error")).toList();
    }

    @Test
    void jnatsdAndGoGatewaysMeetOverMutualTlsInBothDirections() throws Exception {
        int goGatewayPort = GoServer.freePort();
        GoServer g = startGo("server", "ca", goGatewayPort, null);
        JnatsdServer j = startJnatsd("server-rsa", "ca", "nats://127.0.0.1:" + goGatewayPort);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(j.server().gateways().outboundViews()).extracting(GatewayView::gateway).containsExactly("G");
            assertThat(j.server().gateways().inboundViews()).extracting(GatewayView::gateway).containsExactly("G");
            assertThat(g.monitor("gatewayz").path("outbound_gateways").has("J")).isTrue();
        });
        JsonNode gatewayz = g.monitor("gatewayz");
        assertThat(gatewayz.path("outbound_gateways").path("J").path("connection").path("tls_version").asText())
                .isEqualTo("1.3");
        assertThat(gatewayz.path("inbound_gateways").path("J").get(0).path("connection").path("tls_version").asText())
                .isEqualTo("1.3");
        for (GatewayView view : j.server().gateways().outboundViews()) {
            assertThat(view.tlsVersion()).isEqualTo("1.3");
            assertThat(view.tlsCipherSuite()).isEqualTo(
                    gatewayz.path("inbound_gateways").path("J").get(0).path("connection").path("tls_cipher_suite").asText());
        }
        try (Connection inG = Nats.connect(g.clientUrl()); Connection inJ = Nats.connect(j.clientUrl())) {
            Subscription toG = inG.subscribe("tls.to.go");
            Subscription toJ = inJ.subscribe("tls.to.j");
            inG.flush(Duration.ofSeconds(2));
            inJ.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).until(() -> j.server().gateways().remoteInterest("G", "$G", "tls.to.go"));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                    g.monitor("gatewayz?accs=1&subs=1").path("outbound_gateways").path("J").toString().contains("tls.to.j"));
            for (int i = 0; i < 20; i++) {
                inJ.publish("tls.to.go", ("j" + i).getBytes(StandardCharsets.UTF_8));
                inG.publish("tls.to.j", ("g" + i).getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < 20; i++) {
                Message atG = toG.nextMessage(Duration.ofSeconds(5));
                assertThat(atG).as("message %d at G", i).isNotNull();
                assertThat(new String(atG.getData(), StandardCharsets.UTF_8)).isEqualTo("j" + i);
                Message atJ = toJ.nextMessage(Duration.ofSeconds(5));
                assertThat(atJ).as("message %d at J", i).isNotNull();
                assertThat(new String(atJ.getData(), StandardCharsets.UTF_8)).isEqualTo("g" + i);
            }
        }
        assertThat(g.protocolErrors()).isEmpty();
        assertThat(jnatsdHandshakeErrors()).isEmpty();
        assertVarzGatewayBlocksAlike(j, g);
    }

    /**
     * The /varz gateway block: the same fields, and the same TLS values for the same TLS block
     * ({@code gateways} aside: only jnatsd's server here has a configured remote).
     */
    private static void assertVarzGatewayBlocksAlike(JnatsdServer j, GoServer g) throws Exception {
        JsonNode ours = new ObjectMapper().readTree(URI.create(j.monitorUrl() + "/varz").toURL()).path("gateway");
        JsonNode theirs = g.monitor("varz").path("gateway");
        List<String> ourFields = new ArrayList<>();
        ours.fieldNames().forEachRemaining(ourFields::add);
        List<String> theirFields = new ArrayList<>();
        theirs.fieldNames().forEachRemaining(theirFields::add);
        ourFields.remove("gateways");
        theirFields.remove("gateways");
        assertThat(ourFields).isEqualTo(theirFields);
        for (String field : List.of("tls_timeout", "tls_required", "tls_verify", "auth_timeout")) {
            assertThat(ours.path(field)).as(field).isEqualTo(theirs.path(field));
        }
    }

    @Test
    void certificatesFromAnotherCaAreRefusedByBothImplementationsInEachDirection() throws Exception {
        int goGatewayPort = GoServer.freePort();
        JnatsdServer j = startJnatsd("server", "ca", "nats://127.0.0.1:" + goGatewayPort);
        GoServer g = startGo("other-server", "other-ca", goGatewayPort,
                "nats://" + j.server().gateways().url());
        String unknownAuthority = "TLS gateway handshake error: tls: failed to verify certificate: "
                + "x509: certificate signed by unknown authority";
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            // jnatsd dialing Go: jnatsd rejects Go's certificate, Go hears the alert
            assertThat(jnatsdHandshakeErrors()).anyMatch(m -> m.endsWith(unknownAuthority));
            assertThat(g.log()).contains("TLS gateway handshake error: remote error: tls: unknown certificate");
            // Go dialing jnatsd: Go rejects jnatsd's certificate, jnatsd hears the alert
            assertThat(g.log()).contains(unknownAuthority);
            assertThat(jnatsdHandshakeErrors()).anyMatch(m -> m.endsWith("TLS gateway handshake error: remote error: "
                    + "tls: bad certificate"));
        });
        assertThat(g.log()).contains("Gateway connection closed: TLS Handshake Failure");
        assertThat(j.server().gateways().outboundViews()).isEmpty();
        assertThat(j.server().gateways().inboundViews()).isEmpty();
        assertThat(g.monitor("gatewayz").path("outbound_gateways").size()).isZero();
    }
}
