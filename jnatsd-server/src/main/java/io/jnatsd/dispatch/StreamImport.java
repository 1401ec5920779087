package io.jnatsd.dispatch;

import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.subject.Subjects;

/**
 * A stream import: a subscription in the exporting account whose deliveries are republished in
 * the importing account, under the import's mapped subject. Delivery in the importer is local
 * only: every server holds the same import, and the exporter's interest (propagated as usual)
 * brings the message to each server that has importers.
 */
final class StreamImport implements Subscriber {
    private final Account importer;
    private final String importedSubject;
    private final String to;
    private final MessageRouter router;

    StreamImport(Account importer, String importedSubject, String to, MessageRouter router) {
        this.importer = importer;
        this.importedSubject = importedSubject;
        this.to = to;
        this.router = router;
    }

    @Override
    public boolean deliver(Subscription subscription, MessageFrame message, FlushBatch batch) {
        String subject = mapped(message.subject());
        MessageFrame moved = subject.equals(message.subject()) ? message
                : RewrittenMessage.of(message, subject, message.reply());
        router.deliverLocally(importer, moved, batch);
        return true;
    }

    private String mapped(String subject) {
        if (to == null || to.isEmpty()) {
            return subject;
        }
        return Subjects.isValidLiteralSubject(importedSubject) ? to : to + "." + subject;
    }

    @Override
    public void subscriptionExpired(Subscription subscription) {
    }
}
