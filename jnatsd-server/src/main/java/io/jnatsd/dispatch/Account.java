package io.jnatsd.dispatch;

import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.subject.SubjectIndex;

/**
 * A NATS account: a namespace of subjects. Messages never cross accounts except through
 * exports and imports. Every connection is bound to exactly one account; {@code $G} is the
 * global account used when none are configured.
 */
public final class Account {
    public static final String GLOBAL = "$G";

    private final String name;
    private final byte[] nameBytes;
    private final SubjectIndex<Subscription> subscriptions = new SubjectIndex<>();
    private volatile AccountMappings mappings;

    public Account(String name) {
        this.name = name;
        this.nameBytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The name as written in route protocol lines. */
    public byte[] nameBytes() {
        return nameBytes;
    }

    public String name() {
        return name;
    }

    public SubjectIndex<Subscription> subscriptions() {
        return subscriptions;
    }

    /**
     * The message as this account's mappings route it (one field test when there are none): the
     * same frame, a renamed copy, or null when a weighted mapping drops it. For messages clients
     * and leaf nodes publish, as nats-server maps only those.
     */
    public MessageFrame mapped(MessageFrame message) {
        AccountMappings current = mappings;
        return current == null ? message : current.apply(message);
    }

    /** The account's subject mappings, or null when it has none. */
    public AccountMappings mappings() {
        return mappings;
    }

    public void mappings(AccountMappings mappings) {
        this.mappings = mappings;
    }

    @Override
    public String toString() {
        return name;
    }
}
