package io.jnatsd.dispatch;

import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.subject.MatchResult;
import io.jnatsd.subject.QueueGroup;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The message path after parsing: match the subject in the account's index, deliver to every
 * plain subscriber and to one member of each queue group, honour echo and auto-unsubscribe.
 * Stateless and shared by all connections; runs on the publisher's event loop.
 */
public final class MessageRouter {

    /**
     * Delivers one published message.
     *
     * @param publisher the publishing connection, for the echo rule
     * @param echo      whether the publisher's own subscriptions receive it
     * @return how many subscriptions received it
     */
    public int route(Account account, MessageFrame message, Subscriber publisher, boolean echo, FlushBatch batch) {
        MatchResult<Subscription> result = account.subscriptions().match(message.subject());
        int delivered = 0;
        for (int i = 0, n = result.plainCount(); i < n; i++) {
            Subscription subscription = result.plain(i);
            if (!echo && subscription.subscriber() == publisher) {
                continue;
            }
            if (deliver(account, subscription, message, batch)) {
                delivered++;
            }
        }
        for (int g = 0, n = result.queueGroupCount(); g < n; g++) {
            if (deliverToOne(account, result.queueGroup(g), message, publisher, echo, batch)) {
                delivered++;
            }
        }
        return delivered;
    }

    /** Picks a random member and walks on from it until one accepts the message. */
    private boolean deliverToOne(Account account, QueueGroup<Subscription> group, MessageFrame message,
                                 Subscriber publisher, boolean echo, FlushBatch batch) {
        int size = group.size();
        int start = size == 1 ? 0 : ThreadLocalRandom.current().nextInt(size);
        for (int k = 0; k < size; k++) {
            Subscription member = group.member((start + k) % size);
            if (!echo && member.subscriber() == publisher) {
                continue;
            }
            if (deliver(account, member, message, batch)) {
                return true;
            }
        }
        return false;
    }

    private boolean deliver(Account account, Subscription subscription, MessageFrame message, FlushBatch batch) {
        long count = subscription.countDelivery();
        long max = subscription.maxMessages();
        if (max > 0 && count > max) {
            return false;
        }
        boolean delivered = subscription.subscriber().deliver(subscription, message, batch);
        if (max > 0 && count == max) {
            account.subscriptions().remove(subscription);
            subscription.subscriber().subscriptionExpired(subscription);
        }
        return delivered;
    }
}
