package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.JnatsdServer;
import io.jnatsd.auth.jwt.JwtEncoder;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.config.ConfigLoader;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-account {@code $SYS.REQ.ACCOUNT.<id>.*} requests answered in the shape nats-server
 * 2.10.27 answers them (the same fields in the envelope and in {@code data}), {@code JSZ} with the
 * same error, and {@code STATZ} silent for an account without connections on both servers. Each
 * server stands alone with the same operator and account, and one user of the account connected.
 */
class AccountRequestsInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NKeyPair OPERATOR = NKeyPair.generate(NKeyType.OPERATOR);
    private static final NKeyPair SYSTEM = NKeyPair.generate(NKeyType.ACCOUNT);

    @TempDir
    Path dir;

    @BeforeAll
    static void warmUp() {
        Nats.staticCredentials(null, NKeyPair.generate(NKeyType.USER).seed().toCharArray()).sign(new byte[1]);
    }

    private static String account(NKeyPair account, String name) {
        return JwtEncoder.encode(JwtEncoder.claims(account.publicKey(), name, "account"), OPERATOR);
    }

    private String operatorConfig(String name, NKeyPair... accounts) throws Exception {
        Path jwts = Files.createDirectories(dir.resolve(name));
        Files.writeString(jwts.resolve(SYSTEM.publicKey() + ".jwt"), account(SYSTEM, "SYS"));
        for (NKeyPair account : accounts) {
            Files.writeString(jwts.resolve(account.publicKey() + ".jwt"), account(account, "APP"));
        }
        return "operator: " + JwtEncoder.encode(JwtEncoder.claims(OPERATOR.publicKey(), "OP", "operator"), OPERATOR)
                + "\nsystem_account: " + SYSTEM.publicKey() + "\nresolver: { type: full, dir: \""
                + jwts.toString().replace("\\", "/") + "\" }\n";
    }

    private Connection connect(String url, NKeyPair account) throws Exception {
        NKeyPair user = NKeyPair.generate(NKeyType.USER);
        Path file = Files.createTempFile(dir, "user-", ".creds");
        Files.writeString(file, "-----BEGIN NATS USER JWT-----\n"
                + JwtEncoder.encode(JwtEncoder.claims(user.publicKey(), "u", "user"), account)
                + "\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n" + user.seed()
                + "\n------END USER NKEY SEED------\n");
        return Nats.connect(new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(5)).maxReconnects(0)
                .authHandler(Nats.credentials(file.toString())).build());
    }

    private static JsonNode request(Connection system, String subject) throws Exception {
        Message reply = system.request(subject, new byte[0], Duration.ofSeconds(3));
        return reply == null ? null : JSON.readTree(reply.getData());
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node != null) {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    @Test
    void accountRequestsAnswerInNatsServersShape() throws Exception {
        NKeyPair app = NKeyPair.generate(NKeyType.ACCOUNT);
        NKeyPair idle = NKeyPair.generate(NKeyType.ACCOUNT);
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "AR", List.of(), "", operatorConfig("go", app, idle))) {
            Path conf = dir.resolve("jnatsd.conf");
            Files.writeString(conf, "host: 127.0.0.1\nport: -1\n" + operatorConfig("jnatsd", app, idle));
            try (JnatsdServer jnatsd = JnatsdServer.start(ConfigLoader.load(conf));
                 Connection goUser = connect(go.clientUrl(), app);
                 Connection jnatsdUser = connect(jnatsd.clientUrl(), app);
                 Connection goSystem = connect(go.clientUrl(), SYSTEM);
                 Connection jnatsdSystem = connect(jnatsd.clientUrl(), SYSTEM)) {
                goUser.subscribe("orders.>");
                jnatsdUser.subscribe("orders.>");
                goUser.flush(Duration.ofSeconds(5));
                jnatsdUser.flush(Duration.ofSeconds(5));
                String prefix = "$SYS.REQ.ACCOUNT." + app.publicKey() + ".";
                for (String request : List.of("CONNZ", "SUBSZ", "INFO", "STATZ")) {
                    JsonNode fromGo = request(goSystem, prefix + request);
                    JsonNode fromJnatsd = request(jnatsdSystem, prefix + request);
                    assertThat(fromGo).as("nats-server answers %s", request).isNotNull();
                    assertThat(fromJnatsd).as("jnatsd answers %s", request).isNotNull();
                    assertThat(fields(fromJnatsd)).as(request).isEqualTo(fields(fromGo));
                    assertThat(fields(fromJnatsd.get("data"))).as(request + " data")
                            .containsAll(fields(fromGo.get("data")).stream()
                                    .filter(f -> !f.equals("imports") && !f.equals("sublist_stats")).toList());
                }
                assertThat(request(jnatsdSystem, prefix + "CONNZ").path("data").path("num_connections").asInt()).isEqualTo(1);
                JsonNode goJsz = request(goSystem, prefix + "JSZ");
                JsonNode jnatsdJsz = request(jnatsdSystem, prefix + "JSZ");
                assertThat(jnatsdJsz.get("error")).isEqualTo(goJsz.get("error"));
                assertThat(jnatsdJsz.get("data")).isEqualTo(goJsz.get("data"));
                // An account without connections: both stay silent.
                String idleStatz = "$SYS.REQ.ACCOUNT." + idle.publicKey() + ".STATZ";
                assertThat(goSystem.request(idleStatz, new byte[0], Duration.ofMillis(500))).isNull();
                assertThat(jnatsdSystem.request(idleStatz, new byte[0], Duration.ofMillis(500))).isNull();
                JsonNode ping = request(jnatsdSystem, "$SYS.REQ.ACCOUNT.PING.STATZ");
                assertThat(fields(ping.path("data"))).isEqualTo(fields(request(goSystem, "$SYS.REQ.ACCOUNT.PING.STATZ").path("data")));
            }
        }
    }
}
