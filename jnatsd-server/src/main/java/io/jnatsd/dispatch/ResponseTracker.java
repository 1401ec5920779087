package io.jnatsd.dispatch;

import io.jnatsd.protocol.MessageFrame;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The way back for responses to imported services: a {@code _R_.} subscription in the exporting
 * account per request, which delivers responses to the requester's reply subject in the
 * importing account. A Singleton service's subscription goes away with the first response; a
 * Stream or Chunked one carries every response as long as each comes within the export's response
 * threshold of the request or of the response before it (nats-server's rule; its default is 2
 * minutes). A response later than that is dropped and the mapping removed; mappings whose
 * responder went quiet are swept ({@link #sweep}, called once a second by the server, and at most
 * once a second on new requests). The subscriptions are announced to routes, since the responder
 * may sit on another server.
 *
 * <p>nats-server checks the threshold with a timer that runs once per threshold, so there a
 * late response may still pass for up to one more threshold; here the cut is at the threshold.
 */
public final class ResponseTracker {
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

    /** One requester's reply mapping, as {@code /accountz} lists them in the exporting account. */
    public record PendingResponse(String responseSubject, String importer, String originalReply) {
    }

    /** {@code lastMillis}: when the request or the latest response passed; written by delivering threads. */
    private static final class Pending {
        final Account exporter;
        final Subscription subscription;
        final String importer;
        final String originalReply;
        final long thresholdMillis;
        volatile long lastMillis;

        Pending(Account exporter, Subscription subscription, String importer, String originalReply,
                long thresholdMillis, long nowMillis) {
            this.exporter = exporter;
            this.subscription = subscription;
            this.importer = importer;
            this.originalReply = originalReply;
            this.thresholdMillis = thresholdMillis;
            this.lastMillis = nowMillis;
        }

        boolean expired(long nowMillis) {
            return nowMillis - lastMillis > thresholdMillis;
        }
    }

    void expect(Account exporter, String responseSubject, Account importer, String originalReply, boolean single,
                long thresholdMillis) {
        long now = clockMillis.getAsLong();
        if (now - lastSweepMillis >= SWEEP_EVERY_MILLIS) {
            sweep(now);
        }
        Subscription subscription = new Subscription(new Response(importer, originalReply, single),
                responseSubject, null, responseSubject);
        pending.put(responseSubject, new Pending(exporter, subscription, importer.name(), originalReply,
                thresholdMillis, now));
        exporter.subscriptions().insert(subscription);
        announce.accept(exporter, subscription);
    }

    /** Removes the mappings past their threshold. Any thread. */
    public void sweep() {
        sweep(clockMillis.getAsLong());
    }

    private void sweep(long now) {
        lastSweepMillis = now;
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext();) {
            Pending entry = it.next();
            if (entry.expired(now)) {
                it.remove();
                remove(entry);
            }
        }
    }

    private void remove(Pending entry) {
        if (entry.exporter.subscriptions().remove(entry.subscription)) {
            withdraw.accept(entry.exporter, entry.subscription);
        }
    }

    /** The reply mappings waiting in {@code exporter}. */
    public List<PendingResponse> pendingIn(String exporter) {
        List<PendingResponse> out = new ArrayList<>();
        pending.forEach((subject, entry) -> {
            if (entry.exporter.name().equals(exporter)) {
                out.add(new PendingResponse(subject, entry.importer, entry.originalReply));
            }
        });
        return out;
    }

    /** Responses still expected, for tests. */
    int pendingCount() {
        return pending.size();
    }

    private final class Response implements Subscriber {
        private final Account importer;
        private final String originalReply;
        private final boolean single;

        Response(Account importer, String originalReply, boolean single) {
            this.importer = importer;
            this.originalReply = originalReply;
            this.single = single;
        }

        @Override
        public boolean deliver(Subscription subscription, MessageFrame message, FlushBatch batch) {
            Pending entry = pending.get(subscription.subject());
            if (entry == null) {
                return false;
            }
            long now = clockMillis.getAsLong();
            if (entry.expired(now)) {
                if (pending.remove(subscription.subject(), entry)) {
                    remove(entry);
                }
                return false;
            }
            if (single) {
                if (!pending.remove(subscription.subject(), entry)) {
                    return false;
                }
                remove(entry);
            } else {
                entry.lastMillis = now;
            }
            router.deliverLocally(importer, RewrittenMessage.of(message, originalReply, null), batch);
            return true;
        }

        @Override
        public void subscriptionExpired(Subscription subscription) {
        }
    }
}
