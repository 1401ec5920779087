package io.jnatsd.dispatch;

import io.jnatsd.protocol.MessageFrame;

/**
 * A stream import: a subscription in the exporting account whose deliveries are republished in
 * the importing account, under the import's mapped subject. Delivery in the importer is local
 * only: every server holds the same import, and the exporter's interest (propagated as usual)
 * brings the message to each server that has importers.
 */
final class StreamImport implements Subscriber {
    private final Account importer;
    private final SubjectMapping mapping;
    private final MessageRouter router;

    StreamImport(Account importer, SubjectMapping mapping, MessageRouter router) {
        this.importer = importer;
        this.mapping = mapping;
        this.router = router;
    }

    @Override
    public boolean deliver(Subscription subscription, MessageFrame message, FlushBatch batch) {
        String subject = mapping.map(message.subject());
        MessageFrame moved = subject.equals(message.subject()) ? message
                : RewrittenMessage.of(message, subject, message.reply());
        router.deliverLocally(importer, moved, batch);
        return true;
    }

    @Override
    public void subscriptionExpired(Subscription subscription) {
    }
}
