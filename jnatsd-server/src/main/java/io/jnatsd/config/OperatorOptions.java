package io.jnatsd.config;

import java.util.List;
import java.util.Map;

/**
 * Operator mode: the trusted operators' JWTs ({@code operator}, each from a file or inline), the
 * bare trusted operator keys ({@code trusted} / {@code trusted_keys}: public operator NKeys
 * without a JWT, so without signing keys), the account resolver ({@code resolver}; jnatsd
 * implements {@code MEMORY}, {@code FULL} and {@code CACHE}, null when not set), the account
 * JWTs it starts with ({@code resolver_preload}: account public key to JWT) and, for the
 * directory resolvers, their directory ({@code directory}, else null).
 */
public record OperatorOptions(List<String> operatorJwts, String resolver, Map<String, String> preload,
        ResolverDirectoryOptions directory, List<String> trustedKeys) {
    public static final String MEMORY = "MEMORY";
    public static final String FULL = "FULL";
    public static final String CACHE = "CACHE";

    public OperatorOptions {
        operatorJwts = List.copyOf(operatorJwts);
        preload = Map.copyOf(preload);
        trustedKeys = List.copyOf(trustedKeys);
    }

    /** Operators given by their JWTs. */
    public OperatorOptions(List<String> operatorJwts, String resolver, Map<String, String> preload,
            ResolverDirectoryOptions directory) {
        this(operatorJwts, resolver, preload, directory, List.of());
    }

    /** The MEMORY resolver (or none). */
    public OperatorOptions(List<String> operatorJwts, String resolver, Map<String, String> preload) {
        this(operatorJwts, resolver, preload, null);
    }

    public boolean trustsOperators() {
        return !operatorJwts.isEmpty() || !trustedKeys.isEmpty();
    }
}
