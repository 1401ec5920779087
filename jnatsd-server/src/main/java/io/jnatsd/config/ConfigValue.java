package io.jnatsd.config;

import java.time.Instant;
import java.util.List;

/**
 * One value of the parsed configuration tree. Every value remembers where it was written so that
 * the option loader can report problems at the right line.
 *
 * <p>{@link #goTypeName()} names the type the way nats-server's messages do
 * ({@code interface conversion: interface {} is string, not int64}), so jnatsd's messages match.
 */
public sealed interface ConfigValue
        permits ConfigValue.StringValue, ConfigValue.IntegerValue, ConfigValue.FloatValue,
        ConfigValue.BooleanValue, ConfigValue.DatetimeValue, ConfigValue.ArrayValue, ConfigMap {

    ConfigPosition position();

    String goTypeName();

    /** The same value as if written at {@code at}; used when a variable reference copies a value. */
    ConfigValue at(ConfigPosition at);

    record StringValue(String value, ConfigPosition position) implements ConfigValue {
        public String goTypeName() { return "string"; }
        public ConfigValue at(ConfigPosition at) { return new StringValue(value, at); }
    }

    record IntegerValue(long value, ConfigPosition position) implements ConfigValue {
        public String goTypeName() { return "int64"; }
        public ConfigValue at(ConfigPosition at) { return new IntegerValue(value, at); }
    }

    record FloatValue(double value, ConfigPosition position) implements ConfigValue {
        public String goTypeName() { return "float64"; }
        public ConfigValue at(ConfigPosition at) { return new FloatValue(value, at); }
    }

    record BooleanValue(boolean value, ConfigPosition position) implements ConfigValue {
        public String goTypeName() { return "bool"; }
        public ConfigValue at(ConfigPosition at) { return new BooleanValue(value, at); }
    }

    record DatetimeValue(Instant value, ConfigPosition position) implements ConfigValue {
        public String goTypeName() { return "time.Time"; }
        public ConfigValue at(ConfigPosition at) { return new DatetimeValue(value, at); }
    }

    record ArrayValue(List<ConfigValue> elements, ConfigPosition position) implements ConfigValue {
        public ArrayValue {
            elements = List.copyOf(elements);
        }
        public String goTypeName() { return "[]interface {}"; }
        public ConfigValue at(ConfigPosition at) { return new ArrayValue(elements, at); }
    }
}
