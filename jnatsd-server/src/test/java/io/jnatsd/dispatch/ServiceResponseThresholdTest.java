package io.jnatsd.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.protocol.MessageFrame;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A service import's reply mapping lives as long as the export's response threshold allows, as in
 * nats-server: a Singleton response later than the threshold is dropped, a Stream's responses
 * pass while each comes within the threshold of the one before, and the sweep takes out mappings
 * whose responder went quiet. A shared import puts the requester's identity into the request.
 */
class ServiceResponseThresholdTest {
    private final MessageRouter router = new MessageRouter();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ResponseTracker responses = new ResponseTracker(router, (a, s) -> { }, (a, s) -> { }, now::get);
    private final Account importer = new Account("B");
    private final Account exporter = new Account("A");
    private final List<String> requests = new ArrayList<>();
    private final List<String> replies = new ArrayList<>();
    private final List<String> headers = new ArrayList<>();

    private final class Recorder implements Subscriber {
        private final List<String> into;

        Recorder(List<String> into) {
            this.into = into;
        }

        @Override
        public boolean deliver(Subscription subscription, MessageFrame message, FlushBatch batch) {
            int headerSize = message.hasHeaders() ? message.headerSize() : 0;
            into.add(message.subject() + (message.hasReply() ? " " + message.reply() : "") + " "
                    + message.buffer().toString(message.payloadStart() + headerSize, message.totalSize() - headerSize,
                    StandardCharsets.UTF_8));
            if (headerSize > 0) {
                headers.add(message.buffer().toString(message.payloadStart(), headerSize, StandardCharsets.UTF_8));
            }
            return true;
        }

        @Override
        public void subscriptionExpired(Subscription subscription) {
        }
    }

    private static MessageFrame message(String subject, String reply, String header, String payload) {
        byte[] bytes = (subject + (reply == null ? "" : reply) + (header == null ? "" : header) + payload)
                .getBytes(StandardCharsets.UTF_8);
        int start = subject.length() + (reply == null ? 0 : reply.length());
        int headerSize = header == null ? -1 : header.length();
        return new MessageFrame().set(Unpooled.wrappedBuffer(bytes), subject, 0, subject.length(), subject.length(),
                reply == null ? -1 : reply.length(), headerSize, start, bytes.length - start);
    }

    private void bind(boolean single, long thresholdMillis, RequesterInfo share) {
        AccountImports.bindService(importer, exporter, "svc", "svc", single, thresholdMillis, share, share != null, false,
                router, responses);
        exporter.subscriptions().insert(new Subscription(new Recorder(requests), "svc", null, "1"));
        importer.subscriptions().insert(new Subscription(new Recorder(replies), "_INBOX.>", null, "2"));
    }

    /** Sends a request from B and returns the reply subject it arrived with in A. */
    private String request() {
        router.route(importer, message("svc", "_INBOX.me", null, "q"), null, true, FlushBatch.current());
        String last = requests.get(requests.size() - 1);
        return last.split(" ")[1];
    }

    private void respond(String replySubject, String payload) {
        router.route(exporter, message(replySubject, null, null, payload), null, true, FlushBatch.current());
    }

    @Test
    void aSingletonResponseWithinTheThresholdArrivesAndALaterOneIsDropped() {
        bind(true, 1_000, null);
        String first = request();
        now.addAndGet(900);
        respond(first, "in time");
        String second = request();
        now.addAndGet(1_001);
        respond(second, "too late");
        assertThat(replies).containsExactly("_INBOX.me in time");
        assertThat(responses.pendingCount()).isZero();
        assertThat(exporter.subscriptions().count()).isEqualTo(1);
    }

    @Test
    void aStreamKeepsFlowingWhileEachResponseComesWithinTheThresholdOfThePreviousOne() {
        bind(false, 1_000, null);
        String reply = request();
        for (String part : List.of("one", "two", "three")) {
            now.addAndGet(800);
            respond(reply, part);
        }
        now.addAndGet(1_200);
        respond(reply, "after a pause");
        assertThat(replies).containsExactly("_INBOX.me one", "_INBOX.me two", "_INBOX.me three");
        assertThat(responses.pendingCount()).isZero();
    }

    @Test
    void theSweepRemovesMappingsPastTheirThresholdAndListsThoseStillWaiting() {
        bind(true, 1_000, null);
        String reply = request();
        assertThat(responses.pendingIn("A")).containsExactly(new ResponseTracker.PendingResponse(reply, "B", "_INBOX.me"));
        now.addAndGet(1_001);
        responses.sweep();
        assertThat(responses.pendingIn("A")).isEmpty();
        assertThat(exporter.subscriptions().count()).isEqualTo(1);
    }

    @Test
    void aSharedImportReplacesTheRequestersOwnInfoHeaderWithTheServers() {
        bind(true, 1_000, (publisher, message, account, exporter, shared) -> "{\"acc\":\"" + account.name() + "\"}");
        String spoofed = "NATS/1.0\r\nX-Keep: 1\r\nnats-request-info: {\"acc\":\"SYS\"}\r\n\r\n";
        router.route(importer, message("svc", "_INBOX.me", spoofed, "q"), null, true, FlushBatch.current());
        router.route(importer, message("svc", "_INBOX.me", null, "q"), null, true, FlushBatch.current());
        assertThat(requests).hasSize(2).allSatisfy(r -> assertThat(r).endsWith(" q"));
        assertThat(headers).containsExactly(
                "NATS/1.0\r\nX-Keep: 1\r\nNats-Request-Info: {\"acc\":\"B\"}\r\n\r\n",
                "NATS/1.0\r\nNats-Request-Info: {\"acc\":\"B\"}\r\n\r\n");
    }
}
