package io.jnatsd.dispatch;

import io.jnatsd.protocol.MessageFrame;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The way back for responses to imported services: a {@code _R_.} subscription in the exporting
 * account per request, which delivers the first response to the requester's reply subject in the
 * importing account and then goes away (nats-server's singleton response type). The
 * subscriptions are announced to routes, since the responder may sit on another server.
 */
public final class ResponseTracker {
    private final MessageRouter router;
    private final BiConsumer<Account, Subscription> announce;
    private final BiConsumer<Account, Subscription> withdraw;
    private final Map<String, Subscription> pending = new ConcurrentHashMap<>();

    /**
     * @param announce tells peers of a new local interest; {@code withdraw} of its removal
     */
    public ResponseTracker(MessageRouter router, BiConsumer<Account, Subscription> announce,
                           BiConsumer<Account, Subscription> withdraw) {
        this.router = router;
        this.announce = announce;
        this.withdraw = withdraw;
    }

    void expect(Account exporter, String responseSubject, Account importer, String originalReply) {
        Subscription subscription = new Subscription(new Response(exporter, importer, originalReply),
                responseSubject, null, responseSubject);
        pending.put(responseSubject, subscription);
        exporter.subscriptions().insert(subscription);
        announce.accept(exporter, subscription);
    }

    private final class Response implements Subscriber {
        private final Account exporter;
        private final Account importer;
        private final String originalReply;

        Response(Account exporter, Account importer, String originalReply) {
            this.exporter = exporter;
            this.importer = importer;
            this.originalReply = originalReply;
        }

        @Override
        public boolean deliver(Subscription subscription, MessageFrame message, FlushBatch batch) {
            Subscription done = pending.remove(subscription.subject());
            if (done == null) {
                return false;
            }
            exporter.subscriptions().remove(done);
            withdraw.accept(exporter, done);
            router.deliverLocally(importer, RewrittenMessage.of(message, originalReply, null), batch);
            return true;
        }

        @Override
        public void subscriptionExpired(Subscription subscription) {
        }
    }
}
