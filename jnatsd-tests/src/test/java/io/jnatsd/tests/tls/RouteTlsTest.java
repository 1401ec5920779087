package io.jnatsd.tests.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jnatsd.JnatsdServer;
import io.jnatsd.transport.tls.RouteTls;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Route TLS with verification between in-process servers: a healthy mesh, and peers whose
 * certificate must be refused (another CA, expired, wrong host), which are logged and retried
 * while the healthy routes carry on.
 */
class RouteTlsTest {
    private static final TestPki PKI = TestPki.INSTANCE;
    private final ConfiguredServers servers = new ConfiguredServers();
    private final ListAppender<ILoggingEvent> routeTlsLog = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        routeTlsLog.start();
        ((Logger) LoggerFactory.getLogger(RouteTls.class)).addAppender(routeTlsLog);
    }

    @AfterEach
    void stop() {
        servers.close();
        ((Logger) LoggerFactory.getLogger(RouteTls.class)).detachAppender(routeTlsLog);
    }

    /** A server in cluster T whose route TLS uses {@code cert} and trusts {@code ca}, dialing {@code routePorts}. */
    private JnatsdServer start(String name, String cert, String ca, int... routePorts) throws Exception {
        StringBuilder routes = new StringBuilder();
        for (int port : routePorts) {
            routes.append("    nats-route://127.0.0.1:").append(port).append('\n');
        }
        return servers.start("server_name: " + name + "\ncluster {\n  name: T\n  host: 127.0.0.1\n  port: -1\n"
                + (routePorts.length == 0 ? "" : "  routes: [\n" + routes + "  ]\n")
                + PKI.tlsBlock(cert, ca, "  verify: true") + "}\n");
    }

    private static int clusterPort(JnatsdServer server) {
        return server.server().cluster().listenPort();
    }

    private List<String> handshakeErrors() {
        return routeTlsLog.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("TLS route handshake error")).toList();
    }

    @Test
    void threeServersWithVerifiedRouteTlsFormAMeshAndDeliverAcrossIt() throws Exception {
        JnatsdServer a = start("A", "server", "ca");
        JnatsdServer b = start("B", "server", "ca", clusterPort(a));
        JnatsdServer c = start("C", "server-rsa", "ca", clusterPort(a));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (JnatsdServer s : List.of(a, b, c)) {
                assertThat(s.server().cluster().remoteCount()).as(s.server().serverName()).isEqualTo(2);
            }
        });
        assertDelivery(b, c, "mesh.one");
        assertDelivery(c, a, "mesh.two");
        assertThat(handshakeErrors()).isEmpty();
    }

    @Test
    void thePlainBytesOfARouteWithoutTlsAreRefusedBeforeAnyInfo() throws Exception {
        JnatsdServer a = start("A", "server", "ca");
        try (RawClient raw = new RawClient(clusterPort(a))) {
            raw.send("CONNECT {\"verbose\":false}\r\n");
            assertThat(raw.readLine()).as("nothing in clear, not even INFO").isEmpty();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> handshakeErrors().stream()
                .anyMatch(m -> m.endsWith("TLS route handshake error: tls: first record does not look like a TLS handshake")));
    }

    @Test
    void aPeerWithACertificateFromAnotherCaIsRefusedAndRetriedWhileOtherRoutesCarryOn() throws Exception {
        assertRefusedWhileHealthyRoutesCarryOn("other-server", "other-ca", "x509: certificate signed by unknown authority");
    }

    @Test
    void aPeerWithAnExpiredCertificateIsRefusedAndRetriedWhileOtherRoutesCarryOn() throws Exception {
        assertRefusedWhileHealthyRoutesCarryOn("expired-server", "ca", "NotAfter");
    }

    /** A and B form a healthy route; C, with a bad certificate, dials A again and again. */
    private void assertRefusedWhileHealthyRoutesCarryOn(String badCert, String badCa, String reason) throws Exception {
        JnatsdServer a = start("A", "server", "ca");
        JnatsdServer b = start("B", "server", "ca", clusterPort(a));
        JnatsdServer c = start("C", badCert, badCa, clusterPort(a));
        awaitRetriedRefusals(reason);
        assertThat(a.server().cluster().remoteCount()).isEqualTo(1);
        assertThat(b.server().cluster().remoteCount()).isEqualTo(1);
        assertThat(c.server().cluster().remoteCount()).isZero();
        assertDelivery(a, b, "healthy");
    }

    @Test
    void aPeerWhoseCertificateDoesNotNameItsAddressIsRefusedByTheDialer() throws Exception {
        JnatsdServer wrongHost = start("W", "wrong-host-server", "ca");
        JnatsdServer a = start("A", "server", "ca", clusterPort(wrongHost));
        JnatsdServer b = start("B", "server", "ca", clusterPort(a));
        awaitRetriedRefusals("127.0.0.1");
        assertThat(a.server().cluster().remoteCount()).isEqualTo(1);
        assertThat(wrongHost.server().cluster().remoteCount()).isZero();
        assertDelivery(b, a, "healthy");
    }

    /** At least two failed attempts (each logged by both ends) with the expected reason among them. */
    private void awaitRetriedRefusals(String reason) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<String> errors = handshakeErrors();
            assertThat(errors).hasSizeGreaterThanOrEqualTo(4);
            assertThat(errors).anyMatch(m -> m.contains(reason));
        });
    }

    static void assertDelivery(JnatsdServer subscriberServer, JnatsdServer publisherServer, String subject)
            throws Exception {
        try (Connection subscriber = Nats.connect(subscriberServer.clientUrl());
             Connection publisher = Nats.connect(publisherServer.clientUrl())) {
            Subscription subscription = subscriber.subscribe(subject);
            subscriber.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                publisher.publish(subject, "over tls".getBytes());
                Message message = subscription.nextMessage(Duration.ofMillis(300));
                assertThat(message).as("message on " + subject).isNotNull();
            });
        }
    }
}
