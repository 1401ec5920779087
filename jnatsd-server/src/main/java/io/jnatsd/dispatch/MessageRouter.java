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
 * members across a leaf connection (or held by a route peer for a leaf cluster) only when no
 * other takes it. Leaf interest sits in the same index as route interest, tagged by its link and
 * its leaf cluster (origin); a routed message may go on to a leaf connection on which this server
 * is the hub (LEAFNODES.md §9.2), never to one of the cluster the message came from.
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
            } else if ((echo || subscription.subscriber() != publisher)
                    && deliver(account, subscription, message, publisher, batch)) {
                delivered++;
            }
        }
        for (int g = 0, n = result.queueGroupCount(); g < n; g++) {
            QueueGroup<Subscription> group = result.queueGroup(g);
            Subscription picked = pickMember(account, group, message, publisher, echo, null, null, true, batch);
            if (picked == null) {
                continue;
            }
            if (picked.route() != null) {
                fanout.add(picked.route()).add(group.name());
            } else {
                delivered++;
            }
        }
        return delivered + forwardAll(fanout, account, message, null, batch);
    }

    /**
     * Whether a message published here on {@code subject} would reach anyone: a subscriber of this
     * server (the server's own internal ones too), a route or leaf peer with interest, or another
     * cluster ({@link GatewayForwarding#interested}). For messages that cost something to build
     * and matter to nobody without interest ({@code $SYS} advisories); never on the message path.
     */
    public boolean hasInterest(Account account, String subject) {
        return !account.subscriptions().match(subject).isEmpty() || gateways.interested(account, subject);
    }

    /**
     * Delivers a message that arrived from a route: to local plain subscribers, and to a local
     * member of each queue group the sender listed.
     */
    public int deliverRouted(Account account, MessageFrame message, QueueNames listedQueues, FlushBatch batch) {
        return deliverRouted(account, message, listedQueues, null, batch);
    }

    /**
     * The same for a message that came into the cluster on a leaf connection of cluster {@code origin}
     * (route {@code LMSG <origin>}, null for RMSG): besides local delivery it goes on to the leaf
     * connections this server is the hub of, except those of the origin cluster, which has it already
     * (LEAFNODES.md §9.2). A listed queue group without a local member falls back to a leaf member.
     */
    public int deliverRouted(Account account, MessageFrame message, QueueNames listedQueues, String origin,
                             FlushBatch batch) {
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
            RouteLink link = subscription.route();
            if (link == null) {
                if (deliver(account, subscription, message, batch)) {
                    delivered++;
                }
            } else if (link.receivesRoutedMessages() && !sameCluster(origin, link.leafCluster())) {
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
            RouteLink leaf = leafMember(group, origin);
            if (leaf != null) {
                fanout.add(leaf).add(group.name());
            }
        }
        return delivered + forwardAll(fanout, account, message, null, batch);
    }

    /**
     * Delivers a message that arrived on a leaf node connection (LEAFNODES.md §9): to local plain
     * subscribers, to the other leaf connections with interest (not those of the sender's cluster)
     * and, where this server is the hub, over routes (as {@code LMSG} with the sender's cluster as
     * origin) and gateways; queue groups only where the sender listed them, chosen as for a client's
     * message. Never back to {@code source}.
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
        String origin = source.leafCluster();
        RouteFanout fanout = RouteFanout.current();
        for (int i = 0, n = result.plainCount(); i < n; i++) {
            Subscription subscription = result.plain(i);
            RouteLink link = subscription.route();
            if (link == null) {
                if (deliver(account, subscription, message, batch)) {
                    delivered++;
                }
            } else if (link != source && (link.leafNode() ? !sameCluster(origin, link.leafCluster()) : intoCluster)) {
                fanout.add(link);
            }
        }
        for (int g = 0, n = listedQueues.size() == 0 ? 0 : result.queueGroupCount(); g < n; g++) {
            QueueGroup<Subscription> group = result.queueGroup(g);
            if (!listedQueues.contains(group.name())) {
                continue;
            }
            Subscription picked = pickMember(account, group, message, null, true, source, origin, intoCluster, batch);
            if (picked == null) {
                continue;
            }
            if (picked.route() != null) {
                fanout.add(picked.route()).add(group.name());
            } else {
                delivered++;
            }
        }
        return delivered + forwardAll(fanout, account, message, source.leafClusterBytes(), batch);
    }

    private static int forwardAll(RouteFanout fanout, Account account, MessageFrame message, byte[] origin,
                                  FlushBatch batch) {
        for (int r = 0, n = fanout.size(); r < n; r++) {
            if (origin == null) {
                fanout.route(r).forward(account, message, fanout.queues(r), batch);
            } else {
                fanout.route(r).forward(account, message, fanout.queues(r), origin, batch);
            }
        }
        return fanout.size();
    }

    /** Whether a message or interest of cluster {@code origin} must not go to {@code cluster} (it is the same). */
    private static boolean sameCluster(String origin, String cluster) {
        return origin != null && !origin.isEmpty() && origin.equals(cluster);
    }

    /** A leaf member of the group not in cluster {@code origin}, from a random start, or null. */
    private static RouteLink leafMember(QueueGroup<Subscription> group, String origin) {
        int size = group.size();
        int start = size == 1 ? 0 : ThreadLocalRandom.current().nextInt(size);
        for (int k = 0; k < size; k++) {
            RouteLink link = group.member((start + k) % size).route();
            if (link != null && link.leafNode() && !sameCluster(origin, link.leafCluster())) {
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
            Subscription picked = pickMember(account, group, local, null, true, null, null, true, batch);
            if (picked == null) {
                continue;
            }
            if (picked.route() != null) {
                fanout.add(picked.route()).add(group.name());
            } else {
                delivered++;
            }
        }
        return delivered + forwardAll(fanout, account, message, null, batch);
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
     * Picks the queue member by weight from a random start (LEAFNODES.md §9.5): a local member that
     * takes the message or a route member of this cluster ends the search; a member across a leaf
     * connection, or a routed one held for a leaf cluster, is kept as the fallback for when no such
     * member exists. Never {@code source}, never a member of cluster {@code origin}.
     *
     * @param toRoutes false for what a spoke received from its hub: it never goes on over routes
     * @return the member that took the message (a remote one still has to be forwarded), or null
     */
    private Subscription pickMember(Account account, QueueGroup<Subscription> group, MessageFrame message,
                                    Subscriber publisher, boolean echo, RouteLink source, String origin,
                                    boolean toRoutes, FlushBatch batch) {
        int size = group.size();
        int start = startIndex(group, size);
        Subscription fallback = null;
        for (int k = 0; k < size; k++) {
            Subscription member = group.member((start + k) % size);
            RouteLink link = member.route();
            if (link == null) {
                if ((echo || member.subscriber() != publisher) && deliver(account, member, message, publisher, batch)) {
                    return member;
                }
            } else if (link != source && (link.leafNode() || toRoutes)) {
                if (!link.leafNode() && member.origin() == null) {
                    return member;
                }
                String cluster = link.leafNode() ? link.leafCluster() : member.origin();
                if (fallback == null && !sameCluster(origin, cluster)) {
                    fallback = member;
                }
            }
        }
        return fallback;
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
        return deliver(account, subscription, message, null, batch);
    }

    /** {@code publisher}: the local connection that published, null for a message from elsewhere. */
    private boolean deliver(Account account, Subscription subscription, MessageFrame message, Subscriber publisher,
                            FlushBatch batch) {
        long count = subscription.countDelivery();
        long max = subscription.maxMessages();
        if (max > 0 && count > max) {
            return false;
        }
        Subscriber subscriber = subscription.subscriber();
        boolean delivered = publisher == null ? subscriber.deliver(subscription, message, batch)
                : subscriber.deliver(subscription, message, publisher, batch);
        if (max > 0 && count == max) {
            account.subscriptions().remove(subscription);
            subscription.subscriber().subscriptionExpired(subscription);
        }
        return delivered;
    }
}
