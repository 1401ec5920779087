package io.jnatsd.config;

/**
 * A stream or service import from {@code account}. For a service, {@code to} is the local
 * subject the service is reachable under (null: the same subject); for a stream, {@code to}
 * (or the legacy {@code prefix}) maps the imported subjects.
 */
public record ImportOptions(ExportOptions.ExportKind kind, String account, String subject, String to) {
}
