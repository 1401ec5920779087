package io.jnatsd.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.protocol.route.RouteInfo;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep two servers dialing each other from churning (issue 14), on one
 * {@link Remote}: which connection keeps a slot both dials claim, and which server fills the pool.
 * Connections here never touch a socket: only their direction and slot matter.
 */
class RemoteCrossingTest {
    private static final String LOW = "NAAAA";
    private static final String HIGH = "NZZZZ";
    private static final RouteUrl URL = RouteUrl.of(URI.create("nats-route://127.0.0.1:4248"), false);

    private long ids;

    @Test
    void anAcceptedConnectionTakesTheSlotOfOurCrossingDialWhenThePeerIdSortsFirst() {
        Remote peer = remote(LOW, HIGH);
        RouteConnection ours = dialed(0);
        assertThat(peer.claim(ours)).isTrue();
        RouteConnection theirs = accepted(0);
        assertThat(peer.claim(theirs)).isFalse();

        assertThat(peer.takeOver(theirs)).isSameAs(ours);
        assertThat(peer.occupant(theirs)).isSameAs(theirs);
        // Still the server that dialed: the URL is kept for a re-dial when the peer is lost.
        assertThat(peer.url()).isEqualTo(URL);
    }

    @Test
    void anAcceptedConnectionNeverTakesTheSlotOfAnotherAcceptedOne() {
        Remote peer = remote(LOW, HIGH);
        RouteConnection first = accepted(1);
        assertThat(peer.claim(first)).isTrue();

        assertThat(peer.takeOver(accepted(1))).isNull();
        assertThat(peer.occupant(first)).isSameAs(first);
    }

    @Test
    void whenBothDialedTheServerWhoseIdSortsFirstFills() {
        Remote lowPeer = remote(LOW, HIGH);
        assertThat(lowPeer.claim(dialed(0))).isTrue();
        assertThat(lowPeer.fillTurn(false)).isEqualTo(Remote.FillTurn.OURS);
        assertThat(lowPeer.claim(accepted(1))).isTrue();
        assertThat(lowPeer.fillTurn(false)).isEqualTo(Remote.FillTurn.PEERS_CHECK_LATER);
        assertThat(lowPeer.fillTurn(false)).as("one check at a time").isEqualTo(Remote.FillTurn.PEERS);

        Remote highPeer = remote(HIGH, LOW);
        assertThat(highPeer.claim(dialed(0))).isTrue();
        assertThat(highPeer.claim(accepted(1))).isTrue();
        assertThat(highPeer.fillTurn(false)).isEqualTo(Remote.FillTurn.OURS);
    }

    @Test
    void aPeerDialInItsHandshakeAlreadyCountsAsTheCrossingDial() {
        Remote lowPeer = remote(LOW, HIGH);
        assertThat(lowPeer.claim(dialed(0))).isTrue();
        assertThat(lowPeer.fillTurn(true)).isEqualTo(Remote.FillTurn.PEERS_CHECK_LATER);

        Remote highPeer = remote(HIGH, LOW);
        assertThat(highPeer.claim(dialed(0))).isTrue();
        assertThat(highPeer.fillTurn(true)).as("our ID sorts first: we fill").isEqualTo(Remote.FillTurn.OURS);
    }

    @Test
    void thePoolIsFilledHereOnceThePeerStopsAddingConnections() {
        Remote peer = remote(LOW, HIGH);
        assertThat(peer.claim(dialed(0))).isTrue();
        assertThat(peer.claim(accepted(1))).isTrue();
        assertThat(peer.fillTurn(false)).isEqualTo(Remote.FillTurn.PEERS_CHECK_LATER);

        assertThat(peer.claim(accepted(2))).isTrue();
        assertThat(peer.peerStillFilling()).as("a connection was added, $SYS is missing").isTrue();
        assertThat(peer.peerStillFilling()).as("nothing added since").isFalse();
        assertThat(peer.fillTurn(false)).isEqualTo(Remote.FillTurn.OURS);
        assertThat(peer.startFill(false)).extracting(RouteDial::pinnedAccount).containsExactly("$SYS");
    }

    private Remote remote(String peerId, String ourId) {
        RouteInfo info = new RouteInfo();
        info.serverId = peerId;
        info.routePoolSize = 3;
        return new Remote(info, 3, Set.of("$SYS"), ourId);
    }

    private RouteConnection dialed(int slot) {
        RouteConnection connection = new RouteConnection(null, ++ids, new RouteDial(URL, slot, null, 1));
        connection.assignSlot(null, slot);
        return connection;
    }

    private RouteConnection accepted(int slot) {
        RouteConnection connection = new RouteConnection(null, ++ids, null);
        connection.assignSlot(null, slot);
        return connection;
    }
}
