package io.jnatsd.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A block ({@code name { ... }}) or a whole file. Keys are stored as written, exactly like
 * nats-server's map: a repeated key replaces the earlier entry (last one wins) and variables are
 * looked up case-sensitively, while option names are matched case-insensitively by the loader.
 * Entries keep the order in which their final value was written.
 */
public final class ConfigMap implements ConfigValue {
    private final Map<String, ConfigEntry> entries = new LinkedHashMap<>();
    private final ConfigPosition position;

    ConfigMap(ConfigPosition position) {
        this.position = position;
    }

    void put(ConfigEntry entry) {
        entries.remove(entry.key());
        entries.put(entry.key(), entry);
    }

    /** The entry written with exactly this key, or null. */
    public ConfigEntry entry(String key) {
        return entries.get(key);
    }

    /** Every entry whose key equals {@code key} ignoring case, in file order. */
    public List<ConfigEntry> entriesIgnoringCase(String key) {
        List<ConfigEntry> found = new ArrayList<>();
        for (ConfigEntry e : entries.values()) {
            if (e.key().toLowerCase(Locale.ROOT).equals(key)) {
                found.add(e);
            }
        }
        return found;
    }

    public Collection<ConfigEntry> entries() {
        return Collections.unmodifiableCollection(entries.values());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public ConfigPosition position() {
        return position;
    }

    @Override
    public String goTypeName() {
        return "map[string]interface {}";
    }

    /** The same entries, placed at {@code at}. */
    ConfigMap movedTo(ConfigPosition at) {
        ConfigMap moved = new ConfigMap(at);
        moved.entries.putAll(entries);
        return moved;
    }

    /** Maps are shared, not copied, by variable references; their entries keep their own positions. */
    @Override
    public ConfigValue at(ConfigPosition at) {
        return this;
    }

    @Override
    public String toString() {
        return entries.values().toString();
    }
}
