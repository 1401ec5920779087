package io.jnatsd.config;

import java.util.List;
import java.util.Map;

/**
 * Operator mode: the trusted operators' JWTs ({@code operator}, each from a file or inline), the
 * account resolver ({@code resolver}; jnatsd implements {@code MEMORY}, null when not set) and
 * the account JWTs it starts with ({@code resolver_preload}: account public key to JWT).
 */
public record OperatorOptions(List<String> operatorJwts, String resolver, Map<String, String> preload) {
    public static final String MEMORY = "MEMORY";

    public OperatorOptions {
        operatorJwts = List.copyOf(operatorJwts);
        preload = Map.copyOf(preload);
    }

    public boolean trustsOperators() {
        return !operatorJwts.isEmpty();
    }
}
