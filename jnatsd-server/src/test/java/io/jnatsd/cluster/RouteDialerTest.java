package io.jnatsd.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class RouteDialerTest {

    @Test
    void an_explicit_routes_refused_dials_come_every_50_ms_for_two_seconds_then_every_second() {
        ConnectException refused = new ConnectException("Connection refused");
        assertThat(RouteDialer.retryDelayMillis(refused, 1, true)).isEqualTo(50);
        assertThat(RouteDialer.retryDelayMillis(refused, 40, true)).isEqualTo(50);
        assertThat(RouteDialer.retryDelayMillis(refused, 41, true)).isEqualTo(1000);
    }

    @Test
    void timeouts_other_errors_and_implicit_routes_wait_nats_servers_second() {
        assertThat(RouteDialer.retryDelayMillis(new ConnectTimeoutException("timed out"), 1, true)).isEqualTo(1000);
        assertThat(RouteDialer.retryDelayMillis(new IOException("reset"), 1, true)).isEqualTo(1000);
        assertThat(RouteDialer.retryDelayMillis(new ConnectException("Connection refused"), 1, false)).isEqualTo(1000);
    }
}
