package io.jnatsd.auth.jwt;

import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;

/**
 * A user JWT: the user's public key ({@code sub}), signed by its account or one of the account's
 * signing keys (then {@code issuer_account} names the account), with what the user may do.
 */
public final class UserClaims extends Claims {
    private UserClaims(Jwt jwt) throws JwtException {
        super(jwt, "user", NKeyType.USER);
        if (!NKeys.isPublicKey(issuer(), NKeyType.ACCOUNT)) {
            throw new JwtException("user JWT issuer is not an account key");
        }
        String issuerAccount = issuerAccount();
        if (issuerAccount != null && !NKeys.isPublicKey(issuerAccount, NKeyType.ACCOUNT)) {
            throw new JwtException("issuer_account is not an account public key");
        }
    }

    public static UserClaims decode(String token) throws JwtException {
        return new UserClaims(Jwt.decode(token));
    }

    /** The account the user belongs to when a signing key signed it; null when the account did. */
    public String issuerAccount() {
        String value = Jwt.text(nats(), "issuer_account");
        return value == null || value.isEmpty() ? null : value;
    }

    /** The account the user belongs to. */
    public String account() {
        String issuerAccount = issuerAccount();
        return issuerAccount != null ? issuerAccount : issuer();
    }

    /**
     * What the user may do. nats-server's JWT library reads a version 1 user with no limits on
     * subscriptions, data and payload unless it sets them (the nsc of that time wrote none).
     */
    public UserLimits limits() {
        return new UserLimits(nats(), version() == 1 ? UserLimits.NO_LIMIT : 0);
    }
}
