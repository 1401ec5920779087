package io.jnatsd.config;

import java.util.Locale;
import java.util.Set;

/**
 * One user of an {@code authorization { users }} list or of an account: named with a password,
 * or (with {@code nkey}, and then no name or password) proved by a signature of the server's
 * nonce. {@code account} is the account the user belongs to (null: the global account
 * {@code $G}); {@code permissions} null means the block's default permissions (or everything
 * allowed); {@code allowedConnectionTypes} empty allows every type, as in nats-server.
 */
public record UserOptions(String user, String password, Permissions permissions, String account, String nkey,
                          Set<String> allowedConnectionTypes) {
    /** The connection type of a client on the client port. */
    public static final String STANDARD = "STANDARD";

    public UserOptions {
        allowedConnectionTypes = Set.copyOf(allowedConnectionTypes);
    }

    public UserOptions(String user, String password, Permissions permissions, String account) {
        this(user, password, permissions, account, null, Set.of());
    }

    public static UserOptions nkey(String nkey, Permissions permissions, String account) {
        return new UserOptions(null, null, permissions, account, nkey, Set.of());
    }

    public boolean isNkey() {
        return nkey != null;
    }

    /** The name logs and {@code no_auth_user} know this user by: its user name or its public key. */
    public String identity() {
        return nkey != null ? nkey : user;
    }

    public boolean allowsConnectionType(String type) {
        return allowedConnectionTypes.isEmpty() || allowedConnectionTypes.contains(type.toUpperCase(Locale.ROOT));
    }

    public UserOptions withPermissions(Permissions newPermissions) {
        return new UserOptions(user, password, newPermissions, account, nkey, allowedConnectionTypes);
    }

    public UserOptions inAccount(String newAccount) {
        return new UserOptions(user, password, permissions, newAccount, nkey, allowedConnectionTypes);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "UserOptions[" + identity() + (account == null ? "" : " in " + account) + "]";
    }
}
