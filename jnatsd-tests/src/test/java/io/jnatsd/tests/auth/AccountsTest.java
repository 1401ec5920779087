package io.jnatsd.tests.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accounts from a configuration file: isolation, a service import across accounts, a stream import. */
class AccountsTest {
    @TempDir
    static Path dir;
    static JnatsdServer server;

    @BeforeAll
    static void start() throws Exception {
        Path conf = dir.resolve("accounts.conf");
        Files.writeString(conf, """
                host: 127.0.0.1
                port: -1
                accounts {
                  SVC: {
                    users: [ {user: svc, password: svc} ]
                    exports: [ {service: "time.now"}, {stream: "events.>"} ]
                  }
                  APP: {
                    users: [ {user: app, password: app} ]
                    imports: [
                      {service: {account: SVC, subject: "time.now"}, to: "clock"}
                      {stream: {account: SVC, subject: "events.>"}}
                    ]
                  }
                  OTHER: { users: [ {user: other, password: other} ] }
                }
                """);
        server = JnatsdServer.start(ConfigLoader.load(conf).toBuilder().port(-1).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Connection connect(String user) throws Exception {
        return Nats.connect(new Options.Builder().server(server.clientUrl()).userInfo(user, user).build());
    }

    @Test
    void messagesNeverCrossAccountsWithoutAnImport() throws Exception {
        try (Connection app = connect("app"); Connection other = connect("other")) {
            Subscription sub = other.subscribe("private.>");
            other.flush(Duration.ofSeconds(2));
            app.publish("private.x", "secret".getBytes());
            app.flush(Duration.ofSeconds(2));
            assertThat(sub.nextMessage(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void aServiceImportAnswersARequestAcrossAccounts() throws Exception {
        try (Connection svc = connect("svc"); Connection app = connect("app")) {
            svc.createDispatcher(m -> svc.publish(m.getReplyTo(), "noon".getBytes())).subscribe("time.now");
            svc.flush(Duration.ofSeconds(2));
            Message reply = app.request("clock", new byte[0], Duration.ofSeconds(3));
            assertThat(new String(reply.getData())).isEqualTo("noon");
        }
    }

    @Test
    void aStreamImportDeliversTheExportersMessages() throws Exception {
        try (Connection svc = connect("svc"); Connection app = connect("app")) {
            Subscription sub = app.subscribe("events.>");
            app.flush(Duration.ofSeconds(2));
            svc.publish("events.started", "go".getBytes());
            Message m = sub.nextMessage(Duration.ofSeconds(2));
            assertThat(m).isNotNull();
            assertThat(m.getSubject()).isEqualTo("events.started");
        }
    }
}
