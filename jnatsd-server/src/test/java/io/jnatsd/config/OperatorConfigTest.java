package io.jnatsd.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.auth.jwt.JwtEncoder;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operator mode in configuration files: what works (operator file or inline, MEMORY resolver,
 * preloaded accounts) and what fails closed (other resolvers, bad JWTs, limits jnatsd does not
 * enforce, users or accounts beside an operator).
 */
class OperatorConfigTest {
    private final NKeyPair operator = NKeyPair.generate(NKeyType.OPERATOR);
    private final NKeyPair account = NKeyPair.generate(NKeyType.ACCOUNT);

    @TempDir
    Path dir;

    private ConfigLoader.Result read(String text) throws IOException {
        Path file = dir.resolve("test.conf");
        Files.writeString(file, text);
        return ConfigLoader.read(file, Map.of());
    }

    private String operatorJwt() {
        return JwtEncoder.encode(JwtEncoder.claims(operator.publicKey(), "OP", "operator"), operator);
    }

    private String accountJwt() {
        return JwtEncoder.encode(JwtEncoder.claims(account.publicKey(), "A", "account"), operator);
    }

    private String preload(String jwt) {
        return "resolver: MEMORY\nresolver_preload: { " + account.publicKey() + ": " + jwt + " }\n";
    }

    @Test
    void anOperatorFileDecoratedAsTheToolsWriteItAndPreloadedAccountsAreRead() throws IOException {
        Path file = dir.resolve("op.jwt");
        Files.writeString(file, "-----BEGIN NATS OPERATOR JWT-----\n" + operatorJwt() + "\n------END NATS OPERATOR JWT------\n");
        ConfigLoader.Result result = read("operator: \"" + file.toString().replace("\\", "/") + "\"\n"
                + "system_account: " + account.publicKey() + "\n" + preload(accountJwt()));
        assertThat(result.errors()).isEmpty();
        OperatorOptions options = result.options().operator();
        assertThat(options.operatorJwts()).singleElement().asString().startsWith("eyJ");
        assertThat(options.resolver()).isEqualTo(OperatorOptions.MEMORY);
        assertThat(options.preload()).containsOnlyKeys(account.publicKey());
        assertThat(StartupChecks.problems(result.options())).isEmpty();
    }

    @Test
    void anInlineOperatorWorksAndABadOneIsAnError() throws IOException {
        assertThat(read("operator: " + operatorJwt() + "\n" + preload(accountJwt())).errors()).isEmpty();
        String tampered = operatorJwt().replaceFirst("\\.(.)", ".X");
        assertThat(read("operator: " + tampered + "\n").errors()).singleElement().asString()
                .contains("error parsing operator JWT");
    }

    @Test
    void resolversJnatsdLacksAreRefusedAndBadResolverBlocksGetNatsServersVerdicts() throws IOException {
        assertThat(read("operator: " + operatorJwt() + "\nresolver: URL(http://localhost:9090/jwt/v1/accounts/)\n")
                .errors()).singleElement().asString().contains("is not supported by jnatsd");
        // Each verdict below is what nats-server 2.10.27 -t says of the same block.
        assertThat(read("operator: " + operatorJwt() + "\nresolver: { type: full, dir: \"./jwt\", ttl: \"1m\" }\n")
                .errors()).singleElement().asString().contains("FULL does not accept ttl");
        assertThat(read("operator: " + operatorJwt() + "\nresolver: { type: cache, dir: \"./jwt\", interval: \"2m\" }\n")
                .errors()).singleElement().asString().contains("CACHE does not accept sync");
        assertThat(read("operator: " + operatorJwt() + "\nresolver: { type: cache, dir: \"./jwt\", allow_delete: true }\n")
                .errors()).singleElement().asString().contains("CACHE does not accept allow_delete");
        assertThat(read("operator: " + operatorJwt() + "\nresolver: { type: cache, dir: \"./jwt\", ttl: \"xx\" }\n")
                .errors()).hasSize(1);
        assertThat(read("operator: " + operatorJwt() + "\nresolver: { type: full }\n")
                .errors()).singleElement().asString().contains("dir has no value");
        // nats-server 2.10.27 says the same of a block without a type, or with another one.
        assertThat(read("operator: " + operatorJwt() + "\nresolver: { dir: \"./jwt\" }\n")
                .errors()).singleElement().asString().contains("a map containing dir and type state=[FULL|CACHE])");
    }

    @Test
    void theCacheResolverIsReadWithNatsServersDefaults() throws IOException {
        ConfigLoader.Result result = read("operator: " + operatorJwt() + "\nresolver: { type: cache, dir: \"./jwt\" }\n");
        assertThat(result.errors()).isEmpty();
        OperatorOptions options = result.options().operator();
        assertThat(options.resolver()).isEqualTo(OperatorOptions.CACHE);
        assertThat(options.directory()).isEqualTo(new ResolverDirectoryOptions(Path.of("./jwt"), 1000,
                java.time.Duration.ZERO, java.time.Duration.ofMillis(1900), true, java.time.Duration.ZERO,
                ResolverDirectoryOptions.DeleteMode.HARD));
        ResolverDirectoryOptions limited = read("operator: " + operatorJwt()
                + "\nresolver: { type: cache, dir: \"./jwt\", limit: 10, ttl: \"2m\", timeout: \"1s\" }\n")
                .options().operator().directory();
        assertThat(limited.limit()).isEqualTo(10);
        assertThat(limited.ttl()).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(limited.timeout()).isEqualTo(java.time.Duration.ofSeconds(1));
    }

    @Test
    void allowDeleteRenamesAndHardDeleteRemoves() throws IOException {
        assertThat(read("operator: " + operatorJwt() + "\nresolver: { type: full, dir: \"./jwt\", allow_delete: true }\n")
                .options().operator().directory().delete()).isEqualTo(ResolverDirectoryOptions.DeleteMode.RENAME);
        assertThat(read("operator: " + operatorJwt()
                + "\nresolver: { type: full, dir: \"./jwt\", allow_delete: true, hard_delete: true }\n")
                .options().operator().directory().delete()).isEqualTo(ResolverDirectoryOptions.DeleteMode.HARD);
    }

    @Test
    void trustedKeysMustBePublicOperatorKeys() throws IOException {
        String key = io.jnatsd.auth.nkey.NKeyPair.generate(io.jnatsd.auth.nkey.NKeyType.OPERATOR).publicKey();
        ConfigLoader.Result result = read("trusted_keys: [\"" + key + "\"]\nresolver: MEMORY\n");
        assertThat(result.errors()).isEmpty();
        assertThat(result.options().operator().trustedKeys()).containsExactly(key);
        assertThat(read("trusted: \"" + key + "\"\n").options().operator().trustsOperators()).isTrue();
        assertThat(read("trusted: \"XYZ\"\n").errors()).singleElement().asString()
                .contains("trust key \"XYZ\" required to be a valid public operator nkey");
    }

    @Test
    void theFullResolverIsReadWithItsOptions() throws IOException {
        ConfigLoader.Result result = read("operator: " + operatorJwt() + "\nresolver: { type: full, dir: \"./jwt\", "
                + "allow_delete: false, interval: \"2m\", limit: 1000, timeout: \"1.9s\" }\n");
        assertThat(result.errors()).isEmpty();
        OperatorOptions options = result.options().operator();
        assertThat(options.resolver()).isEqualTo(OperatorOptions.FULL);
        assertThat(options.directory()).isEqualTo(new ResolverDirectoryOptions(Path.of("./jwt"), 1000,
                java.time.Duration.ofMinutes(2), java.time.Duration.ofMillis(1900)));
    }

    @Test
    void aBadOrMismatchedAccountJwtIsInvalidAsNatsServerSays() throws IOException {
        assertThat(read("operator: " + operatorJwt() + "\n" + preload("abc")).errors())
                .singleElement().asString().endsWith("invalid account JWT");
        String otherAccount = JwtEncoder.encode(JwtEncoder.claims(NKeyPair.generate(NKeyType.ACCOUNT).publicKey(),
                "B", "account"), operator);
        assertThat(read("operator: " + operatorJwt() + "\n" + preload(otherAccount)).errors())
                .singleElement().asString().endsWith("invalid account JWT");
    }

    @Test
    void accountLimitsImportsAndExportsAreAccepted() throws IOException {
        ObjectNode claims = JwtEncoder.claims(account.publicKey(), "A", "account");
        ((ObjectNode) claims.get("nats").get("limits")).put("conn", 10).put("subs", 5).put("payload", 100);
        ((ObjectNode) claims.get("nats")).putArray("exports").addObject().put("subject", "s.>").put("type", "stream");
        ConfigLoader.Result result = read("operator: " + operatorJwt() + "\n" + preload(JwtEncoder.encode(claims, operator)));
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        // No limits at all: nats-server reads conn as 0, so nobody can connect.
        ObjectNode bare = JwtEncoder.claims(account.publicKey(), "A", "account");
        ((ObjectNode) bare.get("nats")).remove("limits");
        assertThat(read("operator: " + operatorJwt() + "\n" + preload(JwtEncoder.encode(bare, operator))).errors()).isEmpty();
    }

    @Test
    void operatorsDoNotTakeUsersOrAccountsOrAMissingSystemAccount() throws IOException {
        ConfigLoader.Result users = read("operator: " + operatorJwt() + "\n" + preload(accountJwt())
                + "authorization { users: [ {user: a, password: b} ] }\n");
        assertThat(StartupChecks.problems(users.options())).contains("operators do not allow users to be configured directly");
        ConfigLoader.Result accounts = read("operator: " + operatorJwt() + "\n" + preload(accountJwt()) + "accounts { X {} }\n");
        assertThat(StartupChecks.problems(accounts.options())).contains("operators do not allow Accounts to be configured directly");
        ConfigLoader.Result noResolver = read("operator: " + operatorJwt() + "\n");
        assertThat(StartupChecks.problems(noResolver.options())).anySatisfy(p -> assertThat(p).contains("resolver"));
        ConfigLoader.Result system = read("operator: " + operatorJwt() + "\n" + preload(accountJwt())
                + "system_account: " + NKeyPair.generate(NKeyType.ACCOUNT).publicKey() + "\n");
        assertThat(StartupChecks.problems(system.options())).contains("error resolving system account: account missing");
    }

    /** nats-server 2.10.27 starts with them and turns nothing on: no operator, no JWT users. */
    @Test
    void aResolverWithoutAnOperatorIsReadAndLeftUnused() throws IOException {
        ConfigLoader.Result result = read("resolver: MEMORY\n" + preload(accountJwt()));
        assertThat(result.errors()).isEmpty();
        assertThat(result.options().operator()).isNull();
        assertThat(read("resolver: MEMORY\nresolver_preload: { ABC: \"x\" }\n").errors()).isNotEmpty();
    }
}
