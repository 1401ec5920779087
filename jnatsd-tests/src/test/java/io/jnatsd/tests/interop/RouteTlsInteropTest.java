package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.tests.tls.TestPki;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jnatsd and a real nats-server in one cluster with verified route TLS (same CA, certificates
 * with IP:127.0.0.1 for server and client auth): routes form in both dial directions, messages and
 * queue groups flow both ways, and the Go server logs no error. 2.10 throughout, 2.9 as a seed;
 * each case is skipped when its NATS_SERVER_* variable is unset.
 */
class RouteTlsInteropTest {
    private static final String GO = "NATS_SERVER_210";
    private static final TestPki PKI = TestPki.INSTANCE;
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    private String routeTls() {
        return PKI.tlsBlock("server", "ca", "  verify: true");
    }

    private GoServer go(String name, List<Integer> routePorts) throws Exception {
        return go(GO, name, routePorts);
    }

    private GoServer go(String variable, String name, List<Integer> routePorts) throws Exception {
        GoServer server = GoServer.start(variable, name, "TLSMIX", routePorts, routeTls());
        started.add(server);
        return server;
    }

    private JnatsdServer jnatsd(String name, int... routePorts) throws Exception {
        StringBuilder routes = new StringBuilder();
        for (int port : routePorts) {
            routes.append("nats-route://127.0.0.1:").append(port).append(' ');
        }
        Path file = Files.createTempFile("jnatsd-interop-tls-", ".conf");
        file.toFile().deleteOnExit();
        Files.writeString(file, "server_name: " + name + "\nhost: 127.0.0.1\nport: -1\ncluster {\n  name: TLSMIX\n"
                + "  host: 127.0.0.1\n  port: -1\n" + (routePorts.length == 0 ? "" : "  routes: [ " + routes + "]\n")
                + routeTls() + "}\n");
        JnatsdServer server = JnatsdServer.start(ConfigLoader.load(file));
        started.add(server);
        return server;
    }

    @Test
    void aGoServerAndJnatsdServersFormAVerifiedTlsMeshDialingEachOther() throws Exception {
        GoServer.binary(GO);
        JnatsdServer seed = jnatsd("java1");
        GoServer go = go("go1", List.of(seed.server().cluster().listenPort()));
        JnatsdServer late = jnatsd("java2", seed.server().cluster().listenPort());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(seed.server().cluster().remoteCount()).isEqualTo(2);
            assertThat(late.server().cluster().remoteCount()).as("java2 meets go1 through gossip").isEqualTo(2);
        });
        exchange(late.clientUrl(), go.clientUrl());
        exchange(seed.clientUrl(), go.clientUrl());
        assertThat(go.protocolErrors()).isEmpty();
        assertThat(go.log()).contains("TLS handshake complete");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NATS_SERVER_210", "NATS_SERVER_29"})
    void jnatsdDialsAGoSeedOverVerifiedTls(String variable) throws Exception {
        GoServer go = go(variable, "go1", List.of());
        JnatsdServer java = jnatsd("java1", go.clusterPort);
        await().atMost(Duration.ofSeconds(20)).until(() -> java.server().cluster().remoteCount() == 1);
        exchange(java.clientUrl(), go.clientUrl());
        assertThat(go.protocolErrors()).isEmpty();
    }

    /**
     * Everything a production route has, at once, with nats-server 2.10 on the other side: TLS
     * with verification, route authorization with a bcrypt password, S2 compression in
     * {@code s2_auto} on both sides, and import/export permissions; each side dials the other.
     */
    @Test
    void tlsAuthorizationCompressionAndPermissionsTogetherWithNatsServer210() throws Exception {
        GoServer.binary(GO);
        String secured = routeTls()
                + "  compression: s2_auto\n"
                + "  authorization { user: ruser, password: \"" + BCRYPT_RPASS + "\", timeout: 5 }\n"
                + "  permissions { import: { allow: [\"tls.>\", \"_INBOX.>\"] }, export: { allow: [\"tls.>\", \"_INBOX.>\"] } }\n";
        Path file = Files.createTempFile("jnatsd-interop-secured-", ".conf");
        file.toFile().deleteOnExit();
        Files.writeString(file, "server_name: java1\nhost: 127.0.0.1\nport: -1\ncluster {\n  name: TLSMIX\n"
                + "  host: 127.0.0.1\n  port: -1\n" + secured + "}\n");
        JnatsdServer java = JnatsdServer.start(ConfigLoader.load(file));
        started.add(java);
        GoServer go = GoServer.start(GO, "go1", "TLSMIX", List.of(), secured
                + "  routes: [ nats-route://ruser:rpass@127.0.0.1:" + java.server().cluster().listenPort() + " ]\n");
        started.add(go);
        await().atMost(Duration.ofSeconds(20)).until(() -> java.server().cluster().routes().size() == 4);
        assertThat(java.server().cluster().routes())
                .allSatisfy(route -> assertThat(route.compressionMode()).startsWith("s2_"));
        exchange(java.clientUrl(), go.clientUrl());
        assertThat(go.protocolErrors()).isEmpty();
        assertThat(go.log()).contains("TLS handshake complete");

        // A server with the wrong route password gets no route, and the secured pair is undisturbed.
        Path wrong = Files.createTempFile("jnatsd-interop-wrong-", ".conf");
        wrong.toFile().deleteOnExit();
        Files.writeString(wrong, "server_name: intruder\nhost: 127.0.0.1\nport: -1\ncluster {\n  name: TLSMIX\n"
                + "  host: 127.0.0.1\n  port: -1\n" + routeTls() + "  compression: s2_auto\n"
                + "  routes: [ nats-route://ruser:wrong@127.0.0.1:" + go.clusterPort + " ]\n}\n");
        JnatsdServer intruder = JnatsdServer.start(ConfigLoader.load(wrong));
        started.add(intruder);
        await().atMost(Duration.ofSeconds(10)).until(() -> go.log().contains("Authentication Failure"));
        assertThat(intruder.server().cluster().remoteCount()).isZero();
        exchange(java.clientUrl(), go.clientUrl());
    }

    private static final String BCRYPT_RPASS = "$2a$10$9d/Wx0BZEJ.W86lDecKQX.Sj8sJ.TlT0pCEe0TSIBu4zDLWhG2uQO";

    /** Plain subscriptions and queue groups across the TLS route, in both directions. */
    private static void exchange(String javaUrl, String goUrl) throws Exception {
        try (Connection onJava = Nats.connect(javaUrl); Connection onGo = Nats.connect(goUrl)) {
            deliver(onJava, onGo, "tls.to.java");
            deliver(onGo, onJava, "tls.to.go");
            queueGroup(onJava, onGo, "tls.work.java");
            queueGroup(onGo, onJava, "tls.work.go");
        }
    }

    private static void deliver(Connection subscriber, Connection publisher, String subject) throws Exception {
        Subscription subscription = subscriber.subscribe(subject);
        subscriber.flush(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            publisher.publish(subject, "hi".getBytes());
            Message message = subscription.nextMessage(Duration.ofMillis(300));
            assertThat(message).isNotNull();
        });
        subscription.unsubscribe();
    }

    /** Two queue members on one side; every message from the other side reaches exactly one of them. */
    private static void queueGroup(Connection members, Connection publisher, String subject) throws Exception {
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        var dispatcher = members.createDispatcher(m -> {
            received.computeIfAbsent(new String(m.getData(), StandardCharsets.UTF_8), k -> new AtomicInteger())
                    .incrementAndGet();
        });
        dispatcher.subscribe(subject, "workers");
        dispatcher.subscribe(subject, "workers");
        members.flush(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            publisher.publish(subject, "probe".getBytes());
            publisher.flush(Duration.ofSeconds(1));
            assertThat(received).containsKey("probe");
        });
        int count = 50;
        for (int i = 0; i < count; i++) {
            publisher.publish(subject, ("job-" + i).getBytes());
        }
        publisher.flush(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> countJobs(received) == count);
        assertThat(received.entrySet()).filteredOn(e -> e.getKey().startsWith("job-"))
                .allSatisfy(e -> assertThat(e.getValue().get()).as(e.getKey()).isEqualTo(1));
        members.closeDispatcher(dispatcher);
    }

    private static int countJobs(Map<String, AtomicInteger> received) {
        return (int) received.keySet().stream().filter(k -> k.startsWith("job-")).count();
    }
}
