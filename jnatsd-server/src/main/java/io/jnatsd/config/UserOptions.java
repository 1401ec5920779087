package io.jnatsd.config;

/**
 * One user of an {@code authorization { users }} list or of an account. {@code account} is the
 * account the user belongs to (null: the global account {@code $G}); {@code permissions} null
 * means the block's default permissions (or everything allowed).
 */
public record UserOptions(String user, String password, Permissions permissions, String account) {
}
