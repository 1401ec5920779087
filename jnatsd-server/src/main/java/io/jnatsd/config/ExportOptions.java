package io.jnatsd.config;

import java.util.List;

/**
 * A stream or service export. {@code accounts} restricts who may import it (empty: public).
 * {@code responseType} applies to services: "Singleton" (default), "Stream" or "Chunked".
 */
public record ExportOptions(ExportKind kind, String subject, List<String> accounts, String responseType) {
    public enum ExportKind { STREAM, SERVICE }

    public ExportOptions {
        accounts = List.copyOf(accounts);
    }
}
