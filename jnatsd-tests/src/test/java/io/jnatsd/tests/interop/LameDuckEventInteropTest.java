package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code $SYS.SERVER.<id>.LAMEDUCK} in a mixed cluster with nats-server 2.10.27, both ways: the
 * server entering lame duck mode sends its server info (the same fields from either kind) and
 * then nothing more on the system account; the other forgets it at once, so its statsz
 * {@code active_servers} drops to 1 while the routes are still up (each lame duck keeps a client,
 * since one without clients stops at once).
 */
class LameDuckEventInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNTS = """
            system_account: SYS
            accounts { SYS { users [{user: sys, password: sys}] } }
            """;
    /** nats-server waits this long before closing its clients: its routes stay up meanwhile. */
    private static final String GO_GRACE = "lame_duck_grace_period: \"5s\"\n";

    @TempDir
    Path dir;

    @Test
    void natsServerForgetsAJnatsdLameDuckThatThenFallsSilent() throws Exception {
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "LDM", List.of(), "", ACCOUNTS + GO_GRACE);
             JnatsdServer jnatsd = jnatsd(go);
             Connection onGo = connect(go.clientUrl());
             Connection staying = connect(jnatsd.clientUrl())) {
            String jnatsdId = jnatsd.server().serverId();
            awaitActiveServers(onGo, go.serverId(), 2);
            Subscription events = onGo.subscribe("$SYS.SERVER." + jnatsdId + ".>");
            onGo.flush(Duration.ofSeconds(5));

            jnatsd.enterLameDuckMode();
            JsonNode body = lameDuck(events);
            assertThat(body.path("id").asText()).isEqualTo(jnatsdId);
            assertThat(fields(body)).containsExactly("name", "host", "id", "cluster", "ver", "jetstream", "flags", "seq",
                    "time");
            assertThat(jnatsd.server().cluster().remoteCount()).isEqualTo(1);
            awaitActiveServers(onGo, go.serverId(), 1);
            jnatsd.awaitShutdown();
            assertThat(events.nextMessage(Duration.ofSeconds(1))).as("nothing after LAMEDUCK").isNull();
            assertThat(go.protocolErrors()).isEmpty();
        }
    }

    @Test
    void jnatsdForgetsANatsServerLameDuckAsNatsServerDoes() throws Exception {
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "LDM", List.of(), "", ACCOUNTS + GO_GRACE);
             JnatsdServer jnatsd = jnatsd(go);
             Connection onJnatsd = connect(jnatsd.clientUrl());
             Connection staying = connect(go.clientUrl())) {
            String jnatsdId = jnatsd.server().serverId();
            awaitActiveServers(onJnatsd, jnatsdId, 2);
            Subscription events = onJnatsd.subscribe("$SYS.SERVER." + go.serverId() + ".>");
            onJnatsd.flush(Duration.ofSeconds(5));

            go.enterLameDuckMode();
            JsonNode body = lameDuck(events);
            assertThat(body.path("id").asText()).isEqualTo(go.serverId());
            assertThat(fields(body)).containsExactly("name", "host", "id", "cluster", "ver", "jetstream", "flags", "seq",
                    "time");
            awaitActiveServers(onJnatsd, jnatsdId, 1);
            assertThat(jnatsd.server().cluster().remoteCount()).as("routes stay until the lame duck stops").isEqualTo(1);
            assertThat(events.nextMessage(Duration.ofSeconds(1))).as("nats-server says nothing after LAMEDUCK").isNull();
        }
    }

    private JnatsdServer jnatsd(GoServer go) throws Exception {
        Path conf = dir.resolve("jnatsd.conf");
        Files.writeString(conf, "server_name: JN\nhost: 127.0.0.1\nport: -1\n" + ACCOUNTS
                + "cluster { name: LDM, listen: 127.0.0.1:-1, routes: [\"nats-route://127.0.0.1:"
                + go.clusterPort + "\"] }\n");
        // Shorter than a configuration file may say (30 s at least), so the lame duck stops soon.
        JnatsdServer jnatsd = JnatsdServer.start(ConfigLoader.load(conf).toBuilder()
                .lameDuckDuration(Duration.ofSeconds(3)).lameDuckGracePeriod(Duration.ofMillis(1500)).build());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jnatsd.server().cluster().remoteCount() == 1);
        return jnatsd;
    }

    private static Connection connect(String url) throws Exception {
        return Nats.connect(new Options.Builder().server(url).userInfo("sys", "sys").maxReconnects(0)
                .connectionTimeout(Duration.ofSeconds(5)).build());
    }

    /** Waits until the server {@code id} counts {@code expected} active servers in its statsz. */
    private static void awaitActiveServers(Connection system, String id, int expected) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            Message reply = system.request("$SYS.REQ.SERVER." + id + ".STATSZ", new byte[0], Duration.ofSeconds(1));
            return JSON.readTree(reply.getData()).path("statsz").path("active_servers").asInt() == expected;
        });
    }

    /** The body of the LAMEDUCK event, skipping heartbeats sent before it. */
    private static JsonNode lameDuck(Subscription events) throws Exception {
        Message event = events.nextMessage(Duration.ofSeconds(3));
        while (event != null && event.getSubject().endsWith(".STATSZ")) {
            event = events.nextMessage(Duration.ofSeconds(3));
        }
        assertThat(event).as("LAMEDUCK event").isNotNull();
        assertThat(event.getSubject()).endsWith(".LAMEDUCK");
        return JSON.readTree(event.getData());
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
