package io.jnatsd.config;

import io.jnatsd.config.ConfigValue.BooleanValue;
import io.jnatsd.config.ConfigValue.StringValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code compression} setting of a server-to-server link (LEAFNODES.md §11, ROUTES.md §10): a
 * mode name (canonical, or an unknown name kept as written for the start-up check) and the
 * {@code s2_auto} round-trip thresholds (empty: nats-server's 10 ms, 50 ms, 100 ms).
 */
public record LinkCompression(String mode, List<Duration> rttThresholds) {
    /** Leaf connections compress by default, unlike routes (LEAFNODES.md §2.1). */
    public static final LinkCompression LEAF_DEFAULT = new LinkCompression(CompressionModes.S2_AUTO, List.of());
    private static final int MAX_RTT_THRESHOLDS = 4;

    public LinkCompression {
        rttThresholds = List.copyOf(rttThresholds);
    }

    public static LinkCompression of(String mode) {
        return new LinkCompression(CompressionModes.canonical(mode), List.of());
    }

    /** Whether nats-server knows this mode (an unknown one passes {@code -t} and stops the start). */
    public boolean known() {
        return CompressionModes.isKnown(mode);
    }

    /** What nats-server says at start-up when this setting cannot be used, or null. */
    public String problem() {
        if (!known()) {
            return "unsupported compression mode \"" + mode + "\"";
        }
        return thresholdsProblem(mode, rttThresholds);
    }

    /**
     * nats-server's start-up check of {@code s2_auto} thresholds: at most four, each not below the
     * one before (zeros, which switch a level off, and negative values are passed over). Other
     * modes do not use them.
     */
    static String thresholdsProblem(String mode, List<Duration> thresholds) {
        if (!CompressionModes.S2_AUTO.equals(mode)) {
            return null;
        }
        if (thresholds.size() > MAX_RTT_THRESHOLDS) {
            return "compression mode \"" + mode + "\" should have no more than " + MAX_RTT_THRESHOLDS
                    + " RTT thresholds: " + goList(thresholds);
        }
        Duration previous = Duration.ZERO;
        for (Duration d : thresholds) {
            if (d.compareTo(Duration.ZERO) > 0) {
                if (d.compareTo(previous) < 0) {
                    return "RTT threshold values " + goList(thresholds) + " should be in ascending order";
                }
                previous = d;
            }
        }
        return null;
    }

    /** Go's %v of a list of durations: {@code [10ms 0s 5ms]}. */
    private static String goList(List<Duration> durations) {
        return durations.stream().map(GoDuration::format).collect(java.util.stream.Collectors.joining(" ", "[", "]"));
    }

    /** Reads {@code compression: <bool | mode | {mode, rtt_thresholds}>} as nats-server does, for a leaf link. */
    static LinkCompression read(ConfigEntry e) {
        return read(e, CompressionModes.S2_AUTO);
    }

    /** The same, {@code blockMode} being the mode of a block that names none (routes keep theirs). */
    static LinkCompression read(ConfigEntry e, String blockMode) {
        ConfigValue v = e.value();
        if (v instanceof BooleanValue b) {
            return new LinkCompression(b.value() ? CompressionModes.S2_FAST : CompressionModes.OFF, List.of());
        }
        if (v instanceof StringValue s) {
            return of(s.value());
        }
        if (v instanceof ConfigMap block) {
            String mode = blockMode;
            List<Duration> thresholds = List.of();
            for (ConfigEntry field : block.entries()) {
                switch (field.key().toLowerCase(Locale.ROOT)) {
                    case "mode" -> mode = CompressionModes.canonical(OptionValues.string(field));
                    case "rtt_thresholds", "thresholds", "rtts", "rtt" -> thresholds = thresholds(field);
                    default -> AuthorizationReader.rejectUnknown(field);
                }
            }
            return new LinkCompression(mode, thresholds);
        }
        throw new ConfigException(e.keyPosition(), "field \"compression\" should be a boolean or a structure, got "
                + v.goTypeName());
    }

    private static List<Duration> thresholds(ConfigEntry e) {
        List<Duration> out = new ArrayList<>();
        for (ConfigValue v : OptionValues.array(e)) {
            try {
                out.add(GoDuration.parse(OptionValues.string(v, e.keyPosition())));
            } catch (IllegalArgumentException bad) {
                throw new ConfigException(e.keyPosition(), bad.getMessage()); // without the field, as nats-server
            }
        }
        return out;
    }
}
