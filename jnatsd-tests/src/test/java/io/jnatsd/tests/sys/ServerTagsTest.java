package io.jnatsd.tests.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server_tags} as nats-server 2.10 shows them: trimmed, lower case, each once, in
 * {@code /varz} after {@code config_load_time}, in the {@code server} object of system messages
 * after {@code ver}, and as a filter of {@code $SYS.REQ.SERVER.PING.*} requests that every named
 * tag must pass. The same checks run against nats-server when {@code NATS_SERVER_210} names it.
 */
class ServerTagsTest {
    private static final String TAGS = "server_tags: [\" Region:EU \", \"az:1\", \"AZ:1\"]\nsystem_account: SYS\n"
            + "accounts { SYS { users: [{user: s, password: s}] } }\n";

    @TempDir
    Path directory;

    @Test
    void jnatsdShowsAndFiltersByItsTags() throws Exception {
        try (JnatsdServer server = JnatsdServer.builder().configString(TAGS).monitorPort(-1).start()) {
            check(server.clientUrl(), server.monitorUrl());
        }
    }

    @Test
    void natsServerDoesTheSame() throws Exception {
        String binary = System.getenv("NATS_SERVER_210");
        assumeTrue(binary != null && !binary.isBlank(), "NATS_SERVER_210 is not set: no nats-server to compare with");
        int port = freePort();
        int monitorPort = freePort();
        Path conf = Files.writeString(directory.resolve("tags.conf"),
                "listen: 127.0.0.1:" + port + "\nhttp: 127.0.0.1:" + monitorPort + "\n" + TAGS);
        Process process = new ProcessBuilder(binary, "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("nats.log").toFile()).start();
        try {
            String monitor = "http://127.0.0.1:" + monitorPort;
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> varz(monitor) != null);
            check("nats://127.0.0.1:" + port, monitor);
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static void check(String clientUrl, String monitorUrl) throws Exception {
        JsonNode varz = varz(monitorUrl);
        List<String> keys = fieldNames(varz);
        assertThat(keys.get(keys.indexOf("tags") - 1)).isEqualTo("config_load_time");
        assertThat(varz.path("tags").toString()).isEqualTo("[\"region:eu\",\"az:1\"]");

        Options options = new Options.Builder().server(clientUrl).userInfo("s", "s").build();
        try (Connection system = Nats.connect(options)) {
            Duration quiet = Duration.ofMillis(300);
            Duration max = Duration.ofSeconds(5);
            List<JsonNode> ping = SystemRequests.gather(system, "$SYS.REQ.SERVER.PING", "", 1, quiet, max);
            assertThat(ping).hasSize(1);
            List<String> server = fieldNames(ping.get(0).path("server"));
            assertThat(server.subList(server.indexOf("ver"), server.indexOf("ver") + 3))
                    .containsExactly("ver", "tags", "jetstream");
            assertThat(ping.get(0).path("server").path("tags").toString()).isEqualTo("[\"region:eu\",\"az:1\"]");

            assertThat(SystemRequests.gather(system, "$SYS.REQ.SERVER.PING.VARZ", "{\"tags\":[\"AZ:1\",\"region:eu\"]}",
                    1, quiet, max)).hasSize(1);
            assertThat(SystemRequests.gather(system, "$SYS.REQ.SERVER.PING.VARZ", "{\"tags\":[\"az:1\",\"az:2\"]}",
                    1, quiet, Duration.ofMillis(600))).isEmpty();
        }
    }

    private static JsonNode varz(String monitorUrl) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(monitorUrl + "/varz")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() == 200 ? SystemRequests.parse(response.body()) : null;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
