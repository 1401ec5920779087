package io.jnatsd.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Other servers' account connection counts: the last report per server, summed, and forgotten when a server shuts down or goes silent. */
class RemoteAccountConnectionsTest {
    @Test
    void theLastReportOfEachServerCountsUntilItIsForgotten() {
        RemoteAccountConnections counts = new RemoteAccountConnections();
        counts.update("S2", "A", 3);
        counts.update("S3", "A", 4);
        counts.update("S2", "A", 2);
        counts.update("S3", "B", 1);
        assertThat(counts.total("A")).isEqualTo(6);
        counts.update("S3", "A", 0);
        assertThat(counts.total("A")).isEqualTo(2);
        counts.forget("S2");
        assertThat(counts.total("A")).isZero();
        assertThat(counts.total("B")).isEqualTo(1);
        assertThat(counts.total("C")).isZero();
    }
}
