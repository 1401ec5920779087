package io.jnatsd.bench.target;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ByteCountingProxyTest {

    @Test
    void relaysBothWaysAndCountsEachDirection() throws IOException {
        try (ServerSocket upstream = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ByteCountingProxy proxy = ByteCountingProxy.listen()) {
            proxy.forwardTo(upstream.getLocalPort());
            try (Socket dialer = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
                 Socket accepted = upstream.accept()) {
                dialer.setSoTimeout(5000);
                accepted.setSoTimeout(5000);
                dialer.getOutputStream().write(new byte[10]);
                assertThat(accepted.getInputStream().readNBytes(10)).hasSize(10);
                accepted.getOutputStream().write(new byte[25]);
                assertThat(dialer.getInputStream().readNBytes(25)).hasSize(25);

                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    assertThat(proxy.bytesTowardsListener()).isEqualTo(10);
                    assertThat(proxy.bytesTowardsDialer()).isEqualTo(25);
                });
            }
        }
    }
}
