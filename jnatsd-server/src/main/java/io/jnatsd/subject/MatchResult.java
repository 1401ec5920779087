package io.jnatsd.subject;

import java.util.Arrays;

/**
 * The interests matching one literal subject: plain interests, and queue interests grouped by
 * queue name. An immutable snapshot shared by every caller that matched the subject while it was
 * cached, so it must not be changed; it is read by index so that a delivery loop allocates nothing.
 */
public final class MatchResult<T> {

    private static final Object[] NO_INTERESTS = new Object[0];
    private static final QueueGroup<?>[] NO_QUEUE_GROUPS = new QueueGroup<?>[0];
    private static final MatchResult<?> EMPTY = new MatchResult<>(NO_INTERESTS, noQueueGroups());

    private final Object[] plain;
    private final QueueGroup<T>[] queueGroups;

    /**
     * Cache bookkeeping, not part of the value: set when a cache hit returns this result, cleared
     * by an eviction sweep, so results matched since the last sweep stay cached. Written racily on
     * purpose: a lost update only costs a cache miss, and writing only when it is clear keeps hits
     * from bouncing a cache line between cores.
     */
    boolean matchedSinceSweep;

    MatchResult(Object[] plain, QueueGroup<T>[] queueGroups) {
        this.plain = plain;
        this.queueGroups = queueGroups;
    }

    @SuppressWarnings("unchecked")
    static <T> MatchResult<T> empty() {
        return (MatchResult<T>) EMPTY;
    }

    @SuppressWarnings("unchecked")
    static <T> QueueGroup<T>[] noQueueGroups() {
        return (QueueGroup<T>[]) NO_QUEUE_GROUPS;
    }

    public int plainCount() {
        return plain.length;
    }

    @SuppressWarnings("unchecked")
    public T plain(int index) {
        return (T) plain[index];
    }

    public int queueGroupCount() {
        return queueGroups.length;
    }

    public QueueGroup<T> queueGroup(int index) {
        return queueGroups[index];
    }

    public boolean isEmpty() {
        return plain.length == 0 && queueGroups.length == 0;
    }

    /** Receivers of one message as nats-server counts fan-out: each plain interest and each queue group. */
    int fanout() {
        return plain.length + queueGroups.length;
    }

    /** A copy with one more interest, for patching a cached result when matching interest arrives. */
    MatchResult<T> withInterest(Interest interest) {
        String queue = interest.queue();
        if (queue == null) {
            Object[] more = Arrays.copyOf(plain, plain.length + 1);
            more[plain.length] = interest;
            return carryMark(new MatchResult<>(more, queueGroups));
        }
        for (int i = 0; i < queueGroups.length; i++) {
            if (queueGroups[i].name().equals(queue)) {
                QueueGroup<T>[] groups = queueGroups.clone();
                groups[i] = groups[i].withMember(interest);
                return carryMark(new MatchResult<>(plain, groups));
            }
        }
        QueueGroup<T>[] groups = Arrays.copyOf(queueGroups, queueGroups.length + 1);
        groups[queueGroups.length] = new QueueGroup<>(queue, new Object[] {interest});
        return carryMark(new MatchResult<>(plain, groups));
    }

    /** A copy without one occurrence of the interest, for patching a cached result; itself if absent. */
    MatchResult<T> withoutInterest(Interest interest) {
        String queue = interest.queue();
        if (queue == null) {
            int index = indexOf(plain, interest);
            return index < 0 ? this : carryMark(new MatchResult<>(without(plain, index), queueGroups));
        }
        for (int i = 0; i < queueGroups.length; i++) {
            if (queueGroups[i].name().equals(queue)) {
                QueueGroup<T> smaller = queueGroups[i].withoutMember(interest);
                if (smaller == queueGroups[i]) {
                    return this;
                }
                QueueGroup<T>[] groups = smaller == null ? without(queueGroups, i) : queueGroups.clone();
                if (smaller != null) {
                    groups[i] = smaller;
                }
                return carryMark(new MatchResult<>(plain, groups));
            }
        }
        return this;
    }

    private MatchResult<T> carryMark(MatchResult<T> patched) {
        patched.matchedSinceSweep = matchedSinceSweep;
        return patched;
    }

    static int indexOf(Object[] items, Object item) {
        for (int i = 0; i < items.length; i++) {
            if (items[i] == item) {
                return i;
            }
        }
        return -1;
    }

    static <E> E[] without(E[] items, int index) {
        E[] fewer = Arrays.copyOf(items, items.length - 1);
        System.arraycopy(items, index + 1, fewer, index, items.length - index - 1);
        return fewer;
    }

    @Override
    public String toString() {
        return "MatchResult{plain=" + Arrays.toString(plain) + ", queueGroups=" + Arrays.toString(queueGroups) + '}';
    }
}
