package io.jnatsd.config;

import io.jnatsd.config.ConfigValue.ArrayValue;
import io.jnatsd.config.ConfigValue.BooleanValue;
import io.jnatsd.config.ConfigValue.StringValue;

import io.jnatsd.protocol.GoQuote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a permissions block: {@code publish}/{@code pub}/{@code import} and
 * {@code subscribe}/{@code sub}/{@code export}, each a subject, a list (allow) or
 * {@code {allow, deny}}; plus {@code allow_responses} ({@code true} or {@code {max, expires}}).
 * Route permissions use the same block: import is the publish side, export the subscribe side.
 */
final class PermissionsReader {
    private PermissionsReader() {
    }

    static Permissions read(ConfigEntry entry) {
        if (!(entry.value() instanceof ConfigMap block)) {
            throw new ConfigException(entry.keyPosition(), "Expected permissions to be a map/struct, got " + shown(entry.value()));
        }
        SubjectPermission publish = null;
        SubjectPermission subscribe = null;
        ResponsePermission responses = null;
        for (ConfigEntry e : block.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "publish", "pub", "import" -> publish = subjects(e);
                case "subscribe", "sub", "export" -> subscribe = subjects(e);
                case "allow_responses" -> responses = responses(e);
                default -> {
                    if (!e.usedAsVariable()) {
                        throw new ConfigException(e.keyPosition(), "Unknown field " + GoQuote.quote(e.key()) + " parsing permissions");
                    }
                }
            }
        }
        return new Permissions(publish, subscribe, responses);
    }

    private static SubjectPermission subjects(ConfigEntry e) {
        ConfigValue v = e.value();
        if (v instanceof ConfigMap block) {
            List<String> allow = List.of();
            List<String> deny = List.of();
            for (ConfigEntry side : block.entries()) {
                switch (side.key().toLowerCase(Locale.ROOT)) {
                    case "allow" -> allow = subjectList(side.value());
                    case "deny" -> deny = subjectList(side.value());
                    default -> throw new ConfigException(side.keyPosition(), "Unknown field name " + GoQuote.quote(side.key())
                            + " parsing subject permissions, only 'allow' or 'deny' are permitted");
                }
            }
            return new SubjectPermission(allow, deny);
        }
        return new SubjectPermission(subjectList(v), List.of());
    }

    private static List<String> subjectList(ConfigValue v) {
        List<String> subjects = new ArrayList<>();
        if (v instanceof StringValue s) {
            subjects.add(s.value());
        } else if (v instanceof ArrayValue a) {
            for (ConfigValue element : a.elements()) {
                if (!(element instanceof StringValue s)) {
                    throw new ConfigException(element.position(), "Subject in permissions array cannot be cast to string");
                }
                subjects.add(s.value());
            }
        } else {
            // nats-server gives these two problems without a position
            throw new ConfigException(List.of("Expected subject permissions to be a subject, or array of subjects, got "
                    + v.goTypeName()));
        }
        for (String subject : subjects) {
            if (!isValidPermissionSubject(subject)) {
                throw new ConfigException(List.of("subject " + GoQuote.quote(subject) + " is not a valid subject"));
            }
        }
        return subjects;
    }

    /** Tokens are non-empty and free of whitespace; a subscribe permission may add " queue". */
    static boolean isValidPermissionSubject(String subject) {
        String s = subject;
        int space = s.indexOf(' ');
        if (space > 0 && s.indexOf(' ', space + 1) < 0 && space < s.length() - 1) {
            s = s.substring(0, space);
        }
        if (s.isEmpty()) {
            return false;
        }
        String[] tokens = s.split("\\.", -1);
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.isEmpty() || token.chars().anyMatch(Character::isWhitespace)
                    || token.equals(">") && i != tokens.length - 1) {
                return false;
            }
        }
        return true;
    }

    private static ResponsePermission responses(ConfigEntry e) {
        if (e.value() instanceof BooleanValue b) {
            return b.value() ? ResponsePermission.DEFAULT : null;
        }
        if (!(e.value() instanceof ConfigMap block)) {
            throw new ConfigException(e.keyPosition(), "error parsing response permissions, expected a boolean or a map");
        }
        int max = ResponsePermission.DEFAULT.maxMsgs();
        Duration expires = ResponsePermission.DEFAULT.expires();
        for (ConfigEntry field : block.entries()) {
            switch (field.key().toLowerCase(Locale.ROOT)) {
                case "max", "max_msgs", "max_messages", "max_responses" -> max = OptionValues.intValue(field);
                case "expires", "expiration", "ttl" -> {
                    if (!(field.value() instanceof StringValue s)) {
                        throw new ConfigException(field.keyPosition(), "error parsing expires, not a duration string");
                    }
                    expires = OptionValues.parseDuration("expires", s.value(), field.keyPosition());
                }
                default -> throw new ConfigException(field.keyPosition(), "Unknown field " + GoQuote.quote(field.key()) + " parsing permissions");
            }
        }
        return new ResponsePermission(max, expires);
    }

    /** Go's %v of a value in messages: scalars as written, maps and arrays by type. */
    static String shown(ConfigValue v) {
        if (v instanceof StringValue s) {
            return s.value();
        }
        if (v instanceof ConfigValue.IntegerValue i) {
            return Long.toString(i.value());
        }
        if (v instanceof ConfigValue.FloatValue f) {
            return new java.math.BigDecimal(Double.toString(f.value())).stripTrailingZeros().toPlainString();
        }
        return v instanceof BooleanValue b ? Boolean.toString(b.value()) : v.goTypeName();
    }
}
