package io.jnatsd.dispatch;

import io.jnatsd.protocol.MessageFrame;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A service import: a subscription in the importing account (on the local subject) whose
 * requests are republished in the exporting account on the service subject, with the reply
 * rewritten to a {@code _R_.} subject that leads the response back (ROUTES/CLIENT docs: request
 * and reply across accounts). Its subscription stays local (not announced to routes), so each
 * request crosses into the exporter exactly once, on the requester's server.
 */
final class ServiceImport implements Subscriber {
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private final Account importer;
    private final Account exporter;
    private final SubjectMapping mapping;
    private final boolean singleResponse;
    private final MessageRouter router;
    private final ResponseTracker responses;

    /**
     * @param mapping        from the local subject to the exporter's
     * @param singleResponse the export's response type is Singleton (else Stream or Chunked:
     *                       responses flow until the response threshold)
     */
    ServiceImport(Account importer, Account exporter, SubjectMapping mapping, boolean singleResponse,
                  MessageRouter router, ResponseTracker responses) {
        this.importer = importer;
        this.exporter = exporter;
        this.mapping = mapping;
        this.singleResponse = singleResponse;
        this.router = router;
        this.responses = responses;
    }

    @Override
    public boolean deliver(Subscription subscription, MessageFrame message, FlushBatch batch) {
        String reply = null;
        if (message.hasReply()) {
            reply = "_R_." + randomToken();
            responses.expect(exporter, reply, importer, message.reply(), singleResponse);
        }
        router.route(exporter, RewrittenMessage.of(message, mapping.map(message.subject()), reply), this, true, batch);
        return true;
    }

    private static String randomToken() {
        char[] token = new char[10];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < token.length; i++) {
            token[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(token);
    }

    @Override
    public void subscriptionExpired(Subscription subscription) {
    }
}
