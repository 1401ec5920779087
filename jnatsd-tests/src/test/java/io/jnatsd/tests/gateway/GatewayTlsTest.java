package io.jnatsd.tests.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jnatsd.JnatsdServer;
import io.jnatsd.JnatsdSupercluster;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.config.TlsOptions;
import io.jnatsd.gateway.GatewayView;
import io.jnatsd.tests.tls.TestPki;
import io.jnatsd.transport.tls.GatewayTls;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
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
 * Gateway TLS between in-process servers: a supercluster whose every gateway connection,
 * configured or learned, is mutual TLS; and peers that must be refused (another CA, plain TCP),
 * logged with nats-server's texts on both sides and never registered.
 */
class GatewayTlsTest {
    private static final TestPki PKI = TestPki.INSTANCE;
    private final ListAppender<ILoggingEvent> tlsLog = new ListAppender<>();
    private final List<JnatsdServer> servers = new ArrayList<>();

    @BeforeEach
    void captureLog() {
        tlsLog.start();
        ((Logger) LoggerFactory.getLogger(GatewayTls.class)).addAppender(tlsLog);
    }

    @AfterEach
    void stop() {
        servers.forEach(JnatsdServer::close);
        ((Logger) LoggerFactory.getLogger(GatewayTls.class)).detachAppender(tlsLog);
    }

    private List<String> handshakeErrors() {
        return tlsLog.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("TLS gateway handshake error")).toList();
    }

    private static TlsOptions tls(String cert, String ca) {
        return new TlsOptions(PKI.cert(cert).toString(), PKI.key(cert).toString(), PKI.cert(ca).toString(), true,
                false, false, Duration.ofSeconds(10), List.of(), List.of(), false, null);
    }

    @Test
    void threeClustersMeshOverMutualTlsAndCarryMessagesAndRequestsEveryWay() throws Exception {
        try (JnatsdSupercluster regions = JnatsdSupercluster.builder()
                .clusters("A", "B", "C")
                .clusterSize(2)
                .gatewayTls(tls("server", "ca"))
                .readyTimeout(Duration.ofSeconds(30))
                .start();
             Connection a = Nats.connect(regions.cluster("A").member(1).clientUrl());
             Connection b = Nats.connect(regions.cluster("B").member(0).clientUrl());
             Connection c = Nats.connect(regions.cluster("C").member(1).clientUrl())) {
            for (String cluster : regions.names()) {
                for (JnatsdServer member : regions.cluster(cluster).members()) {
                    List<GatewayView> views = new ArrayList<>(member.server().gateways().outboundViews());
                    views.addAll(member.server().gateways().inboundViews());
                    assertThat(views).as(member.server().serverName()).isNotEmpty()
                            .allSatisfy(v -> assertThat(v.tlsVersion()).isIn("1.2", "1.3"))
                            .allSatisfy(v -> assertThat(v.tlsCipherSuite()).startsWith("TLS_"));
                }
            }
            Subscription inB = b.subscribe("tls.fanout");
            Subscription inC = c.subscribe("tls.fanout");
            b.flush(Duration.ofSeconds(2));
            c.flush(Duration.ofSeconds(2));
            a.createDispatcher(m -> a.publish(m.getReplyTo(), m.getData())).subscribe("tls.echo");
            a.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                    c.request("tls.echo", "ping".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(500)) != null
                            && b.request("tls.echo", "ping".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(500)) != null);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    regions.cluster("A").member(1).server().gateways().remoteInterest("B", "$G", "tls.fanout")
                            && regions.cluster("A").member(1).server().gateways().remoteInterest("C", "$G", "tls.fanout"));
            for (int i = 0; i < 20; i++) {
                a.publish("tls.fanout", ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < 20; i++) {
                for (Subscription in : List.of(inB, inC)) {
                    Message message = in.nextMessage(Duration.ofSeconds(5));
                    assertThat(message).as("message %d", i).isNotNull();
                    assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("m" + i);
                }
            }
            Message reply = c.request("tls.echo", "across".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
            assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("across");
        }
        assertThat(handshakeErrors()).isEmpty();
    }

    /** A gateway-only server of cluster {@code name} with this TLS block, dialing {@code seeds} ("B:port"). */
    private JnatsdServer start(String name, String tlsBlock, String... seeds) throws Exception {
        StringBuilder remotes = new StringBuilder();
        for (String seed : seeds) {
            String[] parts = seed.split(":");
            remotes.append("    { name: ").append(parts[0]).append(", url: \"nats://127.0.0.1:").append(parts[1])
                    .append("\" }\n");
        }
        Path file = Files.createTempFile("jnatsd-gateway-tls-", ".conf");
        file.toFile().deleteOnExit();
        Files.writeString(file, "server_name: " + name + "1\nhost: 127.0.0.1\nport: -1\ngateway {\n  name: " + name
                + "\n  listen: \"127.0.0.1:-1\"\n" + tlsBlock
                + (seeds.length == 0 ? "" : "  gateways: [\n" + remotes + "  ]\n") + "}\n");
        JnatsdServer server = JnatsdServer.start(ConfigLoader.load(file));
        servers.add(server);
        return server;
    }

    private static int gatewayPort(JnatsdServer server) {
        return server.server().gateways().listenPort();
    }

    @Test
    void aGatewayWhoseCertificateComesFromAnotherCaIsRefusedOnBothSidesAndLogged() throws Exception {
        JnatsdServer e = start("E", PKI.tlsBlock("server", "ca", ""));
        JnatsdServer f = start("F", PKI.tlsBlock("other-server", "other-ca", ""), "E:" + gatewayPort(e));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(handshakeErrors())
                .anyMatch(m -> m.endsWith("TLS gateway handshake error: "
                        + "tls: failed to verify certificate: x509: certificate signed by unknown authority")));
        assertThat(f.server().gateways().outboundViews()).isEmpty();
        assertThat(e.server().gateways().inboundViews()).isEmpty();
        assertThat(handshakeErrors()).allMatch(m -> m.matches("127\\.0\\.0\\.1:\\d+ - gid:\\d+ - TLS gateway handshake error: .+"));
    }

    /** The plain solicitor waits for an INFO that never comes in clear; the acceptor's handshake times out. */
    @Test
    void aGatewayThatDialsWithoutTlsIsRefusedBeforeAnyInfo() throws Exception {
        JnatsdServer e = start("E", PKI.tlsBlock("server", "ca", "  timeout: 1"));
        JnatsdServer plain = start("P", "", "E:" + gatewayPort(e));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(handshakeErrors())
                .anyMatch(m -> m.matches(".* - gid:\\d+ - TLS gateway handshake error: read tcp 127\\.0\\.0\\.1:"
                        + gatewayPort(e) + "->127\\.0\\.0\\.1:\\d+: i/o timeout")));
        assertThat(plain.server().gateways().outboundViews()).isEmpty();
        assertThat(e.server().gateways().inboundViews()).isEmpty();
    }

    @Test
    void aRemoteWithItsOwnTlsBlockIsDialedWithItAndTheRestWithTheGatewayBlock() throws Exception {
        JnatsdServer e = start("E", PKI.tlsBlock("server", "ca", ""));
        String ownBlock = PKI.tlsBlock("server-rsa", "ca", "").replace("\n", "\n  ");
        Path file = Files.createTempFile("jnatsd-gateway-tls-", ".conf");
        file.toFile().deleteOnExit();
        Files.writeString(file, "server_name: G1\nhost: 127.0.0.1\nport: -1\ngateway {\n  name: G\n"
                + "  listen: \"127.0.0.1:-1\"\n" + PKI.tlsBlock("other-server", "other-ca", "")
                + "  gateways: [ { name: E, url: \"nats://127.0.0.1:" + gatewayPort(e) + "\", " + ownBlock + "} ]\n}\n");
        JnatsdServer g = JnatsdServer.start(ConfigLoader.load(file));
        servers.add(g);
        // G reaches E with the remote's own (trusted) block; E's dial-back meets G's untrusted certificate.
        await().atMost(Duration.ofSeconds(15)).until(() -> TestSupercluster.outboundTo(g).contains("E"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(handshakeErrors()).isNotEmpty());
        assertThat(TestSupercluster.outboundTo(e)).doesNotContain("G");
    }
}
