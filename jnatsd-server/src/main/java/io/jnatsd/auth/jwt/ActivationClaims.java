package io.jnatsd.auth.jwt;

import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;
import io.jnatsd.config.ExportOptions.ExportKind;
import java.util.Locale;

/**
 * An activation token: the exporting account (or one of its signing keys, then
 * {@code issuer_account} names the account) lets the account in {@code sub} import the
 * subject in {@code nats.subject} of kind {@code nats.kind}.
 */
public final class ActivationClaims extends Claims {
    private final ExportKind kind;

    private ActivationClaims(Jwt jwt) throws JwtException {
        super(jwt, "activation", NKeyType.ACCOUNT);
        if (!NKeys.isPublicKey(issuer(), NKeyType.ACCOUNT) && !NKeys.isPublicKey(issuer(), NKeyType.OPERATOR)) {
            throw new JwtException("activation issuer is not an account or operator key");
        }
        String issuerAccount = issuerAccount();
        if (issuerAccount != null && !NKeys.isPublicKey(issuerAccount, NKeyType.ACCOUNT)) {
            throw new JwtException("account_id is not an account public key");
        }
        this.kind = AccountClaims.kind(Jwt.text(nats(), "kind"));
        if (kind == null) {
            throw new JwtException("invalid export type: \"" + Jwt.text(nats(), "kind") + "\"");
        }
        if (importSubject() == null || importSubject().isEmpty()) {
            throw new JwtException("subject cannot be empty");
        }
        if (kind == ExportKind.SERVICE && AccountClaims.hasWildcards(importSubject())) {
            throw new JwtException("services cannot have wildcard subject: \"" + importSubject() + "\"");
        }
    }

    public static ActivationClaims decode(String token) throws JwtException {
        return new ActivationClaims(Jwt.decode(token));
    }

    /** The exported subject this token opens (may hold wildcards for streams). */
    public String importSubject() {
        return Jwt.text(nats(), "subject");
    }

    public ExportKind kind() {
        return kind;
    }

    /** The exporting account when a signing key signed the token, else null. */
    public String issuerAccount() {
        String value = Jwt.text(nats(), "issuer_account");
        return value == null || value.isEmpty() ? null : value;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " activation of " + importSubject() + " for " + subject();
    }
}
