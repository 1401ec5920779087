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
 * DESIGN.md's table of where a message may go next, row by row (GATEWAYS.md §5.2): from a client
 * to local subscribers, routes and gateways; from a route to local subscribers only; from a
 * gateway to local subscribers and routes, never back out through a gateway.
 */
class ForwardingTableTest {
    private final MessageRouter router = new MessageRouter();
    private final Account account = new Account(Account.GLOBAL);
    private final List<String> reached = new ArrayList<>();

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
        account.subscriptions().insert(new Subscription(local, "t.x", null, "1"));
        account.subscriptions().insert(Subscription.remote(route, "t.x", null, 1, "R $G t.x"));
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

    private static MessageFrame message() {
        byte[] bytes = "t.xhi".getBytes(StandardCharsets.US_ASCII);
        return new MessageFrame().set(Unpooled.wrappedBuffer(bytes), "t.x", 0, 3, 0, -1, -1, 3, 2);
    }

    @Test
    void aClientsMessageGoesToLocalSubscribersRoutesAndGateways() {
        router.route(account, message(), null, true, FlushBatch.current());
        assertThat(reached).containsExactlyInAnyOrder("local", "route", "gateway");
    }

    @Test
    void aRoutedMessageGoesToLocalSubscribersOnly() {
        router.deliverRouted(account, message(), new QueueNames(), FlushBatch.current());
        assertThat(reached).containsExactly("local");
    }

    @Test
    void aMessageFromAGatewayGoesToLocalSubscribersAndRoutesButNeverToAGateway() {
        router.deliverFromGateway(account, message(), new QueueNames(), FlushBatch.current());
        assertThat(reached).containsExactlyInAnyOrder("local", "route");
    }
}
