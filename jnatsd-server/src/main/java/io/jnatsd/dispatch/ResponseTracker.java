package io.jnatsd.dispatch;

import io.jnatsd.protocol.MessageFrame;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The way back for responses to imported services: a {@code _R_.} subscription in the exporting
 * account per request, which delivers responses to the requester's reply subject in the
 * importing account. A Singleton service's subscription goes away with the first response; a
 * Stream or Chunked one carries every response until the response threshold (nats-server's
 * default, 2 minutes) has passed. Entries whose responder never answers are swept after the same
 * threshold. The subscriptions are announced to routes, since the responder may sit on another
 * server.
 */
public final class ResponseTracker {
    /** nats-server's default service export response threshold. */
    static final long THRESHOLD_MILLIS = 120_000;
    private static final long SWEEP_EVERY_MILLIS = 1_000;

    private final MessageRouter router;
    private final BiConsumer<Account, Subscription> announce;
    private final BiConsumer<Account, Subscription> withdraw;
    private final LongSupplier clockMillis;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile long lastSweepMillis;

    /**
     * @param announce tells peers of a new local interest; {@code withdraw} of its removal
     */
    public ResponseTracker(MessageRouter router, BiConsumer<Account, Subscription> announce,
                           BiConsumer<Account, Subscription> withdraw) {
        this(router, announce, withdraw, System::currentTimeMillis);
    }

    ResponseTracker(MessageRouter router, BiConsumer<Account, Subscription> announce,
                    BiConsumer<Account, Subscription> withdraw, LongSupplier clockMillis) {
        this.router = router;
        this.announce = announce;
        this.withdraw = withdraw;
        this.clockMillis = clockMillis;
    }

    private record Pending(Account exporter, Subscription subscription, long expiresMillis) {
    }

    void expect(Account exporter, String responseSubject, Account importer, String originalReply, boolean single) {
        long now = clockMillis.getAsLong();
        sweep(now);
        Subscription subscription = new Subscription(new Response(exporter, importer, originalReply, single),
                responseSubject, null, responseSubject);
        pending.put(responseSubject, new Pending(exporter, subscription, now + THRESHOLD_MILLIS));
        exporter.subscriptions().insert(subscription);
        announce.accept(exporter, subscription);
    }

    /** Removes the entries past their threshold, at most once a second. */
    private void sweep(long now) {
        if (now - lastSweepMillis < SWEEP_EVERY_MILLIS) {
            return;
        }
        lastSweepMillis = now;
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext();) {
            Pending entry = it.next();
            if (entry.expiresMillis() <= now) {
                it.remove();
                remove(entry.exporter(), entry.subscription());
            }
        }
    }

    private void remove(Account exporter, Subscription subscription) {
        if (exporter.subscriptions().remove(subscription)) {
            withdraw.accept(exporter, subscription);
        }
    }

    /** Responses still expected, for tests. */
    int pendingCount() {
        return pending.size();
    }

    private final class Response implements Subscriber {
        private final Account exporter;
        private final Account importer;
        private final String originalReply;
        private final boolean single;

        Response(Account exporter, Account importer, String originalReply, boolean single) {
            this.exporter = exporter;
            this.importer = importer;
            this.originalReply = originalReply;
            this.single = single;
        }

        @Override
        public boolean deliver(Subscription subscription, MessageFrame message, FlushBatch batch) {
            if (single) {
                Pending done = pending.remove(subscription.subject());
                if (done == null) {
                    return false;
                }
                remove(exporter, done.subscription());
            } else if (!pending.containsKey(subscription.subject())) {
                return false;
            }
            router.deliverLocally(importer, RewrittenMessage.of(message, originalReply, null), batch);
            return true;
        }

        @Override
        public void subscriptionExpired(Subscription subscription) {
        }
    }
}
