package io.jnatsd.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClosedConnectionsTest {

    private static ConnectionSnapshot closed(long cid) {
        Instant now = Instant.now();
        return new ConnectionSnapshot(cid, "127.0.0.1", 1, now, now, now, "Client Closed", -1, 0, 0, 0, 0, 0, 0,
                List.of(), null, null, null, null, null);
    }

    @Test
    void keepsTheNewestUpToItsCapacityOldestFirst() {
        ClosedConnections ring = new ClosedConnections(2);
        ring.add(closed(1));
        ring.add(closed(2));
        ring.add(closed(3));
        assertThat(ring.snapshot()).extracting(ConnectionSnapshot::cid).containsExactly(2L, 3L);
    }

    @Test
    void keepsNothingWithCapacityZero() {
        ClosedConnections ring = new ClosedConnections(0);
        ring.add(closed(1));
        assertThat(ring.snapshot()).isEmpty();
    }
}
