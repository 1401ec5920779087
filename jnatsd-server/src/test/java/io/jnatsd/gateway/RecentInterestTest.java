package io.jnatsd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.Subscription;
import io.jnatsd.protocol.MessageFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link RecentInterest}: a subscription counts for a reply's mapping for 2 s, or until it goes. */
class RecentInterestTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RecentInterest recent = new RecentInterest(now::get);
    private final Account account = new Account("$G");

    @Test
    void aSubscriptionMatchesRepliesForTwoSeconds() {
        recent.added(account, subscription("_INBOX.abc.*"));
        assertThat(recent.matchesReply(account, withReply("_INBOX.abc.1"))).isTrue();
        assertThat(recent.matchesReply(account, withReply("_INBOX.other"))).isFalse();
        assertThat(recent.matchesReply(account, withReply(null))).isFalse();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1999));
        assertThat(recent.matchesReply(account, withReply("_INBOX.abc.2"))).isTrue();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        assertThat(recent.matchesReply(account, withReply("_INBOX.abc.3"))).isFalse();
    }

    @Test
    void anUnsubscribedOrOtherAccountsSubscriptionDoesNotMatch() {
        Subscription gone = subscription("reply.x");
        recent.added(account, gone);
        recent.removed(account, gone);
        assertThat(recent.matchesReply(account, withReply("reply.x"))).isFalse();
        recent.added(new Account("B"), subscription("reply.y"));
        assertThat(recent.matchesReply(account, withReply("reply.y"))).isFalse();
        now.addAndGet(TimeUnit.SECONDS.toNanos(3));
        recent.added(account, subscription("reply.z"));
        assertThat(recent.matchesReply(account, withReply("reply.z"))).isTrue();
    }

    private static Subscription subscription(String subject) {
        return new Subscription(null, subject, null, "1");
    }

    private static MessageFrame withReply(String reply) {
        String line = "svc" + (reply == null ? "" : " " + reply);
        ByteBuf buf = Unpooled.copiedBuffer(line, StandardCharsets.US_ASCII);
        return new MessageFrame().set(buf, "svc", 0, 3, reply == null ? 0 : 4, reply == null ? -1 : reply.length(),
                -1, line.length(), 0);
    }
}
