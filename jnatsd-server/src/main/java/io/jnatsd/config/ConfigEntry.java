package io.jnatsd.config;

/**
 * One {@code key: value} of a block. {@link #usedAsVariable()} is set when a later {@code $key}
 * reference read it: nats-server then skips the key instead of reporting it as an unknown field.
 */
public final class ConfigEntry {
    private final String key;
    private final ConfigPosition keyPosition;
    private final ConfigValue value;
    private boolean usedAsVariable;

    ConfigEntry(String key, ConfigPosition keyPosition, ConfigValue value) {
        this.key = key;
        this.keyPosition = keyPosition;
        this.value = value;
    }

    public String key() {
        return key;
    }

    public ConfigPosition keyPosition() {
        return keyPosition;
    }

    public ConfigValue value() {
        return value;
    }

    public boolean usedAsVariable() {
        return usedAsVariable;
    }

    void markUsedAsVariable() {
        usedAsVariable = true;
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
