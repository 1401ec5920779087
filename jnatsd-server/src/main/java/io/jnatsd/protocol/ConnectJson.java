package io.jnatsd.protocol;

import java.util.List;
import java.util.Locale;

/**
 * Reads the CONNECT that clients actually send from {@link PlainJson}'s scan, without the JSON
 * mapper, so that a fresh server's first clients need none of Jackson's classes or set-up
 * (docs/STARTUP.md). Text the scanner does not take, or a known field of the wrong JSON type,
 * gives {@code null}, and the mapper reads it instead: it alone decides what else is accepted
 * and words the errors as nats-server does, so this reader can only ever agree with it
 * (ConnectJsonTest checks both on the same inputs).
 *
 * <p>Go's rules, as the mapper applies them: field names match in any case (ASCII names here),
 * a null leaves the default, the last of repeated fields wins, fields it does not know are
 * skipped whatever their value, and no type is coerced.
 */
final class ConnectJson {
    /** Thrown wherever the input leaves the subset; one instance, no stack trace. */
    private static final PlainJson.NotPlain OUTSIDE = PlainJson.NotPlain.instance();

    private ConnectJson() {
    }

    /** The options, or null when the mapper must decide. */
    static ConnectOptions read(String json) {
        try {
            List<Object> members = PlainJson.members(json);
            ConnectOptions options = new ConnectOptions();
            for (int i = 0; i < members.size(); i += 2) {
                Object value = members.get(i + 1);
                if (value != PlainJson.NULL) {
                    // A null leaves the default, for every field.
                    set(options, (String) members.get(i), value);
                }
            }
            return options;
        } catch (PlainJson.NotPlain e) {
            return null;
        }
    }

    private static void set(ConnectOptions options, String name, Object value) {
        switch (asciiLowerCase(name)) {
            case "verbose" -> options.verbose = bool(value);
            case "pedantic" -> options.pedantic = bool(value);
            case "echo" -> options.echo = bool(value);
            case "headers" -> options.headers = bool(value);
            case "no_responders" -> options.noResponders = bool(value);
            case "tls_required" -> options.tlsRequired = bool(value);
            case "new_account" -> options.newAccount = bool(value);
            case "protocol" -> options.protocol = integer(value);
            case "name" -> options.name = text(value);
            case "lang" -> options.lang = text(value);
            case "version" -> options.version = text(value);
            case "user" -> options.user = text(value);
            case "pass" -> options.pass = text(value);
            case "auth_token" -> options.authToken = text(value);
            case "nkey" -> options.nkey = text(value);
            case "sig" -> options.sig = text(value);
            case "jwt" -> options.jwt = text(value);
            case "account" -> options.account = text(value);
            default -> {
                // A field the options do not have: skipped, as Go skips it.
            }
        }
    }

    private static boolean bool(Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw OUTSIDE;
    }

    /** Go's int: 64 bits, no fraction or exponent. */
    private static long integer(Object value) {
        if (value instanceof Long number) {
            return number;
        }
        throw OUTSIDE;
    }

    private static String text(Object value) {
        if (value instanceof String text) {
            return text;
        }
        throw OUTSIDE;
    }

    /**
     * The name in lower case when it is ASCII. Any other name goes to the mapper: Go folds some
     * non-ASCII letters onto ASCII ones (ſ onto s, the Kelvin sign onto k).
     */
    private static String asciiLowerCase(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                throw OUTSIDE;
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
