package io.jnatsd.auth;

import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.OperatorClaims;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;
import io.jnatsd.config.AccountOptions;
import io.jnatsd.config.AuthorizationOptions;
import io.jnatsd.config.OperatorOptions;
import io.jnatsd.config.Permissions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.UserOptions;
import io.jnatsd.protocol.ConnectOptions;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Decides who a client is from its CONNECT credentials, following nats-server's order: an NKey
 * user when the CONNECT names an {@code nkey} (its {@code sig} must sign the INFO nonce), the
 * single user, the token, then the users list (top-level {@code authorization} users land in
 * {@code $G}, or the account they name; account users land in their account). With
 * {@code tls { verify_and_map: true }} and a users list, the client certificate names the user
 * instead of the CONNECT (see {@link CertificateUsers}). Immutable: a reload builds a new one.
 */
public final class Authenticator {
    private static final String GLOBAL_ACCOUNT = "$G";

    private final AuthorizationOptions authorization;
    private final Map<String, UserOptions> users = new HashMap<>();
    private final Map<String, UserOptions> nkeyUsers = new HashMap<>();
    /** The {@code limits} of configured accounts, by account name. */
    private final Map<String, ClientLimits> accountLimits = new HashMap<>();
    /** The {@code max_leafnodes} of configured accounts that set one, by account name. */
    private final Map<String, Long> accountLeafLimits = new HashMap<>();
    private final String noAuthUser;
    private final boolean mapCertificates;
    /** Operator mode's JWT users; null without trusted operators. */
    private final JwtUsers jwtUsers;

    public Authenticator(ServerOptions options) {
        this(options, System::currentTimeMillis);
    }

    /**
     * With a clock for JWT times. Throws IllegalArgumentException for an operator configuration
     * that cannot be enforced (users or accounts beside operators, no resolver, a bad JWT).
     */
    public Authenticator(ServerOptions options, LongSupplier clockMillis) {
        this.authorization = options.authorization();
        this.jwtUsers = operatorMode(options, clockMillis);
        this.noAuthUser = options.noAuthUser();
        this.mapCertificates = options.tls() != null && options.tls().verifyAndMap();
        for (UserOptions user : authorization.users()) {
            add(user);
        }
        for (AccountOptions account : options.accounts()) {
            for (UserOptions user : account.users()) {
                add(user.inAccount(account.name()));
            }
            accountLimits.put(account.name(), new ClientLimits(account.limits().maxSubscriptions(),
                    account.limits().maxPayload(), account.limits().maxConnections()));
            accountLeafLimits.put(account.name(), account.limits().maxLeafNodes());
        }
    }

    private static JwtUsers operatorMode(ServerOptions options, LongSupplier clockMillis) {
        OperatorOptions operator = options.operator();
        if (operator == null || !operator.trustsOperators()) {
            return null;
        }
        if (options.authorization().configured()) {
            throw new IllegalArgumentException("operators do not allow users to be configured directly");
        }
        if (!options.accounts().isEmpty()) {
            throw new IllegalArgumentException("operators do not allow Accounts to be configured directly");
        }
        if (operator.directory() != null && operator.operatorJwts().isEmpty()) {
            // nats-server: "Could not start resolver: no operator key found" (trusted keys carry no signing keys).
            throw new IllegalArgumentException("Could not start resolver: no operator key found");
        }
        if (operator.resolver() == null && operator.operatorJwts().isEmpty()) {
            // Trusted keys without a resolver: nats-server starts and refuses every JWT user.
            return new JwtUsers(operator, clockMillis);
        }
        if (!OperatorOptions.MEMORY.equals(operator.resolver()) && !OperatorOptions.FULL.equals(operator.resolver())
                && !OperatorOptions.CACHE.equals(operator.resolver())) {
            throw new IllegalArgumentException(
                    "operator mode needs an account resolver; jnatsd supports resolver: MEMORY, full and cache");
        }
        return new JwtUsers(operator, clockMillis);
    }

    /**
     * Why an account JWT pushed to the resolver may not be used, or null when it may (operator
     * mode only; outside it every update is refused).
     */
    public String accountUpdateProblem(AccountClaims account) {
        return jwtUsers == null ? "not in operator mode" : jwtUsers.updateProblem(account);
    }

    /** Puts an account JWT accepted by {@link #accountUpdateProblem} in use for new and re-checked clients. */
    public void accountUpdated(AccountClaims account) {
        if (jwtUsers != null) {
            jwtUsers.update(account);
        }
    }

    /**
     * The account a connecting user's JWT belongs to when this server does not know it yet (a
     * resolver may fetch it from its peers), else null: outside operator mode, without a JWT, for
     * a JWT that does not decode, or for an account already known or deleted.
     */
    public String unknownAccountOf(String userJwt) {
        if (jwtUsers == null || userJwt == null || userJwt.isEmpty()) {
            return null;
        }
        try {
            String account = io.jnatsd.auth.jwt.UserClaims.decode(userJwt).account();
            return NKeys.isPublicKey(account, NKeyType.ACCOUNT) && !jwtUsers.knows(account) ? account : null;
        } catch (io.jnatsd.auth.jwt.JwtException e) {
            return null;
        }
    }

    /** Whether this server holds the account's JWT (the cache resolver takes updates only for those). */
    public boolean holdsAccount(String account) {
        return jwtUsers != null && jwtUsers.knows(account);
    }

    /** The account JWT in use for this account, or null (monitoring). */
    public AccountClaims accountClaims(String account) {
        return jwtUsers == null ? null : jwtUsers.account(account);
    }

    /** A resolver delete: the account's users are refused from now on. */
    public void accountDeleted(String account) {
        if (jwtUsers != null) {
            jwtUsers.delete(account);
        }
    }

    /** The operator keys that may sign a delete request: nats-server takes the first operator's. */
    public List<String> deleteSigners() {
        List<String> keys = new ArrayList<>();
        if (jwtUsers == null || jwtUsers.operators().isEmpty()) {
            return keys;
        }
        OperatorClaims first = jwtUsers.operators().get(0);
        if (!first.strictSigningKeyUsage()) {
            keys.add(first.subject());
        }
        keys.addAll(first.signingKeys());
        return keys;
    }

    /** The account's connection limit (-1: none, or an account this authenticator does not limit). */
    public long accountConnectionLimit(String account) {
        if (jwtUsers == null) {
            ClientLimits limits = accountLimits.get(account);
            return limits == null ? ClientLimits.NO_LIMIT : limits.accountConnections();
        }
        return jwtUsers.connectionLimit(account);
    }

    /** The account's leaf node connection limit (-1: none, or an account this authenticator does not limit). */
    public long accountLeafLimit(String account) {
        if (jwtUsers == null) {
            return accountLeafLimits.getOrDefault(account, ClientLimits.NO_LIMIT);
        }
        return jwtUsers.leafLimit(account);
    }

    /** The imports and exports of the account JWTs in use; null outside operator mode. */
    public JwtAccountLinks.Links jwtAccountLinks() {
        return jwtUsers == null ? null : jwtUsers.links();
    }

    /** Whether this JWT user is refused because its account revoked it. */
    public boolean revoked(ConnectAttempt attempt) {
        return jwtUsers != null && jwtUsers.revoked(attempt);
    }

    /** nats-server's start-up lines about the trusted operators; empty outside operator mode. */
    public List<String> operatorLines() {
        List<String> lines = new ArrayList<>();
        if (jwtUsers == null) {
            return lines;
        }
        lines.add("Trusted Operators");
        for (OperatorClaims operator : jwtUsers.operators()) {
            lines.add("  System  : \"" + nullToEmpty(operator.audience()) + "\"");
            lines.add("  Operator: \"" + nullToEmpty(operator.name()) + "\"");
            lines.add("  Issued  : " + OperatorTime.FORMAT.format(Instant.ofEpochSecond(operator.issuedAt())));
            lines.add("  Expires : " + (operator.expires() == 0 ? "Never"
                    : OperatorTime.FORMAT.format(Instant.ofEpochSecond(operator.expires()))));
        }
        return lines;
    }

    private void add(UserOptions user) {
        (user.isNkey() ? nkeyUsers : users).put(user.identity(), user);
    }

    /**
     * Whether a password is configured in plain text, for nats-server's start-up warning: the
     * {@code authorization} block's own and every listed user's (accounts' users included), bcrypt
     * hashes aside. A listed user without a password counts as well, unless certificates map
     * users ({@code verify_and_map}), as in nats-server.
     */
    public boolean plaintextPasswords() {
        String password = authorization.password();
        if (password != null && !password.isEmpty() && !Passwords.isBcrypt(password)) {
            return true;
        }
        for (UserOptions user : users.values()) {
            boolean none = user.password() == null || user.password().isEmpty();
            if (!(none && mapCertificates) && !Passwords.isBcrypt(user.password())) {
                return true;
            }
        }
        return false;
    }

    /** Whether clients must authenticate at all. */
    public boolean configured() {
        return authorization.configured() || !users.isEmpty() || !nkeyUsers.isEmpty() || jwtUsers != null;
    }

    /** Whether INFO carries a nonce for clients to sign: some users prove themselves with an NKey. */
    public boolean nonceRequired() {
        return !nkeyUsers.isEmpty() || jwtUsers != null;
    }

    /**
     * What nats-server logs (at error level, after the connection's prefix) when these
     * credentials are refused: the NKey or user name the client offered, when such users exist.
     */
    public String failureDescription(ConnectOptions connect) {
        if (jwtUsers != null) {
            return "authentication error";
        }
        if (!nkeyUsers.isEmpty()) {
            return "authentication error - Nkey \"" + nullToEmpty(connect.nkey) + "\"";
        }
        if (!users.isEmpty()) {
            return "authentication error - User \"" + nullToEmpty(connect.user) + "\"";
        }
        return "authentication error";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Whether INFO says {@code auth_required}: auth configured and no {@code no_auth_user}. */
    public boolean required() {
        return configured() && noAuthUser == null;
    }

    /** The identity for these credentials, or null when they are refused. */
    public AuthResult authenticate(ConnectOptions connect) {
        return authenticate(connect, null);
    }

    /**
     * The identity for these credentials and client certificate (null without TLS or without
     * one), or null when they are refused.
     */
    public AuthResult authenticate(ConnectOptions connect, X509Certificate certificate) {
        return authenticate(ConnectAttempt.of(connect, certificate));
    }

    /**
     * Whether a reload looks a client up by the user its CONNECT named: a user name or nkey while
     * users are configured in the file (not a token, no_auth_user, a certificate or operator mode).
     * nats-server closes such a client quietly when that user is gone or moved to another account,
     * for it to reconnect, and sends {@code Authorization Violation} only to one whose credentials
     * no longer pass. (It also closes clients of a single {@code user}/{@code password} on every
     * reload; jnatsd keeps those that still pass.)
     */
    public boolean namesConfiguredUser(ConnectOptions connect) {
        return jwtUsers == null && (!users.isEmpty() || !nkeyUsers.isEmpty())
                && (connect.nkey != null && !connect.nkey.isEmpty() || connect.user != null);
    }

    /** The account of the configured user {@code connect} names (see {@link #namesConfiguredUser}), if there is one. */
    public Optional<String> configuredAccountOf(ConnectOptions connect) {
        UserOptions user = connect.nkey != null && !connect.nkey.isEmpty() ? nkeyUsers.get(connect.nkey)
                : users.get(connect.user);
        return Optional.ofNullable(user).map(u -> u.account() == null ? GLOBAL_ACCOUNT : u.account());
    }

    /** The identity for this attempt, or null when it is refused. */
    public AuthResult authenticate(ConnectAttempt attempt) {
        ConnectOptions connect = attempt.connect();
        X509Certificate certificate = attempt.certificate();
        if (!configured()) {
            return new AuthResult(null, GLOBAL_ACCOUNT, null);
        }
        if (jwtUsers != null) {
            return jwtUsers.authenticate(attempt);
        }
        if (!nkeyUsers.isEmpty() && connect.nkey != null && !connect.nkey.isEmpty()) {
            return nkeyUser(attempt);
        }
        if (mapCertificates && !users.isEmpty()) {
            return certificateUser(connect, certificate);
        }
        boolean noCredentials = connect.user == null && connect.authToken == null && connect.pass == null;
        if (noCredentials && noAuthUser != null) {
            return resultFor(users.get(noAuthUser));
        }
        if (authorization.user() != null) {
            return authorization.user().equals(connect.user) && Passwords.matches(connect.pass, authorization.password())
                    ? new AuthResult(connect.user, GLOBAL_ACCOUNT, authorization.defaultPermissions()) : null;
        }
        if (authorization.token() != null) {
            return Passwords.matches(connect.authToken, authorization.token())
                    ? new AuthResult(null, GLOBAL_ACCOUNT, authorization.defaultPermissions()) : null;
        }
        UserOptions user = connect.user == null ? null : users.get(connect.user);
        if (user == null || !user.allowsConnectionType(attempt.connectionType())
                || !Passwords.matches(connect.pass, user.password())) {
            return null;
        }
        return resultFor(user);
    }

    private AuthResult nkeyUser(ConnectAttempt attempt) {
        UserOptions user = nkeyUsers.get(attempt.connect().nkey);
        if (user == null || !user.allowsConnectionType(attempt.connectionType())
                || !Nonces.verify(user.nkey(), NKeyType.USER, attempt.nonce(), attempt.connect().sig)) {
            return null;
        }
        return resultFor(user);
    }

    /** A mapped user configured with a password must still present it, as in nats-server. */
    private AuthResult certificateUser(ConnectOptions connect, X509Certificate certificate) {
        UserOptions user = CertificateUsers.find(certificate, users);
        if (user == null || !user.allowsConnectionType(UserOptions.STANDARD)) {
            return null;
        }
        boolean passwordOk = user.password() == null || user.password().isEmpty()
                ? connect.pass == null || connect.pass.isEmpty()
                : Passwords.matches(connect.pass, user.password());
        return passwordOk ? resultFor(user) : null;
    }

    private AuthResult resultFor(UserOptions user) {
        if (user == null) {
            return null;
        }
        Permissions permissions = user.permissions() != null ? user.permissions() : authorization.defaultPermissions();
        String account = user.account() == null ? GLOBAL_ACCOUNT : user.account();
        return new AuthResult(user.identity(), account, permissions, null, accountLimits.get(account));
    }

    /**
     * Go's time text for the operator lines, built only in operator mode: a pattern formatter
     * built with this class would cost every start its set-up (docs/STARTUP.md).
     */
    private static final class OperatorTime {
        static final DateTimeFormatter FORMAT =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '+0000 UTC'").withZone(ZoneOffset.UTC);
    }
}
