package io.jnatsd.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class DialErrorTest {
    @Test
    void theJvmsRefusalReadsAsGosNetworkError() {
        ConnectException netty = new ConnectException(
                "finishConnect(..) failed with error(-111): Connection refused: /127.0.0.1:4222");
        assertThat(DialError.describe("127.0.0.1", 4222, netty))
                .isEqualTo("dial tcp 127.0.0.1:4222: connect: connection refused");
        assertThat(DialError.describe("127.0.0.1", 4222, new ConnectException("Connection refused")))
                .isEqualTo("dial tcp 127.0.0.1:4222: connect: connection refused");
    }

    @Test
    void timeoutsUnknownHostsAndUnreachableNetworksToo() {
        assertThat(DialError.describe("10.1.2.3", 6222, new ConnectTimeoutException("connection timed out: /10.1.2.3:6222")))
                .isEqualTo("dial tcp 10.1.2.3:6222: i/o timeout");
        assertThat(DialError.describe("nowhere.invalid", 6222, new UnknownHostException("nowhere.invalid")))
                .isEqualTo("dial tcp: lookup nowhere.invalid: no such host");
        assertThat(DialError.describe("10.1.2.3", 6222, new NoRouteToHostException("No route to host")))
                .isEqualTo("dial tcp 10.1.2.3:6222: connect: no route to host");
        assertThat(DialError.describe("10.1.2.3", 6222, new ConnectException("connect(..) failed: Network is unreachable")))
                .isEqualTo("dial tcp 10.1.2.3:6222: connect: network is unreachable");
    }

    @Test
    void anIpv6HostIsBracketedAndOtherErrorsKeepTheirText() {
        assertThat(DialError.describe("::1", 7422, new ConnectException("Connection refused")))
                .isEqualTo("dial tcp [::1]:7422: connect: connection refused");
        assertThat(DialError.describe("127.0.0.1", 7422, new IOException("Connection reset by peer")))
                .isEqualTo("dial tcp 127.0.0.1:7422: Connection reset by peer");
    }
}
