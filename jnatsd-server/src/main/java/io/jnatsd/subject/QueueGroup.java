package io.jnatsd.subject;

import java.util.Arrays;

/**
 * The members of one queue group that match a subject, whichever pattern they subscribed with.
 * Immutable; members are reached by index so that picking one allocates nothing. Picking (random,
 * weighted by {@link Interest#weight()}) is the dispatcher's business, not the index's.
 */
public final class QueueGroup<T> {

    private final String name;
    private final Object[] members;

    QueueGroup(String name, Object[] members) {
        this.name = name;
        this.members = members;
    }

    public String name() {
        return name;
    }

    public int size() {
        return members.length;
    }

    @SuppressWarnings("unchecked")
    public T member(int index) {
        return (T) members[index];
    }

    QueueGroup<T> withMember(Interest interest) {
        Object[] more = Arrays.copyOf(members, members.length + 1);
        more[members.length] = interest;
        return new QueueGroup<>(name, more);
    }

    /** This group without one occurrence of the interest; null if that leaves it empty, itself if absent. */
    QueueGroup<T> withoutMember(Interest interest) {
        int index = MatchResult.indexOf(members, interest);
        if (index < 0) {
            return this;
        }
        if (members.length == 1) {
            return null;
        }
        return new QueueGroup<>(name, MatchResult.without(members, index));
    }

    @Override
    public String toString() {
        return name + Arrays.toString(members);
    }
}
