package io.jnatsd.config;

/**
 * A stream or service import from {@code account}. For a service, {@code subject} is the
 * exporter's subject and {@code to} the local subject the service is reachable under (null: the
 * same subject); for a stream, {@code subject} is the exporter's subject and {@code to} maps it
 * into the importer: a prefix put before every subject when {@code prefix} is set (the
 * {@code prefix} option, a JWT stream import's {@code to}), else a subject mapping. A shared
 * service import ({@code share}) passes the requester's details to the exporter in each
 * request's {@code Nats-Request-Info} header, not only its account.
 */
public record ImportOptions(ExportOptions.ExportKind kind, String account, String subject, String to, boolean prefix,
                            boolean share) {
    public ImportOptions(ExportOptions.ExportKind kind, String account, String subject, String to) {
        this(kind, account, subject, to, false, false);
    }

    public ImportOptions(ExportOptions.ExportKind kind, String account, String subject, String to, boolean prefix) {
        this(kind, account, subject, to, prefix, false);
    }

    /** The same import, shared or not. */
    public ImportOptions shared(boolean shared) {
        return new ImportOptions(kind, account, subject, to, prefix, shared);
    }

    /** A stream import whose subjects arrive under {@code prefix}. */
    public static ImportOptions prefixed(String account, String subject, String prefix) {
        return new ImportOptions(ExportOptions.ExportKind.STREAM, account, subject, prefix, true);
    }
}
