package io.jnatsd.config;

import java.time.Duration;
import java.util.List;

/**
 * A stream or service export. {@code accounts} restricts who may import it (empty: public).
 * {@code responseType} applies to services: "Singleton" (default), "Stream" or "Chunked";
 * {@code responseThreshold} (services, null: nats-server's default of 2 minutes) is how long a
 * requester's reply mapping waits for a response before it expires. {@code tokenRequired} marks
 * an account JWT's private export (importers need an activation token), as {@code /accountz}
 * shows it.
 */
public record ExportOptions(ExportKind kind, String subject, List<String> accounts, String responseType,
                            Duration responseThreshold, boolean tokenRequired) {
    /** nats-server's default service response threshold. */
    public static final Duration DEFAULT_RESPONSE_THRESHOLD = Duration.ofMinutes(2);

    public enum ExportKind { STREAM, SERVICE }

    public ExportOptions {
        accounts = List.copyOf(accounts);
        if (responseThreshold != null && (responseThreshold.isZero() || responseThreshold.isNegative())) {
            responseThreshold = null;
        }
    }

    /** An export with the default response threshold. */
    public ExportOptions(ExportKind kind, String subject, List<String> accounts, String responseType) {
        this(kind, subject, accounts, responseType, null);
    }

    /** An export that needs no activation token (every export of a configuration file). */
    public ExportOptions(ExportKind kind, String subject, List<String> accounts, String responseType,
                         Duration responseThreshold) {
        this(kind, subject, accounts, responseType, responseThreshold, false);
    }

    /** The response threshold in effect: the configured one, else the default. */
    public Duration effectiveResponseThreshold() {
        return responseThreshold == null ? DEFAULT_RESPONSE_THRESHOLD : responseThreshold;
    }
}
