package io.jnatsd.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server version as nats-server compares them (leafnode {@code min_version}): the leading
 * {@code [v]major[.minor[.patch]]} of the text; every component that is matched must be there,
 * so {@code "2.9"} is an error, and a missing or malformed peer version is never "at least" anything.
 */
public record ServerVersion(int major, int minor, int patch) {
    private static final Pattern LEADING = Pattern.compile("^v?([0-9]+)\\.?([0-9]+)?\\.?([0-9]+)?");

    /** The version of {@code text}; IllegalArgumentException with nats-server's reason when it is not one. */
    public static ServerVersion parse(String text) {
        Matcher m = LEADING.matcher(text == null ? "" : text);
        if (!m.find()) {
            throw new IllegalArgumentException("invalid semver");
        }
        return new ServerVersion(component(m.group(1)), component(m.group(2)), component(m.group(3)));
    }

    private static int component(String digits) {
        if (digits == null) {
            throw new IllegalArgumentException("strconv.Atoi: parsing \"\": invalid syntax");
        }
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.Atoi: parsing \"" + digits + "\": value out of range");
        }
    }

    /** Whether {@code version} (a peer's CONNECT {@code version}, possibly absent) is this one or newer. */
    public boolean admits(String version) {
        ServerVersion peer;
        try {
            peer = parse(version);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        if (peer.major != major) {
            return peer.major > major;
        }
        if (peer.minor != minor) {
            return peer.minor > minor;
        }
        return peer.patch >= patch;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
