package io.jnatsd.config;

import io.jnatsd.config.ConfigValue.ArrayValue;
import io.jnatsd.config.ConfigValue.BooleanValue;
import io.jnatsd.config.ConfigValue.FloatValue;
import io.jnatsd.config.ConfigValue.IntegerValue;
import io.jnatsd.config.ConfigValue.StringValue;

import io.jnatsd.protocol.GoQuote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of option values. A value of the wrong type fails with nats-server's own message
 * ({@code interface conversion: interface {} is string, not int64}) at the key's position.
 */
final class OptionValues {
    private OptionValues() {
    }

    record HostPort(String host, int port) {
    }

    static ConfigException conversion(ConfigValue value, ConfigPosition at, String wanted) {
        return new ConfigException(at, "interface conversion: interface {} is " + value.goTypeName() + ", not " + wanted);
    }

    static String string(ConfigEntry e) {
        return string(e.value(), e.keyPosition());
    }

    static String string(ConfigValue v, ConfigPosition at) {
        if (v instanceof StringValue s) {
            return s.value();
        }
        throw conversion(v, at, "string");
    }

    static long integer(ConfigEntry e) {
        if (e.value() instanceof IntegerValue i) {
            return i.value();
        }
        throw conversion(e.value(), e.keyPosition(), "int64");
    }

    /** Go's {@code int(v.(int64))}: on a 64-bit server the value is kept; we clamp to Java's int. */
    static int intValue(ConfigEntry e) {
        long v = integer(e);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    static boolean bool(ConfigEntry e) {
        if (e.value() instanceof BooleanValue b) {
            return b.value();
        }
        throw conversion(e.value(), e.keyPosition(), "bool");
    }

    static ConfigMap map(ConfigEntry e) {
        return map(e.value(), e.keyPosition());
    }

    static ConfigMap map(ConfigValue v, ConfigPosition at) {
        if (v instanceof ConfigMap m) {
            return m;
        }
        throw conversion(v, at, "map[string]interface {}");
    }

    static List<ConfigValue> array(ConfigEntry e) {
        if (e.value() instanceof ArrayValue a) {
            return a.elements();
        }
        throw conversion(e.value(), e.keyPosition(), "[]interface {}");
    }

    /** A string or a list of strings. */
    static List<String> strings(ConfigEntry e) {
        if (e.value() instanceof StringValue s) {
            return List.of(s.value());
        }
        List<String> out = new ArrayList<>();
        for (ConfigValue element : array(e)) {
            out.add(string(element, element.position()));
        }
        return out;
    }

    /** A Go duration string; a bare integer is read as seconds with nats-server's warning. */
    static Duration duration(ConfigEntry e, ConfigReport report) {
        String field = e.key();
        if (e.value() instanceof StringValue s) {
            return parseDuration(field, s.value(), e.keyPosition());
        }
        long seconds = integer(e);
        report.fieldWarning(e.keyPosition(), field, field + " should be converted to a duration");
        return Duration.ofSeconds(seconds);
    }

    static Duration parseDuration(String field, String text, ConfigPosition at) {
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException bad) {
            throw new ConfigException(at, "error parsing " + field + ": " + bad.getMessage());
        }
    }

    /** Seconds given as an integer, a float or a duration string (auth and TLS timeouts); null if none. */
    static Duration seconds(ConfigValue v) {
        if (v instanceof IntegerValue i) {
            return Duration.ofSeconds(i.value());
        }
        if (v instanceof FloatValue f) {
            return Duration.ofNanos(Math.round(f.value() * 1e9));
        }
        if (v instanceof StringValue s) {
            try {
                return GoDuration.parse(s.value());
            } catch (IllegalArgumentException notADuration) {
                return null;
            }
        }
        return null;
    }

    /** {@code port} or {@code "host:port"}, as nats-server's listen parsing. */
    static HostPort hostPort(ConfigEntry e) {
        ConfigValue v = e.value();
        if (v instanceof IntegerValue i) {
            return new HostPort("", (int) i.value());
        }
        if (!(v instanceof StringValue s)) {
            throw new ConfigException(e.keyPosition(), "expected port or host:port, got " + v.goTypeName());
        }
        String text = s.value();
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? null : text.substring(0, colon);
        boolean bracketed = host != null && host.startsWith("[");
        // Go's SplitHostPort: no other bracket may stand outside an IPv6 host's pair
        boolean strayBracket = host != null && (text.indexOf('[', bracketed ? 1 : 0) >= 0
                || text.indexOf(']', bracketed ? host.indexOf(']') + 1 : 0) >= 0);
        if (host == null || strayBracket || host.contains(":") && !(bracketed && host.endsWith("]"))) {
            throw new ConfigException(e.keyPosition(), "could not parse address string " + GoQuote.quote(text));
        }
        if (bracketed) {
            host = host.substring(1, host.length() - 1);
        }
        String port = text.substring(colon + 1);
        try {
            return new HostPort(host, Integer.parseInt(port));
        } catch (NumberFormatException notANumber) {
            throw new ConfigException(e.keyPosition(), "could not parse port " + GoQuote.quote(port));
        }
    }
}
