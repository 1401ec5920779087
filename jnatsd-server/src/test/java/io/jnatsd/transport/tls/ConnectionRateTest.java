package io.jnatsd.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** nats-server's TLS connection counter: a one-second window from the first connection after the last one. */
class ConnectionRateTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aWindowAdmitsTheLimitAndCountsTheRest() {
        ConnectionRate rate = new ConnectionRate(2);
        long start = 5 * SECOND;
        assertThat(rate.allow(start)).isTrue();
        assertThat(rate.allow(start + 10)).isTrue();
        assertThat(rate.allow(start + 20)).isFalse();
        assertThat(rate.allow(start + SECOND)).isFalse();
        assertThat(rate.takeBlocked()).isEqualTo(2);
        assertThat(rate.takeBlocked()).isZero();
        assertThat(rate.allow(start + SECOND + 1)).as("a new window").isTrue();
        assertThat(rate.allow(start + SECOND + 2)).isTrue();
        assertThat(rate.allow(start + SECOND + 3)).isFalse();
    }
}
