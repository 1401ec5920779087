package io.jnatsd.bench.memory;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class IdleConnectionsSpreadTest {

    @Test
    void spreadsSubscriptionsSoThatCountsDifferByAtMostOne() {
        int total = IntStream.range(0, 7).map(index -> IdleConnections.subscriptionsOf(index, 7, 100)).sum();

        assertThat(total).isEqualTo(100);
        assertThat(IdleConnections.subscriptionsOf(0, 7, 100)).isEqualTo(15);
        assertThat(IdleConnections.subscriptionsOf(6, 7, 100)).isEqualTo(14);
    }
}
