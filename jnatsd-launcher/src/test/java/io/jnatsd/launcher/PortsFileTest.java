package io.jnatsd.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdServer;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PortsFileTest {

    @Test
    void theFileIsNamedAfterTheExecutableAndPid() {
        assertThat(PortsFile.path(Path.of("dir"), 42)).isEqualTo(Path.of("dir", "jnatsd_42.ports"));
    }

    @Test
    void everyListenerIsListedAsNatsServerListsIt() throws Exception {
        try (JnatsdServer server = JnatsdServer.builder().configString("listen: 127.0.0.1:-1\n"
                + "cluster { name: C, listen: 127.0.0.1:-1 }\nwebsocket { listen: 127.0.0.1:-1, no_tls: true }\n")
                .monitorPort(-1).start()) {
            assertThat(PortsFile.json(server)).isEqualTo("{\"nats\":[\"nats://127.0.0.1:" + server.port() + "\"],"
                    + "\"monitoring\":[\"http://127.0.0.1:" + server.monitorPort() + "\"],"
                    + "\"cluster\":[\"nats://127.0.0.1:" + server.server().cluster().listenPort() + "\"],"
                    + "\"websocket\":[\"ws://127.0.0.1:" + server.server().websocketPort() + "\"]}");
        }
        try (JnatsdServer server = JnatsdServer.builder().start()) {
            assertThat(PortsFile.json(server)).isEqualTo("{\"nats\":[\"nats://127.0.0.1:" + server.port() + "\"]}");
        }
    }

    @Test
    void anIpv6HostIsBracketed() {
        assertThat(ListenUrls.of("nats", "::1", 4222)).containsExactly("nats://[::1]:4222");
    }

    @Test
    void aWildcardHostListsTheInterfaceAddressesLoopbackIncluded() {
        assertThat(ListenUrls.of("nats", "0.0.0.0", 4222)).contains("nats://127.0.0.1:4222");
    }

    @Test
    void ipv6AddressesAreWrittenCompressed() throws Exception {
        assertThat(compressed("fe80:0:0:0:fc:ff:fe00:1")).isEqualTo("fe80::fc:ff:fe00:1");
        assertThat(compressed("::1")).isEqualTo("::1");
        assertThat(compressed("::")).isEqualTo("::");
        assertThat(compressed("fd00:0:0:0:0:0:0:2")).isEqualTo("fd00::2");
        assertThat(compressed("2001:db8:0:1:0:0:0:1")).isEqualTo("2001:db8:0:1::1");
        assertThat(compressed("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
    }

    private static String compressed(String address) throws Exception {
        return ListenUrls.compressedIpv6(InetAddress.getByName(address).getAddress());
    }
}
