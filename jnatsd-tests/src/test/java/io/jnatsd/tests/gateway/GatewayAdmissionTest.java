package io.jnatsd.tests.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.GatewayOptions;
import io.jnatsd.tests.protocol.RawClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may open a gateway connection (GATEWAYS.md §3.5), against a server {@code E} with gateway
 * credentials and {@code reject_unknown_cluster}: the -ERR texts nats-server 2.10.27 sends, and
 * servers presenting good and bad credentials through their remote URL.
 */
class GatewayAdmissionTest {
    private static final String GOOD = "{\"echo\":false,\"verbose\":false,\"pedantic\":false,\"user\":\"gw\",\"pass\":\"pw\","
            + "\"tls_required\":false,\"headers\":false,\"name\":\"NFAKE\",\"cluster\":\"\",\"gateway\":\"%s\"}";
    private static final List<JnatsdServer> SERVERS = new ArrayList<>();
    private static JnatsdServer e;

    @BeforeAll
    static void start() throws Exception {
        e = start("E", "gw", "pw", true, List.of(remote("B", "nats://127.0.0.1:1"), remote("D", "nats://127.0.0.1:1")));
    }

    private static GatewayOptions.RemoteGateway remote(String name, String url) {
        return new GatewayOptions.RemoteGateway(name, List.of(URI.create(url)), null);
    }

    private static JnatsdServer start(String name, String user, String password, boolean rejectUnknown,
                                      List<GatewayOptions.RemoteGateway> remotes) throws InterruptedException {
        JnatsdServer.Builder builder = JnatsdServer.builder().serverName(name + "1");
        builder.options().gateway(new GatewayOptions(name, "127.0.0.1", -1, null, 0, user, password,
                Duration.ofSeconds(1), null, rejectUnknown, remotes));
        JnatsdServer server = builder.start();
        SERVERS.add(server);
        return server;
    }

    @AfterAll
    static void stop() {
        SERVERS.forEach(JnatsdServer::close);
    }

    private static int gatewayPort() {
        return e.server().gateways().listenPort();
    }

    private static RawClient open() throws Exception {
        RawClient raw = RawClient.open(gatewayPort());
        assertThat(raw.readLine()).startsWith("INFO {").contains("\"gateway\":\"E\"").contains("\"gateway_iom\":true")
                .contains("\"auth_required\":true").endsWith("}");
        return raw;
    }

    @Test
    void aClientConnectIsRefusedAsAnAuthorizationViolation() throws Exception {
        try (RawClient raw = open()) {
            raw.send("CONNECT {\"verbose\":false,\"lang\":\"python\",\"user\":\"gw\",\"pass\":\"pw\"}\r\n");
            raw.expectLine("-ERR 'Authorization Violation'");
            assertThat(raw.isClosedWithin(Duration.ofSeconds(2))).isTrue();
        }
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        try (RawClient raw = open()) {
            raw.send("CONNECT " + String.format(GOOD, "B").replace("\"pw\"", "\"nope\"") + "\r\n");
            raw.expectLine("-ERR 'Authorization Violation'");
            assertThat(raw.isClosedWithin(Duration.ofSeconds(2))).isTrue();
        }
    }

    @Test
    void anUnknownClusterIsRejected() throws Exception {
        try (RawClient raw = open()) {
            raw.send("CONNECT " + String.format(GOOD, "Q") + "\r\n");
            raw.expectLine("-ERR 'Connection to gateway \"E\" rejected'");
            assertThat(raw.isClosedWithin(Duration.ofSeconds(2))).isTrue();
        }
    }

    @Test
    void aSilentPeerTimesOut() throws Exception {
        try (RawClient raw = open()) {
            assertThat(raw.readLine(Duration.ofSeconds(3))).isEqualTo("-ERR 'Authentication Timeout'");
            assertThat(raw.isClosedWithin(Duration.ofSeconds(2))).isTrue();
        }
    }

    @Test
    void interestOnAnInboundConnectionIsAProtocolViolation() throws Exception {
        try (RawClient raw = open()) {
            raw.send("CONNECT " + String.format(GOOD, "B") + "\r\n"
                    + "INFO {\"server_id\":\"NFAKE\",\"server_name\":\"fake\",\"gateway\":\"B\",\"gateway_urls\":[],"
                    + "\"gateway_iom\":true,\"gateway_nrp\":true,\"headers\":true}\r\n");
            assertThat(raw.readLine()).contains("\"gateway_cmd\":2");
            raw.send("RS+ $G foo\r\n");
            assertThat(raw.isClosedWithin(Duration.ofSeconds(3))).isTrue();
        }
    }

    @Test
    void aServerWithTheRightCredentialsInItsUrlJoinsAndOneWithWrongOnesDoesNot() throws Exception {
        String port = String.valueOf(gatewayPort());
        JnatsdServer good = start("D", null, null, false, List.of(remote("E", "nats://gw:pw@127.0.0.1:" + port)));
        JnatsdServer bad = start("B", null, null, false, List.of(remote("E", "nats://gw:wrong@127.0.0.1:" + port)));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                TestSupercluster.outboundTo(good).contains("E") && TestSupercluster.outboundTo(e).contains("D"));
        assertThat(e.server().gateways().inboundViews()).as("inbound of E").noneMatch(view -> "B".equals(view.gateway()));
    }
}
