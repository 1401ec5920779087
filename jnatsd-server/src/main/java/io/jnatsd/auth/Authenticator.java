package io.jnatsd.auth;

import io.jnatsd.config.AccountOptions;
import io.jnatsd.config.AuthorizationOptions;
import io.jnatsd.config.Permissions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.UserOptions;
import io.jnatsd.protocol.ConnectOptions;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides who a client is from its CONNECT credentials, following nats-server's order: the
 * single user, the token, then the users list (top-level {@code authorization} users land in
 * {@code $G}, or the account they name; account users land in their account). With
 * {@code tls { verify_and_map: true }} and a users list, the client certificate names the user
 * instead of the CONNECT (see {@link CertificateUsers}). Immutable: a reload builds a new one.
 */
public final class Authenticator {
    private static final String GLOBAL_ACCOUNT = "$G";

    private final AuthorizationOptions authorization;
    private final Map<String, UserOptions> users = new HashMap<>();
    private final String noAuthUser;
    private final boolean mapCertificates;

    public Authenticator(ServerOptions options) {
        this.authorization = options.authorization();
        this.noAuthUser = options.noAuthUser();
        this.mapCertificates = options.tls() != null && options.tls().verifyAndMap();
        for (UserOptions user : authorization.users()) {
            users.put(user.user(), user);
        }
        for (AccountOptions account : options.accounts()) {
            for (UserOptions user : account.users()) {
                users.put(user.user(), new UserOptions(user.user(), user.password(), user.permissions(), account.name()));
            }
        }
    }

    /** Whether clients must authenticate at all. */
    public boolean configured() {
        return authorization.configured() || !users.isEmpty();
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
        if (!configured()) {
            return new AuthResult(null, GLOBAL_ACCOUNT, null);
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
        if (user == null || !Passwords.matches(connect.pass, user.password())) {
            return null;
        }
        return resultFor(user);
    }

    /** A mapped user configured with a password must still present it, as in nats-server. */
    private AuthResult certificateUser(ConnectOptions connect, X509Certificate certificate) {
        UserOptions user = CertificateUsers.find(certificate, users);
        if (user == null) {
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
        return new AuthResult(user.user(), user.account() == null ? GLOBAL_ACCOUNT : user.account(), permissions);
    }
}
