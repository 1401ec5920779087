package io.jnatsd.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteConnectLineTest {
    @Test
    void theServerIdIsTheNameOfARouteConnect() {
        String line = "CONNECT {\"echo\":false,\"verbose\":false,\"headers\":true,\"name\":\"NABC123\",\"cluster\":\"C\"}\r";
        assertThat(RouteConnectLine.serverId(line)).isEqualTo("NABC123");
    }

    @Test
    void anythingElseNamesNoServer() {
        assertThat(RouteConnectLine.serverId("INFO {\"name\":\"x\"}")).isNull();
        assertThat(RouteConnectLine.serverId("CONNECT {\"verbose\":false}")).isNull();
        assertThat(RouteConnectLine.serverId("")).isNull();
    }
}
