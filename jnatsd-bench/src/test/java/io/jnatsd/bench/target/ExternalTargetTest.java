package io.jnatsd.bench.target;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExternalTargetTest {

    @Test
    void aSingleUrlIsNotEnoughForTheClusterScenarios() {
        ExternalTarget target = new ExternalTarget("url", List.of(new InetSocketAddress("127.0.0.1", 4222)), List.of());

        assertThatThrownBy(() -> target.open(Topology.CLUSTER_OF_THREE))
            .isInstanceOf(IOException.class).hasMessageContaining("needs 3 --url servers");
    }

    @Test
    void aServerThatGreetsWithInfoIsUsedAsIsAndLeftRunning() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread greeter = new Thread(() -> greetOnce(listener));
            greeter.start();
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", listener.getLocalPort());

            try (ServerGroup group = new ExternalTarget("url", List.of(address), List.of(42L)).open(Topology.SINGLE)) {
                assertThat(group.address(0)).isEqualTo(address);
                assertThat(group.pids()).containsExactly(42L);
            }
            greeter.join(5_000);
            assertThat(listener.isClosed()).isFalse();
        }
    }

    private static void greetOnce(ServerSocket listener) {
        try (Socket client = listener.accept(); OutputStream out = client.getOutputStream()) {
            out.write("INFO {\"server_id\":\"fake\"}\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException ignored) {
            // the test sees the failure on its side
        }
    }
}
