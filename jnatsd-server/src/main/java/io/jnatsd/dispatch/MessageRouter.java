package io.jnatsd.dispatch;

import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.protocol.QueueNames;
import io.jnatsd.subject.MatchResult;
import io.jnatsd.subject.QueueGroup;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The message path after parsing: match the subject in the account's index, deliver to every
 * local plain subscriber and to one member of each queue group cluster-wide, honour echo and
 * auto-unsubscribe, and forward one RMSG per peer connection with interest. Stateless and
 * shared by all connections; runs on the publisher's event loop.
 *
 * <p>One-hop rule: a message that arrived from a route is delivered locally only; one that
 * arrived from a gateway locally and over routes, never to another gateway (DESIGN.md's table).
 * Queue choice (ROUTES.md §14): each local member counts once, each remote queue interest as
 * many times as its RS+ weight; a random start in that weighted space, then the first usable,
 * members across a leaf connection only when no other takes it. Leaf interest sits in the same
 * index as route interest, tagged by its link; a routed message may go on to a leaf connection
 * on which this server is the hub (LEAFNODES.md §9.2).
 */
public final class MessageRouter {
    private volatile GatewayForwarding gateways = GatewayForwarding.NONE;

    /** Connects the gateway layer: messages published here may then leave the cluster. */
    public void gateways(GatewayForwarding forwarding) {
        this.gateways = forwarding == null ? GatewayForwarding.NONE : forwarding;
    }

    /**
     * Delivers a message a local client published.
     *
     * @param publisher the publishing connection, for the echo rule
     * @param echo      whether the publisher's own subscriptions receive it
     * @return how many local subscriptions or peer connections received it
     */
    public int route(Account account, MessageFrame message, Subscriber publisher, boolean echo, FlushBatch batch) {
        MatchResult<Subscription> result = account.subscriptions().match(message.subject());
        int delivered = gateways.forward(account, message, result, batch);
        if (result.isEmpty()) {
            return delivered;
        }
        RouteFanout fanout = RouteFanout.current();
        for (int i = 0, n = result.plainCount(); i < n; i++) {
            Subscription subscription = result.plain(i);
            if (subscription.route() != null) {
                fanout.add(subscription.route());
            } else if ((echo || subscription.subscriber() != publisher) && deliver(account, subscription, message, batch)) {
                delivered++;
            }
        }
        for (int g = 0, n = result.queueGroupCount(); g < n; g++) {
            QueueGroup<Subscription> group = result.queueGroup(g);
            Subscription picked = pickMember(account, group, message, publisher, echo, batch);
            if (picked == null) {
                continue;
            }
            if (picked.route() != null) {
                fanout.add(picked.route()).add(group.name());
            } else {
                delivered++;
            }
        }
        return delivered + forwardAll(fanout, account, message, batch);
    }

    /**
     * Delivers a message that arrived from a route: to local plain subscribers, and to a local
     * member of each queue group the sender listed.
     */
    public int deliverRouted(Account account, MessageFrame message, QueueNames listedQueues, FlushBatch batch) {
        if (message.subject().startsWith(GatewayForwarding.REPLY_PREFIX)) {
            message = gateways.unmapped(message);
        }
        MatchResult<Subscription> result = account.subscriptions().match(message.subject());
        if (result.isEmpty()) {
            return 0;
        }
        if (GatewayForwarding.hasMappedReply(message)) {
            message = gateways.localView(account, message);
        }
        int delivered = 0;
        RouteFanout fanout = RouteFanout.current();
        for (int i = 0, n = result.plainCount(); i < n; i++) {
            Subscription subscription = result.plain(i);
            if (subscription.route() == null) {
                if (deliver(account, subscription, message, batch)) {
                    delivered++;
                }
            } else if (subscription.route().receivesRoutedMessages()) {
                fanout.add(subscription.route());
            }
        }
        for (int g = 0, n = listedQueues.size() == 0 ? 0 : result.queueGroupCount(); g < n; g++) {
            QueueGroup<Subscription> group = result.queueGroup(g);
            if (!listedQueues.contains(group.name())) {
                continue;
            }
            if (deliverToLocalMember(account, group, message, batch)) {
                delivered++;
                continue;
            }
            RouteLink leaf = leafMember(group, null, true);
            if (leaf != null) {
                fanout.add(leaf).add(group.name());
            }
        }
        return delivered + forwardAll(fanout, account, message, batch);
    }

    /**
     * Delivers a message that arrived on a leaf node connection (LEAFNODES.md §9): to local plain
     * subscribers, to the other leaf connections with interest and, where this server is the hub,
     * over routes and gateways; queue groups only where the sender listed them, a member on this
     * side before one across another leaf connection. Never back to {@code source}.
     *
     * @param intoCluster false on the spoke side: what the hub sent is never passed to routes or gateways
     */
    public int deliverFromLeaf(Account account, MessageFrame message, RouteLink source, QueueNames listedQueues,
                               boolean intoCluster, FlushBatch batch) {
        MatchResult<Subscription> result = account.subscriptions().match(message.subject());
        int delivered = intoCluster ? gateways.forward(account, message, result, batch) : 0;
        if (result.isEmpty()) {
            return delivered;
        }
        RouteFanout fanout = RouteFanout.current();
        for (int i = 0, n = result.plainCount(); i < n; i++) {
            Subscription subscription = result.plain(i);
            RouteLink link = subscription.route();
            if (link == null) {
                if (deliver(account, subscription, message, batch)) {
                    delivered++;
                }
            } else if (link != source && (intoCluster || link.leafNode())) {
                fanout.add(link);
            }
        }
        for (int g = 0, n = listedQueues.size() == 0 ? 0 : result.queueGroupCount(); g < n; g++) {
            QueueGroup<Subscription> group = result.queueGroup(g);
            if (!listedQueues.contains(group.name())) {
                continue;
            }
            if (deliverToLocalMember(account, group, message, batch)) {
                delivered++;
                continue;
            }
            RouteLink picked = intoCluster ? routeMember(group) : null;
            if (picked == null) {
                picked = leafMember(group, source, false);
            }
            if (picked != null) {
                fanout.add(picked).add(group.name());
            }
        }
        return delivered + forwardAll(fanout, account, message, batch);
    }

    private static int forwardAll(RouteFanout fanout, Account account, MessageFrame message, FlushBatch batch) {
        for (int r = 0, n = fanout.size(); r < n; r++) {
            fanout.route(r).forward(account, message, fanout.queues(r), batch);
        }
        return fanout.size();
    }

    /** A route (not leaf) member of the group, chosen by weight, or null. */
    private static RouteLink routeMember(QueueGroup<Subscription> group) {
        int size = group.size();
        int start = startIndex(group, size);
        for (int k = 0; k < size; k++) {
            RouteLink link = group.member((start + k) % size).route();
            if (link != null && !link.leafNode()) {
                return link;
            }
        }
        return null;
    }

    /** A leaf member of the group other than {@code source}, optionally only one that takes routed messages. */
    private static RouteLink leafMember(QueueGroup<Subscription> group, RouteLink source, boolean routedOnly) {
        int size = group.size();
        int start = size == 1 ? 0 : ThreadLocalRandom.current().nextInt(size);
        for (int k = 0; k < size; k++) {
            RouteLink link = group.member((start + k) % size).route();
            if (link != null && link != source && link.leafNode() && (!routedOnly || link.receivesRoutedMessages())) {
                return link;
            }
        }
        return null;
    }

    /**
     * Delivers a message that arrived from another cluster (GATEWAYS.md §5.2): to local plain
     * subscribers, over routes to the peers with interest (one RMSG each), and to one member in
     * this cluster of each queue group the sender listed. Never to another gateway.
     */
    public int deliverFromGateway(Account account, MessageFrame message, QueueNames listedQueues, FlushBatch batch) {
        MatchResult<Subscription> result = account.subscriptions().match(message.subject());
        if (result.isEmpty()) {
            return 0;
        }
        // routes carry the mapped reply unchanged; this server's own subscribers see it stripped
        MessageFrame local = GatewayForwarding.hasMappedReply(message) ? gateways.localView(account, message) : message;
        RouteFanout fanout = RouteFanout.current();
        int delivered = 0;
        for (int i = 0, n = result.plainCount(); i < n; i++) {
            Subscription subscription = result.plain(i);
            if (subscription.route() != null) {
                fanout.add(subscription.route());
            } else if (deliver(account, subscription, local, batch)) {
                delivered++;
            }
        }
        for (int g = 0, n = listedQueues.size() == 0 ? 0 : result.queueGroupCount(); g < n; g++) {
            QueueGroup<Subscription> group = result.queueGroup(g);
            if (!listedQueues.contains(group.name())) {
                continue;
            }
            Subscription picked = pickMember(account, group, local, null, true, batch);
            if (picked == null) {
                continue;
            }
            if (picked.route() != null) {
                fanout.add(picked.route()).add(group.name());
            } else {
                delivered++;
            }
        }
        return delivered + forwardAll(fanout, account, message, batch);
    }

    /**
     * Delivers to this server's subscribers only: every plain subscriber and a local member of
     * every queue group (imports, whose counterpart runs on every server).
     */
    public int deliverLocally(Account account, MessageFrame message, FlushBatch batch) {
        MatchResult<Subscription> result = account.subscriptions().match(message.subject());
        int delivered = 0;
        for (int i = 0, n = result.plainCount(); i < n; i++) {
            Subscription subscription = result.plain(i);
            if (subscription.route() == null && deliver(account, subscription, message, batch)) {
                delivered++;
            }
        }
        for (int g = 0, n = result.queueGroupCount(); g < n; g++) {
            if (deliverToLocalMember(account, result.queueGroup(g), message, batch)) {
                delivered++;
            }
        }
        return delivered;
    }

    /**
     * Picks the queue member by weight and delivers to it when it is local.
     *
     * @return the member that took the message (a remote one still has to be forwarded), or null
     */
    private Subscription pickMember(Account account, QueueGroup<Subscription> group, MessageFrame message,
                                    Subscriber publisher, boolean echo, FlushBatch batch) {
        int size = group.size();
        int start = startIndex(group, size);
        Subscription acrossLeaf = null;
        for (int k = 0; k < size; k++) {
            Subscription member = group.member((start + k) % size);
            if (member.route() != null) {
                if (!member.route().leafNode()) {
                    return member;
                }
                if (acrossLeaf == null) {
                    acrossLeaf = member;   // only when nothing on this side takes it (LEAFNODES.md §9.5)
                }
                continue;
            }
            if (!echo && member.subscriber() == publisher) {
                continue;
            }
            if (deliver(account, member, message, batch)) {
                return member;
            }
        }
        return acrossLeaf;
    }

    /** A random member index, each member weighted by its weight (1 for local members). */
    private static int startIndex(QueueGroup<Subscription> group, int size) {
        if (size == 1) {
            return 0;
        }
        int total = 0;
        for (int i = 0; i < size; i++) {
            total += Math.max(1, group.member(i).weight());
        }
        int point = ThreadLocalRandom.current().nextInt(total);
        for (int i = 0; i < size; i++) {
            point -= Math.max(1, group.member(i).weight());
            if (point < 0) {
                return i;
            }
        }
        return 0;
    }

    private boolean deliverToLocalMember(Account account, QueueGroup<Subscription> group, MessageFrame message,
                                         FlushBatch batch) {
        int size = group.size();
        int start = size == 1 ? 0 : ThreadLocalRandom.current().nextInt(size);
        for (int k = 0; k < size; k++) {
            Subscription member = group.member((start + k) % size);
            if (member.route() == null && deliver(account, member, message, batch)) {
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
