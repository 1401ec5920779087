package io.jnatsd.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Decoding and validating NATS JWTs: a real one from nats-server's tests, a chain, expiry, tampering, algorithms. */
class JwtTest {
    /** nats-server test/configs/nkeys/op.jwt (version 1), with three signing keys. */
    private static final String NATS_SERVER_OPERATOR_JWT = "eyJ0eXAiOiJqd3QiLCJhbGciOiJlZDI1NTE5In0.eyJhdWQiOiJURVNUUyIsImV4cCI6MTg1OTEyMTI3NSwianRpIjoiWE5MWjZYWVBIVE1ESlFSTlFPSFVPSlFHV0NVN01JNVc1SlhDWk5YQllVS0VRVzY3STI1USIsImlhdCI6MTU0Mzc2MTI3NSwiaXNzIjoiT0NBVDMzTVRWVTJWVU9JTUdOR1VOWEo2NkFIMlJMU0RBRjNNVUJDWUFZNVFNSUw2NU5RTTZYUUciLCJuYW1lIjoiU3luYWRpYSBDb21tdW5pY2F0aW9ucyBJbmMuIiwibmJmIjoxNTQzNzYxMjc1LCJzdWIiOiJPQ0FUMzNNVFZVMlZVT0lNR05HVU5YSjY2QUgyUkxTREFGM01VQkNZQVk1UU1JTDY1TlFNNlhRRyIsInR5cGUiOiJvcGVyYXRvciIsIm5hdHMiOnsic2lnbmluZ19rZXlzIjpbIk9EU0tSN01ZRlFaNU1NQUo2RlBNRUVUQ1RFM1JJSE9GTFRZUEpSTUFWVk40T0xWMllZQU1IQ0FDIiwiT0RTS0FDU1JCV1A1MzdEWkRSVko2NTdKT0lHT1BPUTZLRzdUNEhONk9LNEY2SUVDR1hEQUhOUDIiLCJPRFNLSTM2TFpCNDRPWTVJVkNSNlA1MkZaSlpZTVlXWlZXTlVEVExFWjVUSzJQTjNPRU1SVEFCUiJdfX0.hyfz6E39BMUh0GLzovFfk3wT4OfualftjdJ_eYkLfPvu5tZubYQ_Pn9oFYGCV_6yKy3KMGhWGUCyCdHaPhalBw";

    private final NKeyPair operator = NKeyPair.generate(NKeyType.OPERATOR);
    private final NKeyPair account = NKeyPair.generate(NKeyType.ACCOUNT);
    private final NKeyPair user = NKeyPair.generate(NKeyType.USER);

    @Test
    void theOperatorJwtFromNatsServerTestsDecodesWithItsSigningKeys() throws JwtException {
        OperatorClaims claims = OperatorClaims.decode(NATS_SERVER_OPERATOR_JWT);
        assertThat(claims.subject()).isEqualTo("OCAT33MTVU2VUOIMGNGUNXJ66AH2RLSDAF3MUBCYAY5QMIL65NQM6XQG");
        assertThat(claims.name()).isEqualTo("Synadia Communications Inc.");
        assertThat(claims.expires()).isEqualTo(1859121275L);
        assertThat(claims.signingKeys()).hasSize(3).contains("ODSKR7MYFQZ5MMAJ6FPMEETCTE3RIHOFLTYPJRMAVVN4OLV2YYAMHCAC");
        assertThat(claims.trusts("ODSKI36LZB44OY5IVCR6P52FZJZYMYWZVWNUDTLEZ5TK2PN3OEMRTABR")).isTrue();
        assertThat(claims.trusts(operator.publicKey())).isFalse();
    }

    @Test
    void aStrictOperatorTrustsOnlyItsSigningKeys() throws JwtException {
        NKeyPair signing = NKeyPair.generate(NKeyType.OPERATOR);
        com.fasterxml.jackson.databind.node.ObjectNode claims = JwtEncoder.claims(operator.publicKey(), "O", "operator");
        ((com.fasterxml.jackson.databind.node.ObjectNode) claims.get("nats")).put("strict_signing_key_usage", true)
                .putArray("signing_keys").add(signing.publicKey());
        OperatorClaims strict = OperatorClaims.decode(JwtEncoder.encode(claims, operator));
        assertThat(strict.trusts(signing.publicKey())).isTrue();
        assertThat(strict.trusts(operator.publicKey())).isFalse();
    }

    @Test
    void aChainOfOperatorAccountAndUserDecodes() throws JwtException {
        String operatorJwt = JwtEncoder.encode(JwtEncoder.claims(operator.publicKey(), "O", "operator"), operator);
        String accountJwt = JwtEncoder.encode(JwtEncoder.claims(account.publicKey(), "A", "account"), operator);
        ObjectNode userClaims = JwtEncoder.claims(user.publicKey(), "U", "user");
        ((ObjectNode) userClaims.get("nats")).putObject("pub").putArray("allow").add("orders.>");
        String userJwt = JwtEncoder.encode(userClaims, account);

        assertThat(OperatorClaims.decode(operatorJwt).subject()).isEqualTo(operator.publicKey());
        AccountClaims acc = AccountClaims.decode(accountJwt);
        assertThat(acc.issuer()).isEqualTo(operator.publicKey());
        assertThat(acc.mayIssueUsers(account.publicKey())).isTrue();
        UserClaims decoded = UserClaims.decode(userJwt);
        assertThat(decoded.account()).isEqualTo(account.publicKey());
        assertThat(decoded.limits().permissions().publish().allow()).containsExactly("orders.>");
        assertThat(decoded.limits().permissions().subscribe()).isNull();
    }

    @Test
    void aTamperedClaimOrSignatureFailsVerification() {
        String userJwt = JwtEncoder.encode(JwtEncoder.claims(user.publicKey(), "U", "user"), account);
        String[] parts = userJwt.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"name\":\"U\"", "\"name\":\"X\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThatThrownBy(() -> UserClaims.decode(tampered)).isInstanceOf(JwtException.class)
                .hasMessageContaining("signature verification");
        String badSignature = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? "B" : "A") + parts[2].substring(1);
        assertThatThrownBy(() -> UserClaims.decode(badSignature)).isInstanceOf(JwtException.class);
        // Signed by a key other than the one it names as issuer.
        ObjectNode forged = JwtEncoder.claims(user.publicKey(), "U", "user");
        String other = JwtEncoder.encode(forged, NKeyPair.generate(NKeyType.ACCOUNT));
        String[] otherParts = other.split("\\.");
        String swappedIssuer = new String(Base64.getUrlDecoder().decode(otherParts[1]), StandardCharsets.UTF_8)
                .replaceAll("\"iss\":\"[A-Z0-9]+\"", "\"iss\":\"" + account.publicKey() + "\"");
        String forgedJwt = otherParts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(swappedIssuer.getBytes(StandardCharsets.UTF_8)) + "." + otherParts[2];
        assertThatThrownBy(() -> UserClaims.decode(forgedJwt)).isInstanceOf(JwtException.class);
    }

    @Test
    void onlyTheNatsAlgorithmsAreAccepted() {
        String userJwt = JwtEncoder.encode(JwtEncoder.claims(user.publicKey(), "U", "user"), account);
        String rest = userJwt.substring(userJwt.indexOf('.'));
        for (String header : new String[] {"{\"typ\":\"JWT\",\"alg\":\"HS256\"}", "{\"typ\":\"JWT\",\"alg\":\"none\"}",
                "{\"typ\":\"JWT\"}", "{\"typ\":\"JOSE\",\"alg\":\"ed25519-nkey\"}", "[]"}) {
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8)) + rest;
            assertThatThrownBy(() -> UserClaims.decode(token)).isInstanceOf(JwtException.class);
        }
    }

    @Test
    void expiryAndNotBeforeAreChecked() throws JwtException {
        ObjectNode claims = JwtEncoder.claims(user.publicKey(), "U", "user");
        claims.put("exp", 1_000L);
        claims.put("nbf", 500L);
        UserClaims decoded = UserClaims.decode(JwtEncoder.encode(claims, account));
        decoded.checkTimes(800);
        assertThatThrownBy(() -> decoded.checkTimes(1_001)).hasMessage("claim is expired");
        assertThatThrownBy(() -> decoded.checkTimes(499)).hasMessage("claim is not yet valid");
    }

    @Test
    void aJwtOfAnotherKindOrWithTheWrongKeysIsRefused() {
        String accountJwt = JwtEncoder.encode(JwtEncoder.claims(account.publicKey(), "A", "account"), operator);
        assertThatThrownBy(() -> UserClaims.decode(accountJwt)).hasMessage("not a user claim");
        assertThatThrownBy(() -> OperatorClaims.decode(accountJwt)).hasMessage("not an operator claim");
        // An account signed by an account key, a user whose subject is an account key.
        assertThatThrownBy(() -> AccountClaims.decode(JwtEncoder.encode(
                JwtEncoder.claims(account.publicKey(), "A", "account"), account))).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> UserClaims.decode(JwtEncoder.encode(
                JwtEncoder.claims(account.publicKey(), "U", "user"), account))).isInstanceOf(JwtException.class);
    }

    @Test
    void garbageNeverThrowsAnythingButJwtException() {
        for (String token : new String[] {"", ".", "..", "a.b.c", "eyJ9.eyJ9.AA", "x".repeat(2_000_000), null,
                "eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ.bnVsbA.AA"}) {
            assertThatThrownBy(() -> UserClaims.decode(token)).isInstanceOf(JwtException.class);
        }
    }

    @Test
    void anAccountsExportsImportsAndLimitsDecode() throws JwtException {
        ObjectNode claims = JwtEncoder.claims(account.publicKey(), "A", "account");
        ObjectNode nats = (ObjectNode) claims.get("nats");
        ((ObjectNode) nats.get("limits")).put("conn", 10).put("subs", 3).put("payload", 512).put("leaf", 2);
        nats.putArray("exports").addObject().put("name", "help").put("subject", "help.>").put("type", "service")
                .put("response_type", "Chunked").put("token_req", true).putObject("revocations").put("*", 5);
        nats.putArray("imports").addObject().put("subject", "orders.>").put("account", user.publicKey())
                .put("type", "stream").put("local_subject", "in.>");
        AccountClaims decoded = AccountClaims.decode(JwtEncoder.encode(claims, operator));
        assertThat(decoded.limits()).isEqualTo(new AccountLimits(10, 2, 3, 512, -1));
        JwtExport export = decoded.exports().get(0);
        assertThat(export.kind()).isEqualTo(io.jnatsd.config.ExportOptions.ExportKind.SERVICE);
        assertThat(export.tokenRequired()).isTrue();
        assertThat(export.responseType()).isEqualTo("Chunked");
        assertThat(export.revoked(account.publicKey(), 5)).isTrue();
        assertThat(export.revoked(account.publicKey(), 6)).isFalse();
        assertThat(decoded.imports()).containsExactly(new JwtImport(null, "orders.>", user.publicKey(), null, null,
                "in.>", io.jnatsd.config.ExportOptions.ExportKind.STREAM));
        assertThat(decoded.validationErrors()).isEmpty();
        ObjectNode bare = JwtEncoder.claims(account.publicKey(), "A", "account");
        ((ObjectNode) bare.get("nats")).remove("limits");
        assertThat(AccountClaims.decode(JwtEncoder.encode(bare, operator)).limits())
                .as("absent limits are 0, as nats-server reads them").isEqualTo(new AccountLimits(0, 0, 0, 0, 0));
    }

    @Test
    void importAndExportLimitsAndWildcardsAreValidatedAsTheJwtLibraryDoes() throws JwtException {
        ObjectNode claims = JwtEncoder.claims(account.publicKey(), "A", "account");
        ObjectNode nats = (ObjectNode) claims.get("nats");
        ((ObjectNode) nats.get("limits")).put("imports", 0).put("exports", 1).put("wildcards", false);
        nats.putArray("exports").addObject().put("subject", "a.>").put("type", "stream");
        nats.withArray("exports").addObject().put("subject", "b").put("type", "bogus");
        nats.putArray("imports").addObject().put("subject", "c.*").put("account", user.publicKey()).put("type", "service");
        assertThat(AccountClaims.decode(JwtEncoder.encode(claims, operator)).validationErrors()).containsExactlyInAnyOrder(
                "invalid export type: \"bogus\"",
                "services cannot have wildcard subject: \"c.*\"",
                "the account contains more imports than allowed by the operator",
                "the account contains more exports than allowed by the operator",
                "the account contains wildcard exports that are not allowed by the operator");
    }

    @Test
    void anActivationTokenDecodesWithItsSubjectKindAndIssuerAccount() throws JwtException {
        NKeyPair importer = NKeyPair.generate(NKeyType.ACCOUNT);
        ObjectNode claims = JwtEncoder.claims(importer.publicKey(), "act", "activation");
        ((ObjectNode) claims.get("nats")).put("subject", "orders.>").put("kind", "stream")
                .put("issuer_account", account.publicKey());
        ActivationClaims activation = ActivationClaims.decode(JwtEncoder.encode(claims, NKeyPair.generate(NKeyType.ACCOUNT)));
        assertThat(activation.subject()).isEqualTo(importer.publicKey());
        assertThat(activation.importSubject()).isEqualTo("orders.>");
        assertThat(activation.issuerAccount()).isEqualTo(account.publicKey());
        ((ObjectNode) claims.get("nats")).put("kind", "service");
        assertThatThrownBy(() -> ActivationClaims.decode(JwtEncoder.encode(claims, account)))
                .hasMessageContaining("wildcard");
        assertThatThrownBy(() -> ActivationClaims.decode(JwtEncoder.encode(JwtEncoder.claims(importer.publicKey(),
                "U", "user"), account))).hasMessageContaining("not an activation claim");
    }

    /** nats-server's JWT library: a version 1 user's absent limits are "no limit", a version 2 user's are 0. */
    @Test
    void absentUserLimitsAreUnlimitedInVersionOneAndZeroInVersionTwo() throws JwtException {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String claims = base64.encodeToString(("{\"iss\":\"" + account.publicKey() + "\",\"sub\":\"" + user.publicKey()
                + "\",\"type\":\"user\",\"nats\":{\"pub\":{},\"sub\":{}}}").getBytes(StandardCharsets.UTF_8));
        String header = base64.encodeToString("{\"typ\":\"jwt\",\"alg\":\"ed25519\"}".getBytes(StandardCharsets.UTF_8));
        UserClaims v1 = UserClaims.decode(header + "." + claims + "."
                + base64.encodeToString(account.sign(claims.getBytes(StandardCharsets.US_ASCII))));
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.limits().subscriptions()).isEqualTo(-1);
        assertThat(v1.limits().data()).isEqualTo(-1);
        assertThat(v1.limits().payload()).isEqualTo(-1);

        ObjectNode v2Claims = JwtEncoder.claims(user.publicKey(), "U", "user");
        ObjectNode nats = (ObjectNode) v2Claims.get("nats");
        nats.remove("subs");
        nats.remove("data");
        nats.put("payload", 100);
        UserClaims v2 = UserClaims.decode(JwtEncoder.encode(v2Claims, account));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.limits().subscriptions()).isZero();
        assertThat(v2.limits().data()).isZero();
        assertThat(v2.limits().payload()).isEqualTo(100);
    }
}
