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
 * advisory, and the exports with {@code token_req} for private ones. Both servers start from the
 * same account JWT.
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

    /** The account names {@code /accountz} lists, sorted, and {@code /accstatz?unused=1}'s. */
    private static List<String> listed(String monitorUrl, String endpoint, String arrayField, String nameField)
            throws Exception {
        List<String> names = new java.util.ArrayList<>();
        for (JsonNode entry : JSON.readTree(URI.create(monitorUrl + endpoint).toURL()).path(arrayField)) {
            names.add(nameField == null ? entry.asText() : entry.path(nameField).asText());
        }
        names.sort(null);
        return names;
    }

    /** Status and body of {@code /accountz?acc=}. */
    private static String accountzAnswer(String monitorUrl, String account) throws Exception {
        java.net.HttpURLConnection http = (java.net.HttpURLConnection) URI.create(monitorUrl + "/accountz?acc=" + account)
                .toURL().openConnection();
        int status = http.getResponseCode();
        java.io.InputStream body = status < 400 ? http.getInputStream() : http.getErrorStream();
        String text = body == null ? "" : new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return status + " " + (status < 400 ? "" : text.trim());
    }

    private static String memoryConfig(List<NKeyPair> accounts, List<String> jwts) {
        StringBuilder preload = new StringBuilder();
        for (int i = 0; i < accounts.size(); i++) {
            preload.append("  ").append(accounts.get(i).publicKey()).append(": ").append(jwts.get(i)).append('\n');
        }
        return "operator: " + JwtEncoder.encode(JwtEncoder.claims(OPERATOR.publicKey(), "OP", "operator"), OPERATOR)
                + "\nsystem_account: " + SYSTEM.publicKey() + "\nresolver: MEMORY\nresolver_preload: {\n"
                + "  " + SYSTEM.publicKey() + ": "
                + JwtEncoder.encode(JwtEncoder.claims(SYSTEM.publicKey(), "SYS", "account"), OPERATOR) + "\n"
                + preload + "}\n";
    }

    @Test
    void accountsAreListedOnlyOnceUsedAsNatsServerLoadsThemWithEitherResolver() throws Exception {
        NKeyPair unused = NKeyPair.generate(NKeyType.ACCOUNT);
        NKeyPair exporter = NKeyPair.generate(NKeyType.ACCOUNT);
        NKeyPair importer = NKeyPair.generate(NKeyType.ACCOUNT);
        ObjectNode exporterClaims = JwtEncoder.claims(exporter.publicKey(), "EXPORTER", "account");
        ((ObjectNode) exporterClaims.get("nats")).putArray("exports").addObject().put("subject", "feed.>")
                .put("type", "stream");
        ObjectNode importerClaims = JwtEncoder.claims(importer.publicKey(), "IMPORTER", "account");
        ((ObjectNode) importerClaims.get("nats")).putArray("imports").addObject().put("account", exporter.publicKey())
                .put("subject", "feed.>").put("type", "stream");
        List<NKeyPair> accounts = List.of(unused, exporter, importer);
        List<String> jwts = List.of(JwtEncoder.encode(JwtEncoder.claims(unused.publicKey(), "UNUSED", "account"), OPERATOR),
                JwtEncoder.encode(exporterClaims, OPERATOR), JwtEncoder.encode(importerClaims, OPERATOR));
        Path user = creds(importer, "bob");

        for (String resolver : List.of("memory", "full")) {
            String config;
            if (resolver.equals("memory")) {
                config = memoryConfig(accounts, jwts);
            } else {
                Path jwtDir = directory("dir-" + resolver, importer.publicKey(), jwts.get(2));
                Files.writeString(jwtDir.resolve(unused.publicKey() + ".jwt"), jwts.get(0));
                Files.writeString(jwtDir.resolve(exporter.publicKey() + ".jwt"), jwts.get(1));
                config = operatorConfig(jwtDir);
            }
            String jnatsdConfig = config;
            if (resolver.equals("full")) {
                // Each server owns its resolver directory, as nats-server requires.
                Path own = Files.createDirectories(dir.resolve("jnatsd-" + resolver));
                Path goDir = dir.resolve("dir-" + resolver);
                try (var files = Files.list(goDir)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Files.copy(file, own.resolve(file.getFileName()));
                    }
                }
                jnatsdConfig = config.replace(goDir.toString().replace("\\", "/"), own.toString().replace("\\", "/"));
            }
            try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "AZ", List.of(), "", config)) {
                Path conf = dir.resolve("lazy-" + resolver + ".conf");
                Files.writeString(conf, "host: 127.0.0.1\nport: -1\nhttp: 127.0.0.1:-1\n" + jnatsdConfig);
                try (JnatsdServer jnatsd = JnatsdServer.start(ConfigLoader.load(conf))) {
                    String goMonitor = "http://127.0.0.1:" + go.monitorPort;
                    compareListings(resolver + ", at start", goMonitor, jnatsd.monitorUrl());
                    assertThat(listed(jnatsd.monitorUrl(), "/accountz", "accounts", null))
                            .as(resolver).containsExactlyInAnyOrder(SYSTEM.publicKey(), "$G");
                    for (NKeyPair account : accounts) {
                        assertThat(accountzAnswer(jnatsd.monitorUrl(), account.publicKey())).as(resolver)
                                .isEqualTo(accountzAnswer(goMonitor, account.publicKey()));
                    }

                    java.time.Instant before = java.time.Instant.now().minusSeconds(1);
                    try (Connection onGo = connect(go.clientUrl(), user);
                         Connection onJnatsd = connect(jnatsd.clientUrl(), user)) {
                        compareListings(resolver + ", importer in use", goMonitor, jnatsd.monitorUrl());
                        assertThat(listed(jnatsd.monitorUrl(), "/accountz", "accounts", null)).as(resolver)
                                .contains(importer.publicKey()).doesNotContain(unused.publicKey());
                        for (String monitor : List.of(goMonitor, jnatsd.monitorUrl())) {
                            String updated = detail(monitor, importer.publicKey()).path("update_time").asText();
                            assertThat(java.time.Instant.parse(updated)).as("%s update_time at %s", resolver, monitor)
                                    .isAfter(before).isBefore(java.time.Instant.now().plusSeconds(1));
                        }
                    }
                    compareListings(resolver + ", after the importer left", goMonitor, jnatsd.monitorUrl());
                }
            }
        }
    }

    private static void compareListings(String when, String goMonitor, String jnatsdMonitor) throws Exception {
        assertThat(listed(jnatsdMonitor, "/accountz", "accounts", null)).as("/accountz, %s", when)
                .isEqualTo(listed(goMonitor, "/accountz", "accounts", null));
        assertThat(listed(jnatsdMonitor, "/accstatz?unused=1", "account_statz", "acc")).as("/accstatz?unused=1, %s", when)
                .isEqualTo(listed(goMonitor, "/accstatz?unused=1", "account_statz", "acc"));
    }

    @Test
    void privateExportsShowTokenReqAsNatsServerDoes() throws Exception {
        NKeyPair account = NKeyPair.generate(NKeyType.ACCOUNT);
        ObjectNode claims = JwtEncoder.claims(account.publicKey(), "EXPORTS", "account");
        com.fasterxml.jackson.databind.node.ArrayNode exports = ((ObjectNode) claims.get("nats")).putArray("exports");
        exports.addObject().put("subject", "private.>").put("type", "stream").put("token_req", true);
        exports.addObject().put("subject", "svc.private").put("type", "service").put("token_req", true);
        exports.addObject().put("subject", "public.>").put("type", "stream");
        exports.addObject().put("subject", "svc.public").put("type", "service");
        String accountJwt = JwtEncoder.encode(claims, OPERATOR);
        Path user = creds(account, "carol");
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "AZ", List.of(), "",
                operatorConfig(directory("go", account.publicKey(), accountJwt)))) {
            Path conf = dir.resolve("jnatsd.conf");
            Files.writeString(conf, "host: 127.0.0.1\nport: -1\nhttp: 127.0.0.1:-1\n"
                    + operatorConfig(directory("jnatsd", account.publicKey(), accountJwt)));
            try (JnatsdServer jnatsd = JnatsdServer.start(ConfigLoader.load(conf));
                 Connection onGo = connect(go.clientUrl(), user);
                 Connection onJnatsd = connect(jnatsd.clientUrl(), user)) {
                java.util.Set<String> fromGo = new java.util.TreeSet<>();
                detail("http://127.0.0.1:" + go.monitorPort, account.publicKey()).path("exports")
                        .forEach(e -> fromGo.add(e.toString()));
                java.util.Set<String> fromJnatsd = new java.util.TreeSet<>();
                detail(jnatsd.monitorUrl(), account.publicKey()).path("exports").forEach(e -> fromJnatsd.add(e.toString()));
                assertThat(fromGo).hasSize(4);
                assertThat(fromJnatsd).isEqualTo(fromGo);
            }
        }
    }
}
