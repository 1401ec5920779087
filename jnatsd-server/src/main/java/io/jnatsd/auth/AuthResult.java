package io.jnatsd.auth;

import io.jnatsd.config.Permissions;

/** Who a client turned out to be: its user (null when anonymous), account and permissions (null: all allowed). */
public record AuthResult(String user, String account, Permissions permissions) {
}
