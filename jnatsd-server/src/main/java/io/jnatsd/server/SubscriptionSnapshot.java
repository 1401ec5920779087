package io.jnatsd.server;

import io.jnatsd.dispatch.Subscription;

/**
 * One subscription as monitoring shows it. {@code messages} counts deliveries where the
 * subscription tracks them (with an auto-unsubscribe limit); {@code max} is that limit, 0 for none.
 * For subscriptions learned from a route, {@code sid} is the route's interest key.
 */
public record SubscriptionSnapshot(String subject, String queue, String sid, long messages, long max) {

    public static SubscriptionSnapshot of(Subscription subscription) {
        return new SubscriptionSnapshot(subscription.subject(), subscription.queue(), subscription.sid(),
                subscription.delivered(), subscription.maxMessages());
    }
}
