package io.jnatsd.dispatch;

import io.jnatsd.subject.Interest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client's SUB: what it is interested in and who receives. The sid is kept encoded because it
 * is written into every delivered MSG line.
 */
public final class Subscription implements Interest {
    private final Subscriber subscriber;
    private final String subject;
    private final String queue;
    private final String sid;
    private final byte[] sidBytes;
    private final AtomicLong delivered = new AtomicLong();
    private volatile long maxMessages;

    public Subscription(Subscriber subscriber, String subject, String queue, String sid) {
        this.subscriber = subscriber;
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

    public Subscriber subscriber() {
        return subscriber;
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
        return delivered.get();
    }

    /** Sets the auto-unsubscribe limit; returns true when it is already reached. */
    public boolean limitTo(long max) {
        maxMessages = max;
        return max > 0 && delivered.get() >= max;
    }

    /**
     * Counts one delivery. Every delivery counts, limit or not, because an UNSUB with a max at or
     * below the count so far removes the subscription at once (nats-server).
     *
     * @return the delivery number; a number above a set limit means the message must not be delivered
     */
    long countDelivery() {
        return delivered.incrementAndGet();
    }
}
