package io.jnatsd.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.server.ConnectionSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionSortTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");

    private static ConnectionSnapshot connection(long cid, int startMinute, int lastMinute, long inMessages,
                                                 long rttNanos, String reason) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * startMinute);
        Instant last = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * lastMinute);
        return new ConnectionSnapshot(cid, "127.0.0.1", 1000, start, last, reason == null ? null : NOW, reason,
                rttNanos, 0, inMessages, 0, 0, 0, (int) cid, List.of(), null, null, null, null, "$G");
    }

    private static List<Long> sorted(ConnectionSort sort, ConnectionSnapshot... connections) {
        List<ConnectionSnapshot> list = new ArrayList<>(List.of(connections));
        list.sort(sort.comparator(NOW));
        return list.stream().map(ConnectionSnapshot::cid).toList();
    }

    @Test
    void cidAndStartAscendOtherCountersDescendWithCidBreakingTies() {
        ConnectionSnapshot a = connection(1, 0, 9, 5, 100, null);
        ConnectionSnapshot b = connection(2, 5, 6, 50, 300, null);
        ConnectionSnapshot c = connection(3, 8, 8, 5, 200, null);
        assertThat(sorted(ConnectionSort.CID, c, a, b)).containsExactly(1L, 2L, 3L);
        assertThat(sorted(ConnectionSort.START, c, b, a)).containsExactly(1L, 2L, 3L);
        assertThat(sorted(ConnectionSort.MSGS_FROM, c, a, b)).containsExactly(2L, 1L, 3L);
        assertThat(sorted(ConnectionSort.SUBS, a, b, c)).containsExactly(3L, 2L, 1L);
        assertThat(sorted(ConnectionSort.RTT, a, b, c)).containsExactly(2L, 3L, 1L);
        assertThat(sorted(ConnectionSort.LAST, b, c, a)).containsExactly(1L, 3L, 2L);
        assertThat(sorted(ConnectionSort.IDLE, a, c, b)).containsExactly(2L, 3L, 1L);
        assertThat(sorted(ConnectionSort.UPTIME, a, b, c)).containsExactly(3L, 2L, 1L);
    }

    @Test
    void reasonSortsAlphabeticallyAndUnknownKeysAreRejected() throws Exception {
        ConnectionSnapshot stale = connection(1, 0, 1, 0, 0, "Stale Connection");
        ConnectionSnapshot closed = connection(2, 0, 1, 0, 0, "Client Closed");
        assertThat(sorted(ConnectionSort.REASON, stale, closed)).containsExactly(2L, 1L);
        assertThat(ConnectionSort.parse("msgs_to")).isEqualTo(ConnectionSort.MSGS_TO);
        assertThat(ConnectionSort.parse(null)).isEqualTo(ConnectionSort.CID);
        assertThatThrownBy(() -> ConnectionSort.parse("bogus")).hasMessage("invalid sorting option: bogus");
    }
}
