package io.jnatsd.config;

import io.jnatsd.config.ConfigValue.BooleanValue;
import io.jnatsd.config.ConfigValue.StringValue;
import java.util.Locale;

/**
 * The shape of a {@code jetstream} value, which jnatsd otherwise ignores ({@link UnsupportedOptions}):
 * a map, a boolean, or the words {@code enabled} / {@code disabled}. nats-server refuses anything
 * else, so a file with a typo there fails {@code -t} on both servers alike.
 */
final class JetStreamSetting {
    private JetStreamSetting() {
    }

    /** {@code inAccount}: nats-server reports the account's problem without a position. */
    static void check(ConfigEntry e, boolean inAccount, ConfigReport report) {
        ConfigValue v = e.value();
        String problem = null;
        if (v instanceof StringValue s) {
            String word = s.value().toLowerCase(Locale.ROOT);
            if (!word.equals("enabled") && !word.equals("disabled")) {
                problem = "Expected 'enabled' or 'disabled' for string value, got '" + s.value() + "'";
            }
        } else if (!(v instanceof BooleanValue) && !(v instanceof ConfigMap)) {
            problem = "Expected map, bool or string to define JetStream, got " + v.goTypeName();
        }
        if (problem != null && inAccount) {
            report.error(problem);
        } else if (problem != null) {
            report.error(e.keyPosition(), problem);
        }
    }
}
