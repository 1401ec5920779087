package io.jnatsd.config;

import io.jnatsd.config.ConfigValue.ArrayValue;
import io.jnatsd.config.ConfigValue.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code server_tags}: one string or a list of them, kept as nats-server keeps them (trimmed,
 * lower case, each once, empty ones dropped), for {@code /varz}, the {@code server} object of
 * system messages and the {@code tags} filter of {@code $SYS} requests.
 */
final class ServerTags {
    private ServerTags() {
    }

    static List<String> read(ConfigEntry e) {
        ConfigValue v = e.value();
        List<String> tags = new ArrayList<>();
        if (v instanceof StringValue s) {
            add(tags, s.value());
            return tags;
        }
        if (!(v instanceof ArrayValue array)) {
            throw new ConfigException(e.keyPosition(), "error parsing tags: unsupported type " + v.goTypeName());
        }
        for (ConfigValue element : array.elements()) {
            if (!(element instanceof StringValue s)) {
                throw new ConfigException(element.position(),
                        "error parsing tags: unsupported type in array " + element.goTypeName());
            }
            add(tags, s.value());
        }
        return tags;
    }

    private static void add(List<String> tags, String tag) {
        String normal = tag.strip().toLowerCase(Locale.ROOT);
        if (!normal.isEmpty() && !tags.contains(normal)) {
            tags.add(normal);
        }
    }
}
