package io.jnatsd.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * Compares a presented secret with a configured one, which may be a bcrypt hash
 * ({@code $2a$}, {@code $2b$}, {@code $2x$}, {@code $2y$} plus a two-digit cost), as nats-server does.
 */
public final class Passwords {
    private static final Pattern BCRYPT = Pattern.compile("^\\$2[abxy]\\$\\d{2}\\$.*");

    private Passwords() {
    }

    public static boolean isBcrypt(String configured) {
        return configured != null && BCRYPT.matcher(configured).matches();
    }

    public static boolean matches(String presented, String configured) {
        if (presented == null || configured == null) {
            return false;
        }
        if (isBcrypt(configured)) {
            // The library reads $2x$ like $2a$; both name the same algorithm for ASCII secrets.
            String hash = configured.startsWith("$2x$") ? "$2a$" + configured.substring(4) : configured;
            return BCrypt.verifyer().verify(presented.getBytes(StandardCharsets.UTF_8),
                    hash.getBytes(StandardCharsets.UTF_8)).verified;
        }
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                configured.getBytes(StandardCharsets.UTF_8));
    }
}
