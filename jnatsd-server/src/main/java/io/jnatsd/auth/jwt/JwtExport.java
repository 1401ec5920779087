package io.jnatsd.auth.jwt;

import io.jnatsd.config.ExportOptions.ExportKind;
import java.util.Map;

/**
 * One export of an account JWT: a stream or service subject, public or (with
 * {@code token_req}) open only to accounts holding an activation token the exporter signed,
 * its revocations of such tokens (importing account or {@code "*"} to the time before which
 * tokens are revoked), the response type and response threshold of a service (nanoseconds, as
 * the JWT holds it; 0 when not set) and the account token position.
 */
public record JwtExport(String name, String subject, ExportKind kind, boolean tokenRequired,
                        Map<String, Long> revocations, String responseType, int accountTokenPosition,
                        long responseThresholdNanos) {
    public JwtExport {
        revocations = Map.copyOf(revocations);
    }

    /** Whether tokens issued to {@code importer} at {@code issuedAt} are revoked. */
    public boolean revoked(String importer, long issuedAt) {
        for (String key : new String[] {importer, "*"}) {
            Long at = revocations.get(key);
            if (at != null && issuedAt <= at) {
                return true;
            }
        }
        return false;
    }
}
