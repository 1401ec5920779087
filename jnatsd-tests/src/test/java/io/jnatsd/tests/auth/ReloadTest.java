package io.jnatsd.tests.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloading the configuration changes users and permissions without disturbing allowed clients. */
class ReloadTest {
    @TempDir
    Path dir;

    private static final String BEFORE = """
            host: 127.0.0.1
            port: -1
            authorization {
              users: [ {user: alice, password: a} ]
            }
            """;
    private static final String AFTER = """
            host: 127.0.0.1
            port: -1
            authorization {
              users: [
                {user: alice, password: a, permissions: {publish: {deny: ["secret.>"]}}}
                {user: bob, password: "$2a$10$.7884AVjqdxMLJ2zNwQJT.D3jT.LnHxMsGYbU3fbfMhsEa/c5HRni"}
              ]
            }
            """;

    @Test
    void reloadReplacesTheMappingsOfTheGlobalAccount() throws Exception {
        Path conf = dir.resolve("mappings.conf");
        Files.writeString(conf, "host: 127.0.0.1\nport: -1\nmappings { from: before }\n");
        try (JnatsdServer server = JnatsdServer.start(ConfigLoader.load(conf));
             Connection client = Nats.connect(server.clientUrl())) {
            Subscription everything = client.subscribe(">");
            client.flush(Duration.ofSeconds(2));
            client.publish("from", new byte[0]);
            assertThat(everything.nextMessage(Duration.ofSeconds(2)).getSubject()).isEqualTo("before");

            Files.writeString(conf, "host: 127.0.0.1\nport: -1\nmappings { from: after }\n");
            assertThat(server.server().reload(ConfigLoader.load(conf))).isEmpty();
            client.publish("from", new byte[0]);
            assertThat(everything.nextMessage(Duration.ofSeconds(2)).getSubject()).isEqualTo("after");
        }
    }

    @Test
    void reloadAddsAUserAndRevokesAPermissionWhileAnotherClientKeepsItsSubscription() throws Exception {
        Path conf = dir.resolve("server.conf");
        Files.writeString(conf, BEFORE);
        try (JnatsdServer server = JnatsdServer.start(ConfigLoader.load(conf))) {
            List<String> errors = new CopyOnWriteArrayList<>();
            Options aliceOptions = new Options.Builder().server(server.clientUrl()).userInfo("alice", "a")
                    .errorListener(new ErrorListener() {
                        @Override
                        public void errorOccurred(Connection conn, String error) {
                            errors.add(error);
                        }
                    }).build();
            try (Connection alice = Nats.connect(aliceOptions)) {
                Subscription sub = alice.subscribe("news.>");
                alice.flush(Duration.ofSeconds(2));
                assertThatThrownBy(() -> Nats.connect(new Options.Builder().server(server.clientUrl())
                        .userInfo("bob", "secret").maxReconnects(0).build())).isInstanceOf(Exception.class);

                Files.writeString(conf, AFTER);
                assertThat(server.server().reload(ConfigLoader.load(conf))).isEmpty();

                try (Connection bob = Nats.connect(new Options.Builder().server(server.clientUrl())
                        .userInfo("bob", "secret").build())) {
                    bob.publish("news.today", "hello".getBytes());
                    assertThat(sub.nextMessage(Duration.ofSeconds(2))).isNotNull();
                }
                alice.publish("secret.plans", new byte[0]);
                await().atMost(Duration.ofSeconds(3)).until(() -> errors.stream()
                        .anyMatch(e -> e.contains("Permissions Violation for Publish to") && e.contains("secret.plans")));
                assertThat(alice.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            }
        }
    }

    @Test
    void optionsThatCannotBeReloadedAreRefusedAndTheOldConfigurationStays() throws Exception {
        Path conf = dir.resolve("server.conf");
        Files.writeString(conf, BEFORE);
        try (JnatsdServer server = JnatsdServer.start(ConfigLoader.load(conf))) {
            Files.writeString(conf, BEFORE.replace("127.0.0.1", "0.0.0.0"));
            assertThat(server.server().reload(ConfigLoader.load(conf))).isNotEmpty();
            assertThat(server.server().options().host()).isEqualTo("127.0.0.1");
        }
    }
}
