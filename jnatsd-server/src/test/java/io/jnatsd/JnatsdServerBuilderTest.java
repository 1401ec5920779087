package io.jnatsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.config.ConfigException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JnatsdServerBuilderTest {

    @Test
    void aStartedServerAnswersAtOnceOnItsEphemeralPort() throws Exception {
        try (JnatsdServer server = JnatsdServer.builder().serverName("quick").start()) {
            assertThat(server.port()).isPositive().isNotEqualTo(4222);
            assertThat(server.clientUrl()).isEqualTo("nats://127.0.0.1:" + server.port());
            assertThat(firstLine(server.port())).startsWith("INFO ").contains("\"server_name\":\"quick\"");
            assertThat(server.monitorUrl()).isNull();
        }
    }

    @Test
    void twoServersStartSideBySide() throws Exception {
        try (JnatsdServer a = JnatsdServer.builder().start(); JnatsdServer b = JnatsdServer.builder().start()) {
            assertThat(a.port()).isNotEqualTo(b.port());
        }
    }

    @Test
    void monitoringOnAnEphemeralPortIsReachableAtTheMonitorUrl() throws Exception {
        try (JnatsdServer server = JnatsdServer.builder().monitorPort(-1).start()) {
            HttpURLConnection http = (HttpURLConnection) URI.create(server.monitorUrl() + "/healthz").toURL().openConnection();
            assertThat(http.getResponseCode()).isEqualTo(200);
            http.disconnect();
        }
    }

    @Test
    void closingReleasesTheClientPort() throws Exception {
        JnatsdServer server = JnatsdServer.builder().start();
        int port = server.port();
        server.close();
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new java.net.InetSocketAddress("127.0.0.1", port));
        }
    }

    @Test
    void configTextSetsOptionsAndLeavesTheClientPortEphemeral() throws Exception {
        try (JnatsdServer server = JnatsdServer.builder()
                .configString("server_name: from-text\nmax_payload: 2048\n").start()) {
            assertThat(server.options().maxPayload()).isEqualTo(2048);
            assertThat(server.options().host()).isEqualTo("127.0.0.1");
            assertThat(server.options().configFile()).isNull();
            assertThat(firstLine(server.port())).contains("\"server_name\":\"from-text\"").contains("\"max_payload\":2048");
        }
    }

    @Test
    void aPortNamedInTheConfigFileIsKept(@TempDir Path dir) throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0)) {
            free = probe.getLocalPort();
        }
        Path file = dir.resolve("server.conf");
        Files.writeString(file, "listen: 127.0.0.1:" + free + "\nserver_name: from-file\n");
        try (JnatsdServer server = JnatsdServer.builder().config(file).start()) {
            assertThat(server.port()).isEqualTo(free);
            assertThat(server.options().configFile()).isEqualTo(file);
        }
    }

    @Test
    void settersAfterTheConfigOverrideIt() throws Exception {
        try (JnatsdServer server = JnatsdServer.builder().configString("server_name: file\n").serverName("code").start()) {
            assertThat(server.server().serverName()).isEqualTo("code");
        }
    }

    @Test
    void anInvalidConfigFailsBeforeStarting() {
        assertThatThrownBy(() -> JnatsdServer.builder().configString("max_payload: \"lots\"\n"))
                .isInstanceOf(ConfigException.class);
    }

    private static String firstLine(int port) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }
}
