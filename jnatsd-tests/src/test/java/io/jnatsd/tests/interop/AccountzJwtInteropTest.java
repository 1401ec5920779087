package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.JnatsdServer;
import io.jnatsd.auth.jwt.JwtEncoder;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.config.ConfigLoader;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator-mode account as nats-server 2.10.27 shows it, field for field: {@code /accountz}'s
 * {@code jwt}, {@code issuer_key}, {@code name_tag}, {@code tags}, {@code decoded_jwt} and
 * {@code revoked_user}, and the JWT fields of the client in the {@code $SYS.ACCOUNT.<id>.CONNECT}
 * advisory. Both servers start from the same account JWT.
 */
class AccountzJwtInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NKeyPair OPERATOR = NKeyPair.generate(NKeyType.OPERATOR);
    private static final NKeyPair SYSTEM = NKeyPair.generate(NKeyType.ACCOUNT);
    private static final List<String> JWT_FIELDS =
            List.of("jwt", "issuer_key", "name_tag", "tags", "decoded_jwt", "revoked_user");

    @TempDir
    Path dir;

    @BeforeAll
    static void warmUp() {
        Nats.staticCredentials(null, NKeyPair.generate(NKeyType.USER).seed().toCharArray()).sign(new byte[1]);
    }

    private Path directory(String name, String accountKey, String accountJwt) throws Exception {
        Path jwts = Files.createDirectories(dir.resolve(name));
        Files.writeString(jwts.resolve(SYSTEM.publicKey() + ".jwt"),
                JwtEncoder.encode(JwtEncoder.claims(SYSTEM.publicKey(), "SYS", "account"), OPERATOR));
        Files.writeString(jwts.resolve(accountKey + ".jwt"), accountJwt);
        return jwts;
    }

    private static String operatorConfig(Path jwts) {
        return "operator: " + JwtEncoder.encode(JwtEncoder.claims(OPERATOR.publicKey(), "OP", "operator"), OPERATOR)
                + "\nsystem_account: " + SYSTEM.publicKey() + "\nresolver: { type: full, dir: \""
                + jwts.toString().replace("\\", "/") + "\" }\n";
    }

    private Path creds(NKeyPair account, String name) throws Exception {
        NKeyPair user = NKeyPair.generate(NKeyType.USER);
        Path file = Files.createTempFile(dir, "user-", ".creds");
        Files.writeString(file, "-----BEGIN NATS USER JWT-----\n"
                + JwtEncoder.encode(JwtEncoder.claims(user.publicKey(), name, "user"), account)
                + "\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n" + user.seed()
                + "\n------END USER NKEY SEED------\n");
        return file;
    }

    private static Connection connect(String url, Path creds) throws Exception {
        return Nats.connect(new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(5)).maxReconnects(0)
                .authHandler(Nats.credentials(creds.toString())).build());
    }

    /** The connect advisory's client, seen by a system user while {@code user} connects. */
    private JsonNode connectAdvisory(String url, String account, Path user) throws Exception {
        try (Connection system = connect(url, creds(SYSTEM, "sys"))) {
            Subscription advisories = system.subscribe("$SYS.ACCOUNT." + account + ".CONNECT");
            system.flush(Duration.ofSeconds(5));
            try (Connection ignored = connect(url, user)) {
                Message advisory = advisories.nextMessage(Duration.ofSeconds(5));
                assertThat(advisory).as("connect advisory from %s", url).isNotNull();
                return JSON.readTree(advisory.getData()).path("client");
            }
        }
    }

    private static JsonNode detail(String monitorUrl, String account) throws Exception {
        return JSON.readTree(URI.create(monitorUrl + "/accountz?acc=" + account).toURL()).path("account_detail");
    }

    @Test
    void accountzAndConnectAdvisoriesShowJwtAccountsAsNatsServerDoes() throws Exception {
        NKeyPair account = NKeyPair.generate(NKeyType.ACCOUNT);
        ObjectNode claims = JwtEncoder.claims(account.publicKey(), "BILLING", "account");
        ObjectNode nats = (ObjectNode) claims.get("nats");
        nats.putArray("tags").add("team:billing").add("tier:gold");
        nats.put("description", "the billing team");
        nats.putArray("signing_keys").add(NKeyPair.generate(NKeyType.ACCOUNT).publicKey());
        nats.putObject("revocations").put(NKeyPair.generate(NKeyType.USER).publicKey(), 1_700_000_000L);
        nats.putObject("default_permissions").putObject("pub").putArray("allow").add("billing.>");
        String accountJwt = JwtEncoder.encode(claims, OPERATOR);
        Path user = creds(account, "alice");

        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "AZ", List.of(), "",
                operatorConfig(directory("go", account.publicKey(), accountJwt)))) {
            Path conf = dir.resolve("jnatsd.conf");
            Files.writeString(conf, "host: 127.0.0.1\nport: -1\nhttp: 127.0.0.1:-1\n"
                    + operatorConfig(directory("jnatsd", account.publicKey(), accountJwt)));
            try (JnatsdServer jnatsd = JnatsdServer.start(ConfigLoader.load(conf))) {
                JsonNode goClient = connectAdvisory(go.clientUrl(), account.publicKey(), user);
                JsonNode jnatsdClient = connectAdvisory(jnatsd.clientUrl(), account.publicKey(), user);
                for (String field : List.of("jwt", "issuer_key", "name_tag")) {
                    assertThat(jnatsdClient.get(field)).as(field).isEqualTo(goClient.get(field)).isNotNull();
                }

                JsonNode goDetail = detail("http://127.0.0.1:" + go.monitorPort, account.publicKey());
                JsonNode jnatsdDetail = detail(jnatsd.monitorUrl(), account.publicKey());
                for (String field : JWT_FIELDS) {
                    assertThat(goDetail.has(field)).as("nats-server shows %s", field).isTrue();
                    assertThat(JSON.writeValueAsString(jnatsdDetail.get(field))).as(field)
                            .isEqualTo(JSON.writeValueAsString(goDetail.get(field)));
                }
            }
        }
    }
}
