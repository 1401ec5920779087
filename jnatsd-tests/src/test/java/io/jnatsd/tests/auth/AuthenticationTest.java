package io.jnatsd.tests.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real jnats clients against users with plain and bcrypt passwords, and against token auth. */
class AuthenticationTest {
    /** bcrypt (cost 10) of "secret". */
    private static final String BCRYPT_SECRET = "$2a$10$.7884AVjqdxMLJ2zNwQJT.D3jT.LnHxMsGYbU3fbfMhsEa/c5HRni";

    @TempDir
    Path dir;

    private JnatsdServer start(String config) throws Exception {
        Path file = dir.resolve("auth.conf");
        Files.writeString(file, "host: 127.0.0.1\nport: -1\n" + config);
        return JnatsdServer.start(ConfigLoader.load(file));
    }

    private static Options.Builder options(JnatsdServer server) {
        return new Options.Builder().server(server.clientUrl()).connectionTimeout(Duration.ofSeconds(10))
                .maxReconnects(0);
    }

    @Test
    void usersWithPlainAndBcryptPasswordsAreAcceptedAndWrongPasswordsRefused() throws Exception {
        try (JnatsdServer server = start("authorization { users: [ {user: plain, password: pw}, "
                + "{user: hashed, password: \"" + BCRYPT_SECRET + "\"} ] }\n")) {
            try (Connection plain = Nats.connect(options(server).userInfo("plain", "pw").build());
                 Connection hashed = Nats.connect(options(server).userInfo("hashed", "secret").build())) {
                assertThat(plain.getStatus()).isEqualTo(Connection.Status.CONNECTED);
                assertThat(hashed.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            }
            assertThatThrownBy(() -> Nats.connect(options(server).userInfo("plain", "nope").build()))
                    .hasMessageContaining("Authorization Violation");
            assertThatThrownBy(() -> Nats.connect(options(server).userInfo("hashed", BCRYPT_SECRET).build()))
                    .hasMessageContaining("Authorization Violation");
            assertThatThrownBy(() -> Nats.connect(options(server).build()))
                    .hasMessageContaining("Authorization Violation");
        }
    }

    @Test
    void aTokenIsRequiredAndChecked() throws Exception {
        try (JnatsdServer server = start("authorization { token: \"s3cr3t\" }\n")) {
            try (Connection ok = Nats.connect(options(server).token("s3cr3t".toCharArray()).build())) {
                assertThat(ok.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            }
            assertThatThrownBy(() -> Nats.connect(options(server).token("wrong".toCharArray()).build()))
                    .hasMessageContaining("Authorization Violation");
        }
    }

    @Test
    void aBcryptTokenIsCheckedAgainstThePlainOne() throws Exception {
        try (JnatsdServer server = start("authorization { token: \"" + BCRYPT_SECRET + "\" }\n")) {
            try (Connection ok = Nats.connect(options(server).token("secret".toCharArray()).build())) {
                assertThat(ok.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            }
        }
    }
}
