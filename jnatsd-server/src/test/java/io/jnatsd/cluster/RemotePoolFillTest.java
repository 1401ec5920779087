package io.jnatsd.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.protocol.route.RouteInfo;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The server that dialed a peer can dial every missing pool slot and pinned account at once
 * instead of one after the other, and never more dials than there are free slots (issue 14: a
 * cluster start waited for two fills in a row before {@code $G}, on slot 2, carried anything).
 */
class RemotePoolFillTest {
    private static final RouteUrl URL = RouteUrl.of(URI.create("nats-route://127.0.0.1:4248"), false);

    private long ids;

    @Test
    void everyFreeSlotAndPinnedAccountIsDialedAtOnce() {
        Remote peer = remote();
        assertThat(peer.claim(dialed(0, null))).isTrue();

        List<RouteDial> dials = peer.startFill(true);
        assertThat(dials).extracting(RouteDial::poolIndex, RouteDial::pinnedAccount)
                .containsExactlyInAnyOrder(Tuple.tuple(1, null),
                        Tuple.tuple(2, null), Tuple.tuple(0, "$SYS"));
        assertThat(dials).allSatisfy(dial -> assertThat(dial.url()).isEqualTo(URL));
        assertThat(peer.startFill(true)).as("all under way").isEmpty();
    }

    @Test
    void aRegisteredFillLeavesNothingNewToDialAndAFailedOneIsDialedAgain() {
        Remote peer = remote();
        assertThat(peer.claim(dialed(0, null))).isTrue();
        List<RouteDial> dials = peer.startFill(true);
        RouteDial first = dials.stream().filter(d -> d.poolIndex() == 1).findFirst().orElseThrow();
        RouteDial second = dials.stream().filter(d -> d.poolIndex() == 2).findFirst().orElseThrow();

        // The second dial's connection registers first: it takes the first free slot.
        RouteConnection registered = dialed(peer.firstFreeSlot(), null);
        assertThat(registered.poolIndex()).isEqualTo(1);
        assertThat(peer.claim(registered)).isTrue();
        peer.endFill(second);
        assertThat(peer.startFill(true)).as("slot 2 is the first dial's").isEmpty();

        peer.endFill(first);
        assertThat(peer.startFill(true)).extracting(RouteDial::poolIndex).containsExactly(2);
    }

    @Test
    void withoutAllAtOnceTheSlotsAreDialedOneAfterTheOtherAsNatsServerDials() {
        Remote peer = remote();
        assertThat(peer.claim(dialed(0, null))).isTrue();
        List<RouteDial> dials = peer.startFill(false);
        assertThat(dials).extracting(RouteDial::poolIndex, RouteDial::pinnedAccount)
                .containsExactlyInAnyOrder(Tuple.tuple(1, null), Tuple.tuple(0, "$SYS"));
        assertThat(peer.startFill(false)).isEmpty();
        assertThat(peer.startFill(true)).as("all at once tops up").extracting(RouteDial::poolIndex)
                .containsExactly(2);
    }

    private Remote remote() {
        RouteInfo info = new RouteInfo();
        info.serverId = "NZZZZ";
        info.routePoolSize = 3;
        return new Remote(info, 3, Set.of("$SYS"), "NAAAA");
    }

    private RouteConnection dialed(int slot, String pinned) {
        RouteConnection connection = new RouteConnection(null, ++ids, new RouteDial(URL, slot, pinned, 1));
        connection.assignSlot(pinned, slot);
        return connection;
    }
}
