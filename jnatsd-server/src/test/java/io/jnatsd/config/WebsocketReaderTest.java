package io.jnatsd.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code websocket {}} block with nats-server 2.10.27's verdicts: {@code -t} texts from the
 * reader, start-up texts from {@link WebsocketChecks} (each checked against the real server).
 */
class WebsocketReaderTest {
    @TempDir
    Path dir;

    private Path write(String text) {
        try {
            return Files.writeString(dir.resolve("test.conf"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String error(String text) {
        ConfigCheck.Result result = ConfigCheck.check(write(text), Map.of());
        assertThat(result.valid()).as(text).isFalse();
        return result.errors().get(0).substring(dir.resolve("test.conf").toString().length() + 1);
    }

    private List<String> startupProblems(String text) {
        return StartupChecks.problems(ConfigLoader.load(write(text), Map.of()));
    }

    @Test
    void every_option_of_the_block_is_read_with_nats_servers_aliases() {
        WebsocketOptions ws = ConfigLoader.load(write("""
                ws {
                  listen: "127.0.0.1:8443"
                  advertise: "ws.example:443"
                  no_tls: true
                  same_origin: true
                  origins: ["http://a.example", "https://b.example:8443"]
                  handshake_timeout: "3s"
                  compress: true
                  jwt_cookie: my_jwt
                  no_auth_user: bob
                  authentication { username: u, pass: p, timeout: 2.5 }
                }
                """), Map.of()).websocket();
        assertThat(ws).isEqualTo(new WebsocketOptions("127.0.0.1", 8443, "ws.example:443", true, null, true,
                List.of("http://a.example", "https://b.example:8443"), true, Duration.ofSeconds(3), "my_jwt", "u", "p",
                null, Duration.ofMillis(2500), "bob"));
        assertThat(ws.authOverride()).isTrue();
    }

    @Test
    void defaults_follow_nats_server() {
        WebsocketOptions ws = ConfigLoader.load(write("websocket { port: 8080, no_tls: true, handshake_timeout: 2 }"),
                Map.of()).websocket();
        assertThat(ws.host()).isEqualTo("0.0.0.0");
        assertThat(ws.handshakeTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(ws.compression()).isFalse();
        assertThat(ws.authOverride()).isFalse();
        assertThat(ConfigLoader.load(write("websocket { authorization { token: t, timeout: \"x\" } }"), Map.of())
                .websocket().authTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void the_check_refuses_what_nats_server_refuses_with_its_texts() {
        assertThat(error("websocket: 5")).isEqualTo("1:0: Expected websocket to be a map, got int64");
        assertThat(error("websocket { port: 1, no_tls: true, username: a }")).endsWith("unknown field \"username\"");
        assertThat(error("websocket { port: 1, no_tls: true, token: a }")).endsWith("unknown field \"token\"");
        assertThat(error("websocket { port: 1, authorization { users: [] } }")).endsWith("unknown field \"users\"");
        assertThat(error("websocket { port: 1, headers: {a: b} }")).endsWith("unknown field \"headers\"");
        assertThat(error("websocket { handshake_timeout: \"2x\" }")).endsWith("time: unknown unit \"x\" in duration \"2x\"");
        assertThat(error("websocket { handshake_timeout: true }"))
                .endsWith("error parsing handshake timeout: unsupported type bool");
        assertThat(error("websocket { no_tls: \"yes\" }")).endsWith("interface conversion: interface {} is string, not bool");
    }

    @Test
    void start_up_refuses_what_nats_server_refuses_with_its_texts() {
        assertThat(startupProblems("websocket { port: -1 }")).containsExactly("websocket requires TLS configuration");
        assertThat(startupProblems("websocket { port: 0 }")).isEmpty();
        assertThat(startupProblems("websocket { port: -1, no_tls: true, jwt_cookie: x }")).containsExactly(
                "trusted operators or trusted keys configuration is required for JWT authentication via cookie \"x\"");
        assertThat(startupProblems("websocket { port: -1, no_tls: true, no_auth_user: x }"))
                .containsExactly("no_auth_user: \"x\" present, but users/nkeys are not defined");
        assertThat(startupProblems("authorization { users: [{user: a, password: b}] }\n"
                + "websocket { port: -1, no_tls: true, authorization { user: x, password: y } }"))
                .containsExactly("websocket authentication username not compatible with presence of users/nkeys");
        assertThat(startupProblems("authorization { users: [{user: a, password: b}] }\n"
                + "websocket { port: -1, no_tls: true, authorization { token: t } }"))
                .containsExactly("websocket authentication token not compatible with presence of users/nkeys");
        assertThat(startupProblems("websocket { port: -1, no_tls: true, allowed_origins: [\"http://a b\"] }"))
                .containsExactly("unable to parse allowed origin: parse \"http://a b\": invalid character \" \" in host name");
        assertThat(startupProblems("websocket { port: -1, no_tls: true, allowed_origins: [\"nourl\"] }")).isEmpty();
        assertThat(startupProblems("authorization { users: [{user: a, password: b}] }\n"
                + "websocket { port: -1, no_tls: true, no_auth_user: a }")).isEmpty();
    }

    @Test
    void a_changed_block_is_not_reloaded() {
        ServerOptions before = ConfigLoader.load(write("websocket { port: 8080, no_tls: true }"), Map.of());
        ServerOptions after = ConfigLoader.load(write("websocket { port: 8080, no_tls: true, compression: true }"), Map.of());
        assertThat(ReloadPlan.between(before, after).refused()).containsExactly("websocket");
    }
}
