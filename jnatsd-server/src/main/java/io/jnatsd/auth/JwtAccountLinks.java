package io.jnatsd.auth;

import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.ActivationClaims;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.jwt.JwtExport;
import io.jnatsd.auth.jwt.JwtImport;
import io.jnatsd.config.AccountOptions;
import io.jnatsd.config.ExportOptions;
import io.jnatsd.config.ExportOptions.ExportKind;
import io.jnatsd.config.ImportOptions;
import io.jnatsd.subject.Subjects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the imports and exports of the known account JWTs into the same account model the
 * configuration file gives ({@link AccountOptions}), keeping only the imports nats-server would
 * add: the exporting account is known, one of its exports of the same kind covers the subject,
 * and that export is public, or names the importer at its account token position, or requires
 * a token and the import carries an activation the exporter (or one of its signing keys)
 * signed for this importer and subject, neither expired nor revoked by the export.
 *
 * <p>The JWT words are mapped as nats-server maps them: a stream's {@code local_subject} maps
 * the exporter's subjects, its legacy {@code to} is a prefix; a service's {@code local_subject}
 * is the subject in the importer and {@code subject} the exporter's, else {@code subject} is
 * local and {@code to} (or {@code subject}) the exporter's.
 */
public final class JwtAccountLinks {
    private static final Logger LOG = LoggerFactory.getLogger(JwtAccountLinks.class);

    /**
     * The accounts with their usable imports, and the earliest time (epoch seconds) an
     * activation in use expires ({@code Long.MAX_VALUE}: none does), when they must be worked out again.
     */
    public record Links(List<AccountOptions> accounts, long nextExpirySeconds) {
    }

    private JwtAccountLinks() {
    }

    static Links resolve(Map<String, AccountClaims> accounts, long nowSeconds) {
        List<AccountOptions> out = new ArrayList<>();
        long nextExpiry = Long.MAX_VALUE;
        for (AccountClaims account : accounts.values()) {
            List<ImportOptions> imports = new ArrayList<>();
            for (JwtImport imported : account.imports()) {
                AccountClaims exporter = imported.account() == null ? null : accounts.get(imported.account());
                if (imported.kind() == null || imported.subject() == null) {
                    continue;
                }
                if (exporter == null) {
                    LOG.error("Can't locate account [{}] for import of [{}] {}", imported.account(), imported.subject(),
                            imported.kind().name().toLowerCase(java.util.Locale.ROOT));
                    continue;
                }
                ImportOptions mapped = map(imported);
                long expiry = authorization(exporter, account.subject(), imported, mapped.subject(), nowSeconds);
                if (expiry < 0) {
                    LOG.debug("Error adding {} import to account [{}]: not authorized", imported.kind(), account.subject());
                    continue;
                }
                nextExpiry = Math.min(nextExpiry, expiry);
                imports.add(mapped);
            }
            out.add(new AccountOptions(account.subject(), List.of(), exports(account), imports, null, account.mappings()));
        }
        return new Links(out, nextExpiry);
    }

    private static ImportOptions map(JwtImport in) {
        return mapSubjects(in).shared(in.share() && in.kind() == ExportKind.SERVICE);
    }

    private static ImportOptions mapSubjects(JwtImport in) {
        if (in.kind() == ExportKind.STREAM) {
            if (present(in.localSubject())) {
                return new ImportOptions(ExportKind.STREAM, in.account(), in.subject(), in.localSubject());
            }
            return present(in.to()) ? ImportOptions.prefixed(in.account(), in.subject(), in.to())
                    : new ImportOptions(ExportKind.STREAM, in.account(), in.subject(), null);
        }
        if (present(in.localSubject())) {
            return new ImportOptions(ExportKind.SERVICE, in.account(), in.subject(), in.localSubject());
        }
        String remote = present(in.to()) ? in.to() : in.subject();
        return new ImportOptions(ExportKind.SERVICE, in.account(), remote, in.subject());
    }

    private static List<ExportOptions> exports(AccountClaims account) {
        List<ExportOptions> out = new ArrayList<>();
        for (JwtExport export : account.exports()) {
            if (export.kind() != null && export.subject() != null) {
                String responseType = export.kind() == ExportKind.SERVICE
                        ? (present(export.responseType()) ? export.responseType() : "Singleton") : null;
                long thresholdNanos = export.responseThresholdNanos();
                out.add(new ExportOptions(export.kind(), export.subject(), List.of(), responseType,
                        export.kind() == ExportKind.SERVICE && thresholdNanos > 0 ? Duration.ofNanos(thresholdNanos) : null,
                        export.tokenRequired()));
            }
        }
        return out;
    }

    /**
     * -1 when the import is not authorized, else when its authorization ends (epoch seconds,
     * {@code Long.MAX_VALUE} for never). An exact export wins over one that covers the subject.
     */
    private static long authorization(AccountClaims exporter, String importer, JwtImport imported, String subject,
                                      long nowSeconds) {
        JwtExport match = null;
        for (JwtExport export : exporter.exports()) {
            if (export.kind() == imported.kind() && export.subject() != null && Subjects.isValidSubject(subject)
                    && Subjects.isSubsetOf(subject, export.subject())
                    && (match == null || export.subject().equals(subject))) {
                match = export;
            }
        }
        if (match == null) {
            return -1;
        }
        if (match.accountTokenPosition() > 0) {
            String[] tokens = subject.split("\\.", -1);
            int at = match.accountTokenPosition();
            return at <= tokens.length && tokens[at - 1].equals(importer) ? Long.MAX_VALUE : -1;
        }
        if (!match.tokenRequired()) {
            return Long.MAX_VALUE;
        }
        return activation(exporter, importer, imported, subject, match, nowSeconds);
    }

    private static long activation(AccountClaims exporter, String importer, JwtImport imported, String subject,
                                   JwtExport export, long nowSeconds) {
        if (!present(imported.token())) {
            return -1;
        }
        ActivationClaims activation;
        try {
            activation = ActivationClaims.decode(imported.token());
        } catch (JwtException e) {
            LOG.debug("Activation token of import {} in account {} not valid: {}", imported.subject(), importer,
                    e.getMessage());
            return -1;
        }
        boolean trusted = activation.issuer().equals(exporter.subject())
                || (exporter.subject().equals(activation.issuerAccount()) && exporter.mayIssueUsers(activation.issuer()));
        if (!trusted || !importer.equals(activation.subject()) || activation.kind() != imported.kind()
                || !Subjects.isSubsetOf(subject, activation.importSubject())) {
            return -1;
        }
        if (activation.expires() != 0 && activation.expires() <= nowSeconds) {
            return -1;
        }
        if (export.revoked(activation.subject(), activation.issuedAt())) {
            return -1;
        }
        return activation.expires() == 0 ? Long.MAX_VALUE : activation.expires();
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }
}
