package io.jnatsd.gateway;

import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.Subscription;
import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.subject.SubjectIndex;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The subscriptions that joined each account of this cluster (this server's, or a route peer's)
 * in the last 2 s, nats-server's "recent subscriptions" (GATEWAYS.md §5.3). A reply crosses a
 * gateway with this server's {@code _GR_.} prefix only when it matches one of them: the reply's
 * interest may not have reached the other cluster yet, so the answer must be sent back directly.
 * An older subscription's interest has been announced, and the answer finds its way back by it,
 * so nats-server sends such a reply as it is, and so does jnatsd.
 *
 * <p>Cost: a subscription is indexed here for 2 s; a message with a reply is matched against this
 * index only while it holds something (a volatile count), so a steady request/reply load with a
 * long-lived inbox reads one field per message.
 */
final class RecentInterest {
    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Map<String, Window> byAccount = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    RecentInterest(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    void added(Account account, Subscription subscription) {
        byAccount.computeIfAbsent(account.name(), a -> new Window()).add(subscription, nanoClock.getAsLong());
    }

    void removed(Account account, Subscription subscription) {
        Window window = byAccount.get(account.name());
        if (window != null) {
            window.remove(subscription);
        }
    }

    /** Whether the message's reply matches a subscription of {@code account} that is less than 2 s old. */
    boolean matchesReply(Account account, MessageFrame message) {
        Window window = byAccount.get(account.name());
        return window != null && window.matches(message, nanoClock.getAsLong());
    }

    /** One account's recent subscriptions, in the order they came, and indexed for matching. */
    private static final class Window {
        private final ArrayDeque<Stamped> order = new ArrayDeque<>();
        private final SubjectIndex<Subscription> index = new SubjectIndex<>(0);
        private volatile int size;

        synchronized void add(Subscription subscription, long now) {
            expire(now);
            index.insert(subscription);
            order.addLast(new Stamped(subscription, now));
            size = index.count();
        }

        synchronized void remove(Subscription subscription) {
            index.remove(subscription);
            size = index.count();
        }

        boolean matches(MessageFrame message, long now) {
            if (size == 0 || !message.hasReply()) {
                return false;
            }
            String reply = message.reply();
            synchronized (this) {
                expire(now);
                return size > 0 && !index.match(reply).isEmpty();
            }
        }

        /** Drops what is 2 s old; one already removed by its UNSUB is simply not found again. */
        private void expire(long now) {
            while (!order.isEmpty() && now - order.peekFirst().at() >= WINDOW_NANOS) {
                index.remove(order.pollFirst().subscription());
            }
            size = index.count();
        }
    }

    private record Stamped(Subscription subscription, long at) {
    }
}
