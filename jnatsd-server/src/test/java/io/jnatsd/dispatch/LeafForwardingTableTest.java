package io.jnatsd.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.protocol.QueueNames;
import io.jnatsd.subject.MatchResult;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leaf rows and column of DESIGN.md's forwarding table (LEAFNODES.md §9): interest of a leaf
 * this server is the hub of ({@code leaf}), of another such leaf ({@code other leaf}) and of the
 * hub this server is a spoke of ({@code hub}), beside a local subscriber, a route and a gateway.
 */
class LeafForwardingTableTest {
    private final MessageRouter router = new MessageRouter();
    private final Account account = new Account(Account.GLOBAL);
    private final List<String> reached = new ArrayList<>();
    private RouteLink leaf;
    private RouteLink otherLeaf;
    private RouteLink hub;

    private RouteLink link(String name, boolean hubSide) {
        return link(name, hubSide, null);
    }

    /** A leaf connection to a server of cluster {@code cluster} (null: none known). */
    private RouteLink link(String name, boolean hubSide, String cluster) {
        return new RouteLink() {
            @Override
            public void forward(Account acc, MessageFrame message, QueueNames queues, FlushBatch batch) {
                reached.add(name + (queues.size() == 0 ? "" : " " + queues.get(0)));
            }

            @Override
            public boolean leafNode() {
                return true;
            }

            @Override
            public boolean receivesRoutedMessages() {
                return hubSide;
            }

            @Override
            public String leafCluster() {
                return cluster;
            }

            @Override
            public byte[] leafClusterBytes() {
                return cluster == null ? null : cluster.getBytes(StandardCharsets.US_ASCII);
            }
        };
    }

    /** A route that records the origin it was given with each message. */
    private RouteLink originRecordingRoute(String name) {
        return new RouteLink() {
            @Override
            public void forward(Account acc, MessageFrame message, QueueNames queues, FlushBatch batch) {
                reached.add(name + (queues.size() == 0 ? "" : " " + queues.get(0)));
            }

            @Override
            public void forward(Account acc, MessageFrame message, QueueNames queues, byte[] origin, FlushBatch batch) {
                reached.add(name + " from " + new String(origin, StandardCharsets.US_ASCII)
                        + (queues.size() == 0 ? "" : " " + queues.get(0)));
            }
        };
    }

    @BeforeEach
    void interest() {
        Subscriber local = new Subscriber() {
            @Override
            public boolean deliver(Subscription subscription, MessageFrame message, FlushBatch batch) {
                reached.add("local");
                return true;
            }

            @Override
            public void subscriptionExpired(Subscription subscription) {
            }
        };
        RouteLink route = (acc, message, queues, batch) -> reached.add("route");
        leaf = link("leaf", true);
        otherLeaf = link("other leaf", true);
        hub = link("hub", false);
        account.subscriptions().insert(new Subscription(local, "t.x", null, "1"));
        account.subscriptions().insert(Subscription.remote(route, "t.x", null, 1, "R t.x"));
        account.subscriptions().insert(Subscription.remote(leaf, "t.x", null, 1, "L t.x"));
        account.subscriptions().insert(Subscription.remote(otherLeaf, "t.x", null, 1, "O t.x"));
        account.subscriptions().insert(Subscription.remote(hub, "t.x", null, 1, "H t.x"));
        router.gateways(new GatewayForwarding() {
            @Override
            public int forward(Account acc, MessageFrame message, MatchResult<Subscription> cluster, FlushBatch batch) {
                reached.add("gateway");
                return 1;
            }

            @Override
            public MessageFrame localView(Account acc, MessageFrame message) {
                return message;
            }

            @Override
            public MessageFrame unmapped(MessageFrame message) {
                return message;
            }
        });
    }

    private static MessageFrame message(String subject) {
        byte[] bytes = (subject + "hi").getBytes(StandardCharsets.US_ASCII);
        return new MessageFrame().set(Unpooled.wrappedBuffer(bytes), subject, 0, subject.length(), 0, -1, -1,
                subject.length(), 2);
    }

    @Test
    void aClientsMessageGoesEverywhereWithInterest() {
        router.route(account, message("t.x"), null, true, FlushBatch.current());
        assertThat(reached).containsExactlyInAnyOrder("local", "route", "gateway", "leaf", "other leaf", "hub");
    }

    @Test
    void aRoutedMessageGoesOnToTheLeafsThisServerIsTheHubOf() {
        router.deliverRouted(account, message("t.x"), new QueueNames(), FlushBatch.current());
        assertThat(reached).containsExactlyInAnyOrder("local", "leaf", "other leaf");
    }

    @Test
    void aMessageFromALeafGoesEverywhereButBackToIt() {
        router.deliverFromLeaf(account, message("t.x"), leaf, new QueueNames(), true, FlushBatch.current());
        assertThat(reached).containsExactlyInAnyOrder("local", "route", "gateway", "other leaf", "hub");
    }

    @Test
    void aMessageFromTheHubStaysOnThisServerAndItsOwnLeafs() {
        router.deliverFromLeaf(account, message("t.x"), hub, new QueueNames(), false, FlushBatch.current());
        assertThat(reached).containsExactlyInAnyOrder("local", "leaf", "other leaf");
    }

    @Test
    void queueMembersAcrossALeafConnectionServeOnlyWhenNoneIsOnThisSide() {
        account.subscriptions().insert(Subscription.remote(leaf, "q.x", "workers", 1, "L q.x workers"));
        account.subscriptions().insert(Subscription.remote(route, "q.x", "workers", 1, "R q.x workers"));
        for (int i = 0; i < 20; i++) {
            router.route(account, message("q.x"), null, true, FlushBatch.current());
        }
        assertThat(reached).containsOnly("route", "gateway").contains("route").doesNotContain("leaf workers");
        reached.clear();
        QueueNames listed = new QueueNames();
        listed.add("workers");
        router.deliverFromLeaf(account, message("q.x"), hub, listed, false, FlushBatch.current());
        assertThat(reached).containsExactly("leaf workers");
    }

    private final RouteLink route = (acc, message, queues, batch) -> reached.add("route");

    @Test
    void aMessageFromALeafClusterGoesToRoutesWithItsOriginAndNeverToAnotherLeafOfThatCluster() {
        RouteLink fromLeafCluster = link("L1", true, "LEAF");
        RouteLink sibling = link("L2", true, "LEAF");
        RouteLink elsewhere = link("F1", true, "FAR");
        RouteLink peer = originRecordingRoute("peer");
        account.subscriptions().insert(Subscription.remote(sibling, "LEAF", "c.x", null, 1, "c.x"));
        account.subscriptions().insert(Subscription.remote(elsewhere, "FAR", "c.x", null, 1, "c.x"));
        account.subscriptions().insert(Subscription.remote(peer, "c.x", null, 1, "R c.x"));
        router.deliverFromLeaf(account, message("c.x"), fromLeafCluster, new QueueNames(), true, FlushBatch.current());
        assertThat(reached).containsExactlyInAnyOrder("gateway", "F1", "peer from LEAF");
    }

    @Test
    void aMessageRoutedFromALeafClusterNeverGoesBackIntoIt() {
        RouteLink sameCluster = link("L1", true, "LEAF");
        RouteLink otherCluster = link("F1", true, "FAR");
        account.subscriptions().insert(Subscription.remote(sameCluster, "LEAF", "c.y", null, 1, "c.y"));
        account.subscriptions().insert(Subscription.remote(otherCluster, "FAR", "c.y", null, 1, "c.y"));
        router.deliverRouted(account, message("c.y"), new QueueNames(), "LEAF", FlushBatch.current());
        assertThat(reached).containsExactly("F1");
        reached.clear();
        router.deliverRouted(account, message("c.y"), new QueueNames(), null, FlushBatch.current());
        assertThat(reached).containsExactlyInAnyOrder("L1", "F1");
    }

    @Test
    void aRoutedQueueMemberHeldForALeafClusterServesOnlyWhenNoneOfThisClusterDoes() {
        RouteLink peer = originRecordingRoute("peer");
        RouteLink otherPeer = originRecordingRoute("other peer");
        account.subscriptions().insert(Subscription.remote(peer, "LEAF", "q.y", "workers", 1, "L LEAF q.y workers"));
        account.subscriptions().insert(Subscription.remote(otherPeer, "q.y", "workers", 1, "R q.y workers"));
        for (int i = 0; i < 20; i++) {
            router.route(account, message("q.y"), null, true, FlushBatch.current());
        }
        assertThat(reached).containsOnly("other peer workers", "gateway");
        reached.clear();
        account.subscriptions().remove(account.subscriptions().match("q.y").queueGroup(0).member(
                account.subscriptions().match("q.y").queueGroup(0).member(0).route() == otherPeer ? 0 : 1));
        router.route(account, message("q.y"), null, true, FlushBatch.current());
        assertThat(reached).containsExactlyInAnyOrder("peer workers", "gateway");
        reached.clear();
        QueueNames listed = new QueueNames();
        listed.add("workers");
        router.deliverFromLeaf(account, message("q.y"), link("L1", true, "LEAF"), listed, true, FlushBatch.current());
        assertThat(reached).as("never back to the leaf cluster the message came from").containsExactly("gateway");
    }
}
