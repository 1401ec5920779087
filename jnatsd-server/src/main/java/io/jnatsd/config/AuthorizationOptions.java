package io.jnatsd.config;

import java.time.Duration;
import java.util.List;

/**
 * The top-level {@code authorization {}} block (or the {@code --user/--pass/--auth} flags):
 * one user, one token, or a list of users. Passwords and tokens may be bcrypt hashes.
 * {@code timeout} is the auth timeout (nats-server's default 2 s).
 */
public record AuthorizationOptions(
        String user,
        String password,
        String token,
        List<UserOptions> users,
        Duration timeout,
        Permissions defaultPermissions) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final AuthorizationOptions NONE =
            new AuthorizationOptions(null, null, null, List.of(), DEFAULT_TIMEOUT, null);

    public AuthorizationOptions {
        users = List.copyOf(users);
    }

    public static AuthorizationOptions userPassword(String user, String password) {
        return new AuthorizationOptions(user, password, null, List.of(), DEFAULT_TIMEOUT, null);
    }

    public static AuthorizationOptions token(String token) {
        return new AuthorizationOptions(null, null, token, List.of(), DEFAULT_TIMEOUT, null);
    }

    public boolean configured() {
        return user != null || token != null || !users.isEmpty();
    }
}
