package io.jnatsd.tests.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jnatsd.JnatsdServer;
import io.jnatsd.tests.tls.TestPki;
import io.jnatsd.transport.tls.LeafTls;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * Leaf connections with verified TLS and S2 compression between jnatsd servers (LEAFNODES.md
 * §3.4, §11): the hub asks for client certificates and compresses at {@code s2_best}, the leaf at
 * {@code s2_fast}; messages, requests and a burst cross without loss. A leaf without a certificate,
 * and a leaf that does not trust the hub, are refused with nats-server's log lines.
 */
class LeafNodeSecurityTest {
    private static final TestPki PKI = TestPki.INSTANCE;
    private final List<JnatsdServer> servers = new ArrayList<>();
    private final ListAppender<ILoggingEvent> tlsLog = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        tlsLog.start();
        ((Logger) LoggerFactory.getLogger(LeafTls.class)).addAppender(tlsLog);
    }

    @AfterEach
    void stop() {
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).close();
        }
        ((Logger) LoggerFactory.getLogger(LeafTls.class)).detachAppender(tlsLog);
    }

    private JnatsdServer start(String config) throws InterruptedException {
        JnatsdServer server = JnatsdServer.builder().configString(config).start();
        servers.add(server);
        return server;
    }

    private JnatsdServer hub() throws InterruptedException {
        return hub(true, "s2_best");
    }

    private JnatsdServer hub(boolean tls, String compression) throws InterruptedException {
        return start("server_name: HUB\naccounts { A { users: [ {user: a, password: a} ] } }\n"
                + "leafnodes {\n  host: 127.0.0.1\n  port: -1\n  compression: " + compression + "\n"
                + "  authorization { users: [ {user: la, password: la, account: A} ] }\n"
                + (tls ? PKI.tlsBlock("server", "ca", "  verify: true") : "") + "}\n");
    }

    private JnatsdServer leaf(String name, JnatsdServer hub, String remoteExtra) throws InterruptedException {
        return start("server_name: " + name + "\nleafnodes { remotes: [ { url: \"nats://la:la@127.0.0.1:"
                + hub.server().leafNodes().listenPort() + "\"\n" + remoteExtra + "\n } ] }\n");
    }

    private List<String> handshakeErrors() {
        return tlsLog.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("TLS leafnode handshake error")).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitInterest(JnatsdServer server, String account, String subject) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() ->
                !server.server().account(account).subscriptions().match(subject).isEmpty());
    }

    /** {@code s2_*}: an s2_auto writer, whose level depends on how busy the machine is. */
    private static void assertMode(JnatsdServer server, String expected) {
        List<String> modes = server.server().leafNodes().compressionModes();
        if (expected.equals("s2_*")) {
            assertThat(modes).singleElement().asString().startsWith("s2_");
        } else {
            assertThat(modes).containsExactly(expected);
        }
    }

    @ParameterizedTest(name = "tls={0} hub={1} leaf={2}")
    @CsvSource({"true, s2_best, s2_fast, s2_best, s2_fast", "false, s2_better, s2_auto, s2_better, s2_*",
            "true, off, s2_auto, off, off", "false, accept, s2_best, s2_best, s2_best"})
    void aVerifiedCompressedLeafCarriesMessagesRequestsAndABurstWithoutLoss(boolean tls, String hubMode, String leafMode,
            String hubWrites, String leafWrites) throws Exception {
        JnatsdServer hub = hub(tls, hubMode);
        JnatsdServer leaf = leaf("L1", hub, "compression: " + leafMode + "\n" + (tls ? PKI.tlsBlock("server", "ca", "") : ""));
        await().atMost(Duration.ofSeconds(15)).until(() -> hub.server().leafNodes().connectionCount() == 1
                && leaf.server().leafNodes().connectionCount() == 1);
        assertMode(hub, hubWrites);
        assertMode(leaf, leafWrites);
        try (Connection onHub = Nats.connect(new Options.Builder().server(hub.clientUrl()).userInfo("a", "a").build());
             Connection onLeaf = Nats.connect(leaf.clientUrl())) {
            Subscription up = onHub.subscribe("up.>");
            Subscription down = onLeaf.subscribe("down.*");
            onHub.flush(Duration.ofSeconds(2));
            onLeaf.flush(Duration.ofSeconds(2));
            awaitInterest(leaf, "$G", "up.burst");
            awaitInterest(hub, "A", "down.burst");
            int burst = 5_000;
            byte[] payload = bytes("x".repeat(100));
            for (int i = 0; i < burst; i++) {
                onLeaf.publish("up.burst", payload);
            }
            for (int i = 0; i < burst; i++) {
                assertThat(up.nextMessage(Duration.ofSeconds(10))).as("message %d up", i).isNotNull();
            }
            for (int i = 0; i < burst; i++) {
                onHub.publish("down.burst", payload);
            }
            for (int i = 0; i < burst; i++) {
                assertThat(down.nextMessage(Duration.ofSeconds(10))).as("message %d down", i).isNotNull();
            }
            assertThat(up.nextMessage(Duration.ofMillis(100))).isNull();
            onLeaf.createDispatcher(m -> onLeaf.publish(m.getReplyTo(), bytes("L:" + new String(m.getData(),
                    StandardCharsets.UTF_8)))).subscribe("svc.leaf");
            onLeaf.flush(Duration.ofSeconds(2));
            awaitInterest(hub, "A", "svc.leaf");
            Message reply = onHub.request("svc.leaf", bytes("q"), Duration.ofSeconds(5));
            assertThat(reply).isNotNull();
            assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("L:q");
        }
        assertThat(handshakeErrors()).isEmpty();
    }

    @Test
    void varzShowsTheVerifyingTlsOfTheLeafPortAsNatsServerDoes() throws Exception {
        JnatsdServer hub = JnatsdServer.builder().configString("server_name: HUB\nleafnodes {\n  host: 127.0.0.1\n"
                + "  port: -1\n" + PKI.tlsBlock("server", "ca", "  verify: true\n  timeout: 3") + "}\n")
                .monitorPort(-1).start();
        servers.add(hub);
        String varz = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub.monitorUrl() + "/varz"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        JsonNode leaf = new ObjectMapper().readTree(varz).path("leaf");
        assertThat(leaf.path("tls_required").asBoolean()).isTrue();
        assertThat(leaf.path("tls_verify").asBoolean()).isTrue();
        assertThat(leaf.path("tls_timeout").asDouble()).isEqualTo(3.0);
    }

    @Test
    void aLeafWithoutACertificateIsRefusedByAVerifyingHub() throws Exception {
        JnatsdServer hub = hub();
        JnatsdServer leaf = leaf("L2", hub, "tls { ca_file: \"" + PKI.cert("ca") + "\", timeout: 10 }");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(handshakeErrors())
                .anyMatch(m -> m.endsWith("TLS leafnode handshake error: tls: client didn't provide a certificate")));
        assertThat(hub.server().leafNodes().connectionCount()).isZero();
        assertThat(leaf.server().leafNodes().connectionCount()).isZero();
    }

    @Test
    void aLeafWithoutTlsSettingsStartsTlsForTheHubAndRefusesACertificateItCannotVerify() throws Exception {
        JnatsdServer hub = hub();
        JnatsdServer leaf = leaf("L3", hub, "");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(handshakeErrors()).anyMatch(m -> m.endsWith(
                "TLS leafnode handshake error: tls: failed to verify certificate: x509: certificate signed by unknown authority")));
        assertThat(hub.server().leafNodes().connectionCount()).isZero();
        assertThat(leaf.server().leafNodes().connectionCount()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"true, true", "\"auto\", true", "\"auto\", false"})
    void tlsCanStartBeforeTheInfoAndAHubWithAFallbackAlsoServesALeafThatWaitsForIt(String hubMode, boolean leafFirst)
            throws Exception {
        // nats-server 2.10.27's leaf port reads a fallback as TLS first only (a leaf that waits fails
        // the handshake); newer nats-server and jnatsd send such a leaf the INFO in clear after the delay
        JnatsdServer hub = start("server_name: HUBF\nleafnodes {\n  host: 127.0.0.1\n  port: -1\n"
                + PKI.tlsBlock("server", "ca", "  handshake_first: " + hubMode) + "}\n");
        JnatsdServer leaf = start("server_name: LF\nleafnodes { remotes: [ { url: \"nats://127.0.0.1:"
                + hub.server().leafNodes().listenPort() + "\"\n" + PKI.tlsBlock("server", "ca", "  handshake_first: " + leafFirst)
                + " } ] }\n");
        await().atMost(Duration.ofSeconds(15)).until(() -> hub.server().leafNodes().connectionCount() == 1
                && leaf.server().leafNodes().connectionCount() == 1);
        try (Connection onHub = Nats.connect(hub.clientUrl()); Connection onLeaf = Nats.connect(leaf.clientUrl())) {
            Subscription sub = onHub.subscribe("first.>");
            onHub.flush(Duration.ofSeconds(2));
            awaitInterest(leaf, "$G", "first.x");
            onLeaf.publish("first.x", bytes("tls first"));
            assertThat(sub.nextMessage(Duration.ofSeconds(5))).isNotNull();
        }
        assertThat(handshakeErrors()).isEmpty();
    }
}
