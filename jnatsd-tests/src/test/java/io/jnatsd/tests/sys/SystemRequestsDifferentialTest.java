package io.jnatsd.tests.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replies to {@code $SYS.REQ.SERVER.PING} and {@code PING.VARZ} from nats-server 2.10
 * ({@code $NATS_SERVER_210}) and from jnatsd, both standalone with the same accounts: the same
 * field names, in the same order, with the same JSON types, all the way down. Values are not
 * compared.
 */
class SystemRequestsDifferentialTest {
    private static final String CONFIG = """
            accounts {
              SYS { users [ {user: sys, password: sys} ] }
              APP { users [ {user: app, password: app} ] }
            }
            system_account: SYS
            """;
    /** Objects whose keys are data (request paths): compared as objects only. */
    private static final Set<String> KEYED_BY_DATA = Set.of(".data.http_req_stats");

    @TempDir
    static Path dir;
    static Process natsServer;
    static JnatsdServer jnatsd;
    static Connection reference;
    static Connection candidate;

    @BeforeAll
    static void start() throws Exception {
        String binary = System.getenv("NATS_SERVER_210");
        Assumptions.assumeTrue(binary != null && !binary.isEmpty(),
                "NATS_SERVER_210 is not set: skipping the comparison with nats-server 2.10");
        Path conf = dir.resolve("sys.conf");
        Files.writeString(conf, CONFIG);
        int port = freePort();
        natsServer = new ProcessBuilder(binary, "-c", conf.toString(), "-a", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        reference = await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> connect("nats://127.0.0.1:" + port), c -> c != null);
        jnatsd = JnatsdServer.start(ConfigLoader.load(conf).toBuilder().host("127.0.0.1").port(-1).build());
        candidate = connect(jnatsd.clientUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        for (Connection connection : new Connection[] {reference, candidate}) {
            if (connection != null) {
                connection.close();
            }
        }
        if (jnatsd != null) {
            jnatsd.close();
        }
        if (natsServer != null) {
            natsServer.destroy();
            natsServer.waitFor();
        }
    }

    private static Connection connect(String url) throws Exception {
        return Nats.connect(new Options.Builder().server(url).userInfo("sys", "sys").connectionName("differ")
                // The first connection of a JVM can take seconds (Netty's allocator initialises JFR events).
                .connectionTimeout(Duration.ofSeconds(10))
                .build());
    }

    @Test
    void pingRepliesHaveTheSameShape() throws Exception {
        assertSameShape("$SYS.REQ.SERVER.PING");
    }

    @Test
    void varzRepliesHaveTheSameShape() throws Exception {
        assertSameShape("$SYS.REQ.SERVER.PING.VARZ");
    }

    private static void assertSameShape(String subject) throws Exception {
        JsonNode expected = only(reference, subject);
        JsonNode actual = only(candidate, subject);
        assertThat(shape(expected, "")).as("nats-server's reply: " + expected).hasSizeGreaterThan(10);
        assertThat(shape(actual, "")).as(subject + "\nnats-server: " + expected + "\njnatsd: " + actual)
                .containsExactlyElementsOf(shape(expected, ""));
    }

    private static JsonNode only(Connection connection, String subject) throws Exception {
        List<JsonNode> replies = SystemRequests.gather(connection, subject, "", 1, Duration.ofMillis(200),
                Duration.ofSeconds(5));
        assertThat(replies).as(subject).hasSize(1);
        return replies.get(0);
    }

    /** Every field as {@code path:type} in document order; array elements merged. */
    private static List<String> shape(JsonNode node, String path) {
        List<String> fields = new ArrayList<>();
        if (node.isObject() && !KEYED_BY_DATA.contains(path)) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = path + "." + field.getKey();
                fields.add(child + ":" + field.getValue().getNodeType());
                fields.addAll(shape(field.getValue(), child));
            }
        } else if (node.isArray()) {
            Set<String> merged = new LinkedHashSet<>();
            node.forEach(element -> merged.addAll(shape(element, path + "[]")));
            fields.addAll(merged);
        }
        return fields;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
