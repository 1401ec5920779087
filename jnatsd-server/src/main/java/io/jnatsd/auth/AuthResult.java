package io.jnatsd.auth;

import io.jnatsd.config.Permissions;
import java.time.Instant;

/**
 * Who a client turned out to be: its user (null when anonymous; a public key for NKey and JWT
 * users), account and permissions (null: all allowed). {@code expires} (null: never) is when a
 * JWT user's credentials stop being valid and the connection must close; {@code limits} what
 * its account and user JWT allow it.
 */
public record AuthResult(String user, String account, Permissions permissions, Instant expires, ClientLimits limits) {
    public AuthResult {
        limits = limits == null ? ClientLimits.NONE : limits;
    }

    public AuthResult(String user, String account, Permissions permissions, Instant expires) {
        this(user, account, permissions, expires, ClientLimits.NONE);
    }

    public AuthResult(String user, String account, Permissions permissions) {
        this(user, account, permissions, null, ClientLimits.NONE);
    }
}
