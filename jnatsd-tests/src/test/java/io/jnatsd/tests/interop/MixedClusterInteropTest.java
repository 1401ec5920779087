package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ClusterOptions;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jnatsd in a cluster with a real nats-server 2.10 (pooled routes, pinned $SYS) and 2.9
 * (one classic route): messages, request/reply, queue groups and interest removal in both
 * directions, and the Go server logs no errors about us.
 */
class MixedClusterInteropTest {

    private static JnatsdServer jnatsd(String name, int seedPort) throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder().serverName(name);
        builder.options().cluster(ClusterOptions.listen("127.0.0.1", 0).withName("MIX")
                .withRoutes(seedPort == 0 ? List.of() : List.of(URI.create("nats-route://127.0.0.1:" + seedPort))));
        return builder.start();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NATS_SERVER_210", "NATS_SERVER_29"})
    void jnatsdJoinsAGoSeedAndMessagesFlowBothWays(String variable) throws Exception {
        try (GoServer go = GoServer.start(variable, "go1", "MIX", List.of(), "");
             JnatsdServer java = jnatsd("java1", go.clusterPort)) {
            awaitMesh(java, 1);
            exchange(java.clientUrl(), go.clientUrl());
            assertThat(go.protocolErrors()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"NATS_SERVER_210", "NATS_SERVER_29"})
    void aGoServerJoinsAJnatsdSeedAndMessagesFlowBothWays(String variable) throws Exception {
        try (JnatsdServer java = jnatsd("java1", 0);
             GoServer go = GoServer.start(variable, "go1", "MIX", List.of(java.server().cluster().listenPort()), "")) {
            awaitMesh(java, 1);
            exchange(java.clientUrl(), go.clientUrl());
            assertThat(go.protocolErrors()).isEmpty();
        }
    }

    private static void awaitMesh(JnatsdServer java, int remotes) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> java.server().cluster().remoteCount() == remotes);
    }

    /** Subscriptions on one side receive publishes from the other, in both directions. */
    private static void exchange(String javaUrl, String goUrl) throws Exception {
        try (Connection onJava = Nats.connect(javaUrl); Connection onGo = Nats.connect(goUrl)) {
            deliver(onJava, onGo, "to.java");
            deliver(onGo, onJava, "to.go");
            onGo.createDispatcher(m -> onGo.publish(m.getReplyTo(), "pong".getBytes())).subscribe("svc.go");
            onJava.createDispatcher(m -> onJava.publish(m.getReplyTo(), "pong".getBytes())).subscribe("svc.java");
            onGo.flush(Duration.ofSeconds(2));
            onJava.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() -> {
                assertThat(new String(onJava.request("svc.go", new byte[0], Duration.ofMillis(500)).getData()))
                        .isEqualTo("pong");
                assertThat(new String(onGo.request("svc.java", new byte[0], Duration.ofMillis(500)).getData()))
                        .isEqualTo("pong");
            });
        }
    }

    private static void deliver(Connection subscriber, Connection publisher, String subject) throws Exception {
        Subscription sub = subscriber.subscribe(subject);
        subscriber.flush(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            publisher.publish(subject, "hi".getBytes());
            Message m = sub.nextMessage(Duration.ofMillis(200));
            assertThat(m).isNotNull();
        });
        sub.unsubscribe();
    }
}
