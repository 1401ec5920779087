package io.jnatsd.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.JwtEncoder;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.config.AccountOptions;
import io.jnatsd.config.ExportOptions.ExportKind;
import io.jnatsd.config.ImportOptions;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Which account JWT imports are wired and how their subjects map: public and private exports,
 * activation tokens (issuer, signing keys, subject, expiry, revocation), account token positions.
 */
class JwtAccountLinksTest {
    private static final long NOW = 1_800_000_000L;

    private final NKeyPair operator = NKeyPair.generate(NKeyType.OPERATOR);
    private final NKeyPair exporter = NKeyPair.generate(NKeyType.ACCOUNT);
    private final NKeyPair exporterSigner = NKeyPair.generate(NKeyType.ACCOUNT);
    private final NKeyPair importer = NKeyPair.generate(NKeyType.ACCOUNT);

    private AccountClaims account(NKeyPair key, Consumer<ObjectNode> nats) throws JwtException {
        ObjectNode claims = JwtEncoder.claims(key.publicKey(), "A", "account");
        nats.accept((ObjectNode) claims.get("nats"));
        return AccountClaims.decode(JwtEncoder.encode(claims, operator));
    }

    private AccountClaims exporter(boolean tokenRequired, Consumer<ObjectNode> export) throws JwtException {
        return account(exporter, n -> {
            n.putArray("signing_keys").add(exporterSigner.publicKey());
            ObjectNode e = n.putArray("exports").addObject().put("subject", "orders.>").put("type", "stream")
                    .put("token_req", tokenRequired);
            export.accept(e);
            n.withArray("exports").addObject().put("subject", "help").put("type", "service")
                    .put("response_type", "Stream");
        });
    }

    private String activation(NKeyPair signer, String subject, String kind, Consumer<ObjectNode> extra) {
        ObjectNode claims = JwtEncoder.claims(importer.publicKey(), "act", "activation");
        ObjectNode nats = (ObjectNode) claims.get("nats");
        nats.put("subject", subject).put("kind", kind);
        if (signer == exporterSigner) {
            nats.put("issuer_account", exporter.publicKey());
        }
        extra.accept(claims);
        return JwtEncoder.encode(claims, signer);
    }

    private List<ImportOptions> importsWith(AccountClaims exporterClaims, Consumer<ObjectNode> imported)
            throws JwtException {
        AccountClaims importerClaims = account(importer, n -> {
            ObjectNode i = n.putArray("imports").addObject().put("account", exporter.publicKey());
            imported.accept(i);
        });
        JwtAccountLinks.Links links = JwtAccountLinks.resolve(
                Map.of(exporter.publicKey(), exporterClaims, importer.publicKey(), importerClaims), NOW);
        return links.accounts().stream().filter(a -> a.name().equals(importer.publicKey()))
                .map(AccountOptions::imports).findFirst().orElseThrow();
    }

    @Test
    void aPublicStreamImportIsWiredWithItsLocalSubjectOrPrefix() throws JwtException {
        AccountClaims open = exporter(false, e -> { });
        assertThat(importsWith(open, i -> i.put("subject", "orders.new").put("type", "stream")))
                .containsExactly(new ImportOptions(ExportKind.STREAM, exporter.publicKey(), "orders.new", null));
        assertThat(importsWith(open, i -> i.put("subject", "orders.*").put("type", "stream")
                .put("local_subject", "mine.*"))).containsExactly(
                new ImportOptions(ExportKind.STREAM, exporter.publicKey(), "orders.*", "mine.*"));
        assertThat(importsWith(open, i -> i.put("subject", "orders.>").put("type", "stream").put("to", "ext")))
                .containsExactly(ImportOptions.prefixed(exporter.publicKey(), "orders.>", "ext"));
        assertThat(importsWith(open, i -> i.put("subject", "other").put("type", "stream")))
                .as("no export covers it").isEmpty();
        assertThat(importsWith(open, i -> i.put("subject", "orders.new").put("type", "service")))
                .as("a stream export does not open a service").isEmpty();
    }

    @Test
    void serviceImportsMapSubjectAndToAsNatsServerDoes() throws JwtException {
        AccountClaims open = exporter(false, e -> { });
        // subject is the importer's, to the exporter's.
        assertThat(importsWith(open, i -> i.put("subject", "ask").put("to", "help").put("type", "service")))
                .containsExactly(new ImportOptions(ExportKind.SERVICE, exporter.publicKey(), "help", "ask"));
        // local_subject is the importer's, subject the exporter's.
        assertThat(importsWith(open, i -> i.put("subject", "help").put("local_subject", "ask").put("type", "service")))
                .containsExactly(new ImportOptions(ExportKind.SERVICE, exporter.publicKey(), "help", "ask"));
        assertThat(importsWith(open, i -> i.put("subject", "help").put("type", "service")))
                .containsExactly(new ImportOptions(ExportKind.SERVICE, exporter.publicKey(), "help", "help"));
    }

    @Test
    void aPrivateExportNeedsAValidActivationForTheImporter() throws JwtException {
        AccountClaims closed = exporter(true, e -> { });
        Consumer<ObjectNode> plain = i -> i.put("subject", "orders.new").put("type", "stream");
        assertThat(importsWith(closed, plain)).as("no token").isEmpty();
        String token = activation(exporter, "orders.>", "stream", c -> { });
        assertThat(importsWith(closed, plain.andThen(i -> i.put("token", token)))).hasSize(1);
        String bySigner = activation(exporterSigner, "orders.new", "stream", c -> { });
        assertThat(importsWith(closed, plain.andThen(i -> i.put("token", bySigner)))).hasSize(1);
        String byStranger = activation(NKeyPair.generate(NKeyType.ACCOUNT), "orders.>", "stream", c -> { });
        assertThat(importsWith(closed, plain.andThen(i -> i.put("token", byStranger)))).isEmpty();
        String otherSubject = activation(exporter, "orders.old", "stream", c -> { });
        assertThat(importsWith(closed, plain.andThen(i -> i.put("token", otherSubject)))).isEmpty();
        String expired = activation(exporter, "orders.>", "stream", c -> c.put("exp", NOW - 1));
        assertThat(importsWith(closed, plain.andThen(i -> i.put("token", expired)))).isEmpty();
        assertThat(importsWith(closed, plain.andThen(i -> i.put("token", "garbage")))).isEmpty();
    }

    @Test
    void anActivationsExpiryIsWhenTheLinksMustBeWorkedOutAgain() throws JwtException {
        AccountClaims closed = exporter(true, e -> { });
        String token = activation(exporter, "orders.>", "stream", c -> c.put("exp", NOW + 60));
        AccountClaims importerClaims = account(importer, n -> n.putArray("imports").addObject()
                .put("account", exporter.publicKey()).put("subject", "orders.>").put("type", "stream").put("token", token));
        JwtAccountLinks.Links links = JwtAccountLinks.resolve(
                Map.of(exporter.publicKey(), closed, importer.publicKey(), importerClaims), NOW);
        assertThat(links.nextExpirySeconds()).isEqualTo(NOW + 60);
    }

    @Test
    void anExportRevokesActivationsIssuedUpToItsTime() throws JwtException {
        Consumer<ObjectNode> plain = i -> i.put("subject", "orders.new").put("type", "stream");
        String token = activation(exporter, "orders.>", "stream", c -> c.put("iat", NOW - 100));
        AccountClaims revoking = exporter(true, e -> e.putObject("revocations").put(importer.publicKey(), NOW - 100));
        assertThat(importsWith(revoking, plain.andThen(i -> i.put("token", token)))).isEmpty();
        AccountClaims revokingAll = exporter(true, e -> e.putObject("revocations").put("*", NOW - 50));
        assertThat(importsWith(revokingAll, plain.andThen(i -> i.put("token", token)))).isEmpty();
        AccountClaims revokingEarlier = exporter(true, e -> e.putObject("revocations").put(importer.publicKey(), NOW - 200));
        assertThat(importsWith(revokingEarlier, plain.andThen(i -> i.put("token", token)))).hasSize(1);
    }

    @Test
    void anAccountTokenPositionOpensTheExportToTheAccountNamedThere() throws JwtException {
        AccountClaims positional = account(exporter, n -> n.putArray("exports").addObject()
                .put("subject", "orders.*.>").put("type", "stream").put("account_token_position", 2));
        assertThat(importsWith(positional, i -> i.put("subject", "orders." + importer.publicKey() + ".>")
                .put("type", "stream"))).hasSize(1);
        assertThat(importsWith(positional, i -> i.put("subject", "orders." + exporter.publicKey() + ".>")
                .put("type", "stream"))).isEmpty();
    }
}
