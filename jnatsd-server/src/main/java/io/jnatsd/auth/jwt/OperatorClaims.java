package io.jnatsd.auth.jwt;

import io.jnatsd.auth.nkey.NKeyType;
import java.util.List;

/** An operator JWT: the root of trust, self-signed, naming the keys that may sign accounts. */
public final class OperatorClaims extends Claims {
    private final List<String> signingKeys;

    private OperatorClaims(Jwt jwt) throws JwtException {
        super(jwt, "operator", NKeyType.OPERATOR);
        this.signingKeys = List.copyOf(strings(nats().get("signing_keys")));
        if (!issuer().equals(subject()) && !signingKeys.contains(issuer())) {
            throw new JwtException("operator JWT must be issued by the operator or one of its signing keys");
        }
    }

    public static OperatorClaims decode(String token) throws JwtException {
        return new OperatorClaims(Jwt.decode(token));
    }

    public List<String> signingKeys() {
        return signingKeys;
    }

    /** The system account the operator names, or null. */
    public String systemAccount() {
        return Jwt.text(nats(), "system_account");
    }

    /**
     * Whether {@code key} may sign account JWTs for this operator: one of its signing keys, or the
     * operator's own key unless it sets {@code strict_signing_key_usage}.
     */
    public boolean trusts(String key) {
        return (!strictSigningKeyUsage() && subject().equals(key)) || signingKeys.contains(key);
    }

    /** {@code strict_signing_key_usage}: accounts must be signed by a signing key, never by the operator's own key. */
    public boolean strictSigningKeyUsage() {
        return nats().path("strict_signing_key_usage").asBoolean(false);
    }
}
