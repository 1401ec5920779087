package io.jnatsd.config;

import java.util.List;
import java.util.Map;

/**
 * Operator mode: the trusted operators' JWTs ({@code operator}, each from a file or inline), the
 * account resolver ({@code resolver}; jnatsd implements {@code MEMORY} and {@code FULL}, null when
 * not set), the account JWTs it starts with ({@code resolver_preload}: account public key to JWT)
 * and, for {@code FULL}, the directory that stores them ({@code directory}, else null).
 */
public record OperatorOptions(List<String> operatorJwts, String resolver, Map<String, String> preload,
        ResolverDirectoryOptions directory) {
    public static final String MEMORY = "MEMORY";
    public static final String FULL = "FULL";

    public OperatorOptions {
        operatorJwts = List.copyOf(operatorJwts);
        preload = Map.copyOf(preload);
    }

    /** The MEMORY resolver (or none). */
    public OperatorOptions(List<String> operatorJwts, String resolver, Map<String, String> preload) {
        this(operatorJwts, resolver, preload, null);
    }

    public boolean trustsOperators() {
        return !operatorJwts.isEmpty();
    }
}
