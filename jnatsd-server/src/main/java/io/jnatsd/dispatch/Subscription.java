package io.jnatsd.dispatch;

import io.jnatsd.subject.Interest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * Interest in a subject and who receives what matches: a local {@link Subscriber} (a client's
 * SUB), or a {@link RouteLink} (interest a peer announced with RS+; one hop away). The sid is
 * kept encoded because it is written into every delivered MSG line.
 */
public final class Subscription implements Interest {
    /** A counter field rather than an AtomicLong: 24 bytes less per subscription, one load less per delivery. */
    private static final AtomicLongFieldUpdater<Subscription> DELIVERED =
            AtomicLongFieldUpdater.newUpdater(Subscription.class, "delivered");

    private final Subscriber subscriber;
    private final RouteLink route;
    private final String origin;
    private volatile int weight = 1;
    private final String subject;
    private final String queue;
    private final String sid;
    private final byte[] sidBytes;
    private volatile long delivered;
    private volatile long maxMessages;

    public Subscription(Subscriber subscriber, String subject, String queue, String sid) {
        this(subscriber, null, null, subject, queue, sid);
    }

    private Subscription(Subscriber subscriber, RouteLink route, String origin, String subject, String queue,
                         String sid) {
        this.subscriber = subscriber;
        this.route = route;
        this.origin = origin;
        this.subject = subject;
        this.queue = queue;
        this.sid = sid;
        this.sidBytes = sid.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String subject() {
        return subject;
    }

    @Override
    public String queue() {
        return queue;
    }

    /** Interest a peer announced on {@code route}; {@code key} identifies it there (as /routez shows it). */
    public static Subscription remote(RouteLink route, String subject, String queue, int weight, String key) {
        return remote(route, null, subject, queue, weight, key);
    }

    /**
     * The same, held on behalf of a leaf node cluster: {@code origin} is the cluster name of the leaf
     * connection it came in on (LEAFNODES.md §8.2, ROUTES.md §5.4), null when there is none.
     */
    public static Subscription remote(RouteLink route, String origin, String subject, String queue, int weight,
                                      String key) {
        Subscription subscription = new Subscription(null, route, origin, subject, queue, key);
        subscription.weight = weight;
        return subscription;
    }

    /** The local receiver, null for remote interest. */
    public Subscriber subscriber() {
        return subscriber;
    }

    /** The route this interest came from, null for a local subscription. */
    public RouteLink route() {
        return route;
    }

    /**
     * The leaf node cluster this interest comes from, or null: it is never offered back to a leaf
     * connection of that cluster, and messages for it never go back there.
     */
    public String origin() {
        return origin;
    }

    @Override
    public int weight() {
        return weight;
    }

    /** A queue RS+/LS+ re-announced the number of members the peer has; 1 for a local subscription. */
    public void weight(int weight) {
        this.weight = weight;
    }

    public String sid() {
        return sid;
    }

    public byte[] sidBytes() {
        return sidBytes;
    }

    public long maxMessages() {
        return maxMessages;
    }

    public long delivered() {
        return delivered;
    }

    /** Sets the auto-unsubscribe limit; returns true when it is already reached. */
    public boolean limitTo(long max) {
        maxMessages = max;
        return max > 0 && delivered >= max;
    }

    /**
     * Counts one delivery. Every delivery counts, limit or not, because an UNSUB with a max at or
     * below the count so far removes the subscription at once (nats-server).
     *
     * @return the delivery number; a number above a set limit means the message must not be delivered
     */
    long countDelivery() {
        return DELIVERED.incrementAndGet(this);
    }
}
