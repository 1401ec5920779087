package io.jnatsd.config;

import io.jnatsd.config.ConfigValue.ArrayValue;
import io.jnatsd.config.ConfigValue.IntegerValue;
import io.jnatsd.config.ConfigValue.StringValue;
import io.jnatsd.protocol.GoQuote;
import io.jnatsd.subject.SubjectTransform;
import io.jnatsd.subject.Subjects;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads {@code mappings} (alias {@code maps}), at the top level for the global account or inside an
 * account: {@code source: "dest"}, {@code source: {destination, weight, cluster}} or a list of such
 * destinations, and checks them as nats-server does when it adds them, with its error texts.
 */
final class MappingsReader {
    private MappingsReader() {
    }

    static List<MappingOptions> read(ConfigEntry entry) {
        List<MappingOptions> mappings = new ArrayList<>();
        for (ConfigEntry e : OptionValues.map(entry).entries()) {
            String source = e.key();
            if (!Subjects.isValidSubject(source)) {
                throw new ConfigException(entry.keyPosition(), "Subject " + GoQuote.quote(source) + " is not a valid subject");
            }
            List<MappingOptions.Destination> destinations = new ArrayList<>();
            ConfigValue value = e.value();
            if (value instanceof StringValue plain) {
                destinations.add(new MappingOptions.Destination(plain.value(), 100, ""));
            } else if (value instanceof ArrayValue list) {
                // a listed destination's problems are placed at it, a lone one's at the mapping's key
                list.elements().forEach(element -> destinations.add(destination(element, element.position())));
            } else {
                destinations.add(destination(value, e.keyPosition()));
            }
            MappingOptions mapping = new MappingOptions(source, destinations);
            String problem = problem(mapping);
            // nats-server places these at the mapping's key, and names the destination of the plain form only
            if (problem != null && value instanceof StringValue plain) {
                throw new ConfigException(e.keyPosition(), "Error adding mapping for \"" + source + "\" to \""
                        + plain.value() + "\" : " + problem);
            }
            if (problem != null) {
                throw new ConfigException(e.keyPosition(), "Error adding mapping for \"" + source + "\" : " + problem);
            }
            mappings.add(mapping);
        }
        return mappings;
    }

    /**
     * What nats-server refuses in a mapping's destinations, or null: a subject twice, a weight over
     * 100, weights summing over 100 (counted over all destinations, scoped or not, as nats-server
     * counts them), an invalid destination.
     */
    static String problem(MappingOptions mapping) {
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (MappingOptions.Destination destination : mapping.destinations()) {
            if (!seen.add(destination.subject())) {
                return "duplicate entry for \"" + destination.subject() + "\"";
            }
            if (destination.weight() > 100) {
                return "individual weights need to be <= 100";
            }
            total += destination.weight();
            if (total > 100) {
                return "total weight needs to be <= 100";
            }
            try {
                SubjectTransform.compile(mapping.source(), destination.subject());
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        return null;
    }

    private static MappingOptions.Destination destination(ConfigValue value, ConfigPosition at) {
        if (!(value instanceof ConfigMap block)) {
            throw new ConfigException(at, "Expected an entry for the mapping destination");
        }
        String subject = "";
        Integer weight = null;
        String cluster = "";
        for (ConfigEntry e : block.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "dest", "destination" -> subject = OptionValues.string(e);
                case "weight" -> weight = weight(e);
                case "cluster" -> cluster = OptionValues.string(e);
                default -> throw new ConfigException(e.keyPosition(), "Unknown field " + GoQuote.quote(e.key()) + " for mapping destination");
            }
        }
        if (weight == null) {
            throw new ConfigException(at, "Missing weight for mapping destination \"" + subject + "\"");
        }
        return new MappingOptions.Destination(subject, weight, cluster);
    }

    /** {@code 50}, {@code "50"} or {@code 50%}, from 0 to 100. */
    private static int weight(ConfigEntry e) {
        long weight;
        if (e.value() instanceof StringValue text) {
            String digits = text.value().endsWith("%") ? text.value().substring(0, text.value().length() - 1) : text.value();
            try {
                weight = Long.parseLong(digits);
            } catch (NumberFormatException ex) {
                throw new ConfigException(e.keyPosition(), "Invalid weight \"" + digits + "\" for mapping destination");
            }
        } else if (e.value() instanceof IntegerValue number) {
            weight = number.value();
        } else {
            throw new ConfigException(e.keyPosition(), "Unknown entry type for weight of " + e.value());
        }
        if (weight > 100 || weight < 0) {
            throw new ConfigException(e.keyPosition(), "Invalid weight " + weight + " for mapping destination");
        }
        return (int) weight;
    }
}
