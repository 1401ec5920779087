package io.jnatsd.subject;

/**
 * Something interested in a subject: a client subscription, or the interest a route announced
 * with {@code RS+}.
 *
 * <p>The index keeps interests by identity: the same instance may be inserted more than once and
 * then counts, and is delivered, once per insertion. {@link #subject()} and {@link #queue()} must
 * not change while the interest is stored.
 */
public interface Interest {

    /** The subject of interest; may contain the {@code *} and {@code >} wildcards. */
    String subject();

    /** The queue group name, or {@code null} for plain (non-queue) interest. */
    String queue();

    /**
     * How many members this interest stands for when a queue member is picked: 1 for a local
     * subscription, the announced weight for a route's queue interest. Read at pick time, so it
     * may change while the interest is stored.
     */
    default int weight() {
        return 1;
    }
}
