package io.jnatsd.tests.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.tests.cluster.SeededCluster;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server entering lame duck mode announces it on {@code $SYS.SERVER.<id>.LAMEDUCK} with its
 * server info as the body, then, as nats-server 2.10.27, says nothing more on the system account
 * (no reply, no heartbeat, no SHUTDOWN when it stops); its peers forget it at once, so their
 * statsz {@code active_servers} drops while its routes are still up.
 */
class LameDuckEventTest {
    private static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    Path dir;

    @Test
    void aLameDuckAnnouncesItselfOnceThenFallsSilentAndItsPeersForgetIt() throws Exception {
        Path conf = dir.resolve("sys.conf");
        Files.writeString(conf, """
                accounts { SYS { users [ {user: sys, password: sys} ] } }
                system_account: SYS
                """);
        ServerOptions options = ConfigLoader.load(conf);
        try (SeededCluster cluster = SeededCluster.start(3, () -> options.toBuilder().host("127.0.0.1").port(-1)
                .lameDuckGracePeriod(Duration.ofMillis(1500)).lameDuckDuration(Duration.ofSeconds(3)));
             Connection system = Nats.connect(new Options.Builder().server(cluster.get(0).clientUrl())
                     .userInfo("sys", "sys").connectionTimeout(Duration.ofSeconds(10)).build())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> activeServers(system, 3).equals(List.of(3, 3, 3)));
            JnatsdServer duck = cluster.get(2);
            String duckId = duck.server().serverId();
            // A lame duck without clients stops at once; this one keeps it up for the grace period.
            Connection staying = Nats.connect(new Options.Builder().server(duck.clientUrl()).userInfo("sys", "sys")
                    .noReconnect().connectionTimeout(Duration.ofSeconds(10)).build());
            Subscription events = system.subscribe("$SYS.SERVER." + duckId + ".>");
            system.flush(Duration.ofSeconds(5));

            duck.enterLameDuckMode();
            Message event = events.nextMessage(Duration.ofSeconds(2));
            while (event != null && event.getSubject().endsWith(".STATSZ")) {
                event = events.nextMessage(Duration.ofSeconds(2));
            }
            assertThat(event).isNotNull();
            assertThat(event.getSubject()).isEqualTo("$SYS.SERVER." + duckId + ".LAMEDUCK");
            JsonNode body = SystemRequests.parse(event.getData());
            assertThat(body.path("id").asText()).isEqualTo(duckId);
            assertThat(body.path("name").asText()).isEqualTo(duck.server().serverName());
            List<String> fields = new ArrayList<>();
            body.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("name", "host", "id", "cluster", "ver", "jetstream", "flags", "seq", "time");

            // The peers forget it while the routes are still up; it answers no request any more.
            assertThat(duck.server().cluster().remoteCount()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> activeServers(system, 2).equals(List.of(2, 2)));
            List<JsonNode> varz = SystemRequests.gather(system, "$SYS.REQ.SERVER.PING.VARZ", "", 3, QUIET,
                    Duration.ofSeconds(1));
            assertThat(varz).extracting(r -> r.path("server").path("id").asText()).doesNotContain(duckId).hasSize(2);

            duck.awaitShutdown();
            staying.close();
            assertThat(events.nextMessage(Duration.ofSeconds(1))).as("nothing after LAMEDUCK, not even SHUTDOWN").isNull();
        }
    }

    /** The statsz {@code active_servers} of every server that answers, sorted. */
    private static List<Integer> activeServers(Connection system, int expected) throws Exception {
        return SystemRequests.gather(system, "$SYS.REQ.SERVER.PING.STATSZ", "", expected, QUIET, Duration.ofSeconds(2))
                .stream().map(r -> r.path("statsz").path("active_servers").asInt()).sorted().toList();
    }
}
