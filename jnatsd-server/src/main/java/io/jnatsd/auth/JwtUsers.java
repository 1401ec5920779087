package io.jnatsd.auth;

import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.AccountLimits;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.jwt.OperatorClaims;
import io.jnatsd.auth.jwt.UserClaims;
import io.jnatsd.auth.jwt.UserLimits;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.config.OperatorOptions;
import io.jnatsd.config.Permissions;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator mode: a client proves who it is with a user JWT and a signature of the INFO nonce by
 * the user's key. The checks follow nats-server's order: the JWT's signature and times, allowed
 * connection types, the account (from the MEMORY or full resolver) signed by a trusted operator key, the
 * user signed by the account or one of its signing keys (a scoped key's template replaces the
 * user's permissions), the account's expiry and bearer-token rule, the nonce signature (skipped
 * for bearer tokens), revocations, source networks and connect times. Each refusal is logged at
 * debug level with nats-server's reason; nothing logged carries a secret.
 *
 * <p>The user's subs and payload limits, each the smaller of the user JWT's (or its scope
 * template's) and the account's, and the account's connection limit go with the result for
 * the connection to enforce; {@code data} is not enforced, as in nats-server.
 */
final class JwtUsers {
    private static final Logger LOG = LoggerFactory.getLogger(JwtUsers.class);

    private final List<OperatorClaims> operators = new ArrayList<>();
    /** {@code trusted_keys}: operator keys trusted without an operator JWT. */
    private final List<String> trustedKeys;
    /** Accounts deleted through the resolver: known (not fetched again) but refused until a new JWT. */
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    /** Account JWTs by public key; the full resolver replaces entries while clients connect. */
    private final Map<String, AccountClaims> accounts = new ConcurrentHashMap<>();
    private final LongSupplier clockMillis;

    JwtUsers(OperatorOptions options, LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
        this.trustedKeys = options.trustedKeys();
        try {
            for (String token : options.operatorJwts()) {
                operators.add(OperatorClaims.decode(token));
            }
            for (Map.Entry<String, String> entry : options.preload().entrySet()) {
                AccountClaims account = AccountClaims.decode(entry.getValue());
                if (account.validationErrors().isEmpty()) {
                    accounts.put(entry.getKey(), account);
                } else {
                    LOG.warn("Preloaded account {} not loaded: validation errors: {}", entry.getKey(),
                            account.validationErrors());
                }
            }
        } catch (JwtException e) {
            throw new IllegalArgumentException("invalid JWT in operator configuration: " + e.getMessage());
        }
        if (options.directory() != null) {
            loadDirectory(options);
        }
    }

    /**
     * The full resolver's stored accounts. A file that is not a valid account JWT this server can
     * enforce leaves its account unknown (its users are refused) rather than stopping the server:
     * the directory may have been written by a peer.
     */
    private void loadDirectory(OperatorOptions options) {
        Map<String, String> stored;
        try {
            stored = new AccountJwtDirectory(options.directory()).all();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the resolver directory " + options.directory().dir()
                    + ": " + e.getMessage());
        }
        stored.forEach((key, token) -> {
            try {
                AccountClaims account = AccountClaims.decode(token);
                String problem = account.subject().equals(key) ? updateProblem(account) : "subject does not match file name";
                if (problem != null) {
                    LOG.warn("DirResolver - account {} not loaded: {}", key, problem);
                } else {
                    accounts.put(key, account);
                }
            } catch (JwtException e) {
                LOG.warn("DirResolver - account {} not loaded: {}", key, e.getMessage());
            }
        });
    }

    /**
     * Why this account JWT may not replace the one in use, or null when it may: it must be signed
     * by a trusted operator or one of its signing keys and pass nats-server's JWT validation
     * (import and export counts, wildcard exports, types).
     */
    String updateProblem(AccountClaims account) {
        if (!trustedIssuer(account.issuer())) {
            boolean ownKey = operators.stream().anyMatch(o -> o.strictSigningKeyUsage() && o.subject().equals(account.issuer()));
            return ownKey ? "operator requires issuer to be a signing key" : "not signed by a trusted operator";
        }
        List<String> errors = account.validationErrors();
        return errors.isEmpty() ? null : "validation errors: " + errors;
    }

    private boolean trustedIssuer(String key) {
        return trustedKeys.contains(key) || operators.stream().anyMatch(o -> o.trusts(key));
    }

    /** Puts an account JWT (checked with {@link #updateProblem}) in use. */
    void update(AccountClaims account) {
        accounts.put(account.subject(), account);
        deleted.remove(account.subject());
    }

    /** Whether this server holds the account's JWT, or deleted it (then it is not fetched again). */
    boolean knows(String account) {
        return accounts.containsKey(account) || deleted.contains(account);
    }

    /** The account JWT in use, or null. */
    AccountClaims account(String account) {
        return accounts.get(account);
    }

    /** A delete request removed the account: its users are refused until a new JWT arrives. */
    void delete(String account) {
        deleted.add(account);
        accounts.remove(account);
    }

    /** The account JWT's connection limit; -1 for an unknown account. */
    long connectionLimit(String account) {
        AccountClaims claims = accounts.get(account);
        return claims == null ? ClientLimits.NO_LIMIT : claims.connections();
    }

    long leafLimit(String account) {
        AccountClaims claims = accounts.get(account);
        return claims == null ? ClientLimits.NO_LIMIT : claims.limits().leafNodeConnections();
    }

    /** The imports and exports of the known accounts, as nats-server would wire them now. */
    JwtAccountLinks.Links links() {
        return JwtAccountLinks.resolve(Map.copyOf(accounts), clockMillis.getAsLong() / 1000);
    }

    List<OperatorClaims> operators() {
        return operators;
    }

    /** Whether the attempt's user JWT is revoked by its account (the reason an account update closes it). */
    boolean revoked(ConnectAttempt attempt) {
        try {
            UserClaims user = UserClaims.decode(attempt.connect().jwt);
            AccountClaims account = accounts.get(user.account());
            return account != null && account.revoked(user.subject(), user.issuedAt());
        } catch (JwtException e) {
            return false;
        }
    }

    AuthResult authenticate(ConnectAttempt attempt) {
        try {
            return check(attempt);
        } catch (JwtException e) {
            LOG.debug("JWT authentication refused: {}", e.getMessage());
            return null;
        }
    }

    private AuthResult check(ConnectAttempt attempt) throws JwtException {
        String token = attempt.connect().jwt;
        if (token == null || token.isEmpty()) {
            throw new JwtException("Authentication requires a user JWT");
        }
        UserClaims user;
        try {
            user = UserClaims.decode(token);
        } catch (JwtException e) {
            throw new JwtException("User JWT not valid: " + e.getMessage());
        }
        long nowSeconds = clockMillis.getAsLong() / 1000;
        try {
            user.checkTimes(nowSeconds);
        } catch (JwtException e) {
            throw new JwtException("User JWT no longer valid: " + e.getMessage());
        }
        UserLimits limits = user.limits();
        if (!ConnectionTypes.allows(limits.allowedConnectionTypes(), attempt.connectionType())) {
            throw new JwtException("Connection type not allowed");
        }
        AccountClaims account = accounts.get(user.account());
        if (account == null) {
            throw new JwtException("Account JWT lookup error: account not found");
        }
        if (!trustedIssuer(account.issuer())) {
            throw new JwtException("Account JWT not signed by trusted operator");
        }
        if (!account.mayIssueUsers(user.issuer())) {
            throw new JwtException("User JWT issuer is not known");
        }
        UserLimits scope = account.scope(user.issuer());
        if (scope != null) {
            if (!limits.isEmpty()) {
                throw new JwtException("User JWT is not valid: scoped users require no permissions or limits set");
            }
            limits = scope;
        }
        try {
            account.checkTimes(nowSeconds);
        } catch (JwtException e) {
            throw new JwtException("Account JWT has expired");
        }
        if (limits.bearerToken() && account.disallowsBearerTokens()) {
            throw new JwtException("Account does not allow bearer token");
        }
        if (!limits.bearerToken() && !Nonces.verify(user.subject(), NKeyType.USER, attempt.nonce(), attempt.connect().sig)) {
            throw new JwtException("Signature not verified");
        }
        if (account.revoked(user.subject(), user.issuedAt())) {
            throw new JwtException("User authentication revoked");
        }
        if (!SourceNetworks.allows(limits.sourceNetworks(), attempt.address())) {
            throw new JwtException("Bad src Ip " + attempt.address());
        }
        Instant windowEnd = ConnectTimes.windowEnd(limits.times(), limits.timesLocation(), clockMillis.getAsLong());
        if (windowEnd == null) {
            throw new JwtException("Outside connect times");
        }
        Permissions permissions = limits.permissions() != null ? limits.permissions() : account.defaultPermissions();
        Instant expires = user.expires() > 0 ? Instant.ofEpochSecond(user.expires()) : Instant.MAX;
        if (windowEnd.isBefore(expires)) {
            expires = windowEnd;
        }
        AccountLimits accountLimits = account.limits();
        ClientLimits clientLimits = new ClientLimits(ClientLimits.min(limits.subscriptions(), accountLimits.subscriptions()),
                ClientLimits.min(limits.payload(), accountLimits.payload()), accountLimits.connections());
        return new AuthResult(user.subject(), account.subject(), permissions, expires.equals(Instant.MAX) ? null : expires,
                clientLimits);
    }
}
