package io.jnatsd.dispatch;

import io.jnatsd.protocol.MessageFrame;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A service import: a subscription in the importing account (on the local subject) whose
 * requests are republished in the exporting account on the service subject, with the reply
 * rewritten to a {@code _R_.} subject that leads the response back (ROUTES/CLIENT docs: request
 * and reply across accounts). Its subscription stays local (not announced to routes), so each
 * request crosses into the exporter exactly once, on the requester's server.
 *
 * <p>Each request gets the {@code Nats-Request-Info} header that {@link RequesterInfo} writes
 * (the requester's account, or all its details when the import is shared), replacing any the
 * requester sent, so the exporter can trust it.
 */
final class ServiceImport implements Subscriber {
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private final Account importer;
    private final Account exporter;
    private final SubjectMapping mapping;
    private final boolean singleResponse;
    private final long thresholdMillis;
    private final RequesterInfo requester;
    private final boolean shared;
    private final boolean localOnly;
    private final MessageRouter router;
    private final ResponseTracker responses;

    /**
     * @param mapping         from the local subject to the exporter's
     * @param singleResponse  the export's response type is Singleton (else Stream or Chunked:
     *                        responses flow while each comes within the threshold)
     * @param thresholdMillis the export's response threshold
     * @param requester       writes the requester's identity header; null: none
     * @param shared          the header carries the requester's details, not only its account
     * @param localOnly       requests reach only this server's subscribers in the exporter
     */
    ServiceImport(Account importer, Account exporter, SubjectMapping mapping, boolean singleResponse,
                  long thresholdMillis, RequesterInfo requester, boolean shared, boolean localOnly,
                  MessageRouter router, ResponseTracker responses) {
        this.importer = importer;
        this.exporter = exporter;
        this.mapping = mapping;
        this.singleResponse = singleResponse;
        this.thresholdMillis = thresholdMillis;
        this.requester = requester;
        this.shared = shared;
        this.localOnly = localOnly;
        this.router = router;
        this.responses = responses;
    }

    @Override
    public boolean deliver(Subscription subscription, MessageFrame message, FlushBatch batch) {
        return deliver(subscription, message, null, batch);
    }

    @Override
    public boolean deliver(Subscription subscription, MessageFrame message, Subscriber publisher, FlushBatch batch) {
        String reply = null;
        if (message.hasReply()) {
            reply = "_R_." + randomToken();
            responses.expect(exporter, reply, importer, message.reply(), singleResponse, thresholdMillis);
        }
        String subject = mapping.map(message.subject());
        String info = requester == null ? null : requester.describe(publisher, message, importer, exporter, shared);
        MessageFrame request = info == null ? RewrittenMessage.of(message, subject, reply)
                : RewrittenMessage.withHeader(message, subject, reply, RequesterInfo.HEADER, info);
        if (localOnly) {
            router.deliverLocally(exporter, request, batch);
        } else {
            router.route(exporter, request, this, true, batch);
        }
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
