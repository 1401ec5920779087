package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code $SYS.SERVER.<id>.STATSZ} heartbeat's rate limit, side by side with nats-server
 * 2.10.27 in one cluster: a server announces itself to every server it hears for the first
 * time, but never sends two heartbeats closer than its current heartbeat interval (250 ms at
 * first, doubling) or one second, whichever is less, so four servers joining at once do not make
 * every member send one heartbeat each to the whole cluster. A statistics request without a reply subject asks
 * for a heartbeat, which nats-server 2.10 sends once the limit allows (the request does not
 * lift it).
 */
class StatszRateLimitInteropTest {
    private static final String ACCOUNTS = """
            system_account: SYS
            accounts { SYS { users [{user: sys, password: sys}] } }
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The least gap between two heartbeats of one server, by the times the sender wrote in them
     * (a receiver's clock would see a backlog arrive at once on a loaded machine): the limit is
     * the heartbeat interval while that is below a second, 250 ms before the first heartbeat
     * (nats-server's gaps here were 309-397 ms at times), less some timer slack.
     */
    private static final long LEAST_GAP_MILLIS = 200;
    private static final int JOINING = 4;

    @TempDir
    Path dir;

    @Test
    void serversJoiningTogetherMakeNoServerHeartbeatTwiceWithinTheLimit() throws Exception {
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "SZ", List.of(), "", ACCOUNTS);
             Connection system = connect(go.clientUrl())) {
            Subscription heartbeats = system.subscribe("$SYS.SERVER.*.STATSZ");
            system.flush(Duration.ofSeconds(5));
            List<JnatsdServer> joining = new ArrayList<>();
            try {
                for (int i = 0; i < JOINING; i++) {
                    joining.add(jnatsd("J" + i, go));
                }
                Map<String, List<Long>> arrivals = collect(heartbeats, Duration.ofSeconds(4));
                String goId = go.serverId();

                assertThat(arrivals).as("heartbeats heard from the Go seed and every jnatsd server")
                        .containsKey(goId).hasSize(JOINING + 1);
                arrivals.forEach((server, times) -> {
                    for (int i = 1; i < times.size(); i++) {
                        assertThat(times.get(i) - times.get(i - 1))
                                .as("gap between heartbeats %d and %d of %s (%s) at %s", i - 1, i, server,
                                        server.equals(goId) ? "nats-server" : "jnatsd", times)
                                .isGreaterThanOrEqualTo(LEAST_GAP_MILLIS);
                    }
                });
            } finally {
                joining.forEach(JnatsdServer::close);
            }
        }
    }

    @Test
    void aStatszRequestWithoutReplyBringsNatsServersNextHeartbeatForwardToTheLimit() throws Exception {
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "SZ", List.of(), "", ACCOUNTS);
             Connection system = connect(go.clientUrl())) {
            assertRequestBringsTheHeartbeatForward(system, go.serverId());
        }
    }

    @Test
    void aStatszRequestWithoutReplyBringsJnatsdsNextHeartbeatForwardToTheLimit() throws Exception {
        try (GoServer go = GoServer.start("NATS_SERVER_210", "GO", "SZ", List.of(), "", ACCOUNTS);
             JnatsdServer jnatsd = jnatsd("J", go);
             Connection system = connect(go.clientUrl())) {
            assertRequestBringsTheHeartbeatForward(system, jnatsd.server().serverId());
        }
    }

    /**
     * Asks a fresh server for its statistics without a reply subject right after a heartbeat that
     * came two seconds or more after the one before: its interval has doubled past four seconds
     * then, so the next regular heartbeat is far off, and only the request brings one within the
     * one-second limit.
     */
    private static void assertRequestBringsTheHeartbeatForward(Connection system, String id) throws Exception {
        Subscription heartbeats = system.subscribe("$SYS.SERVER." + id + ".STATSZ");
        system.flush(Duration.ofSeconds(5));
        long previous = 0;
        long last;
        for (int beat = 1; ; beat++) {
            assertThat(beat).as("heartbeats until one comes 2 s after the last").isLessThanOrEqualTo(8);
            Message heartbeat = heartbeats.nextMessage(Duration.ofSeconds(12));
            assertThat(heartbeat).as("heartbeat %d", beat).isNotNull();
            last = sentAtMillis(heartbeat);
            if (previous != 0 && last - previous >= 1800) {
                break;
            }
            previous = last;
        }
        system.publish("$SYS.REQ.SERVER." + id + ".STATSZ", new byte[0]);
        Message answer = heartbeats.nextMessage(Duration.ofSeconds(3));
        assertThat(answer).as("the heartbeat asked for").isNotNull();
        assertThat(sentAtMillis(answer) - last).as("sent a second after the last heartbeat, not at the next one")
                .isBetween(700L, 1600L);
    }

    /** The time the sender wrote in a heartbeat's server header, in milliseconds. */
    private static long sentAtMillis(Message heartbeat) throws IOException {
        return Instant.parse(JSON.readTree(heartbeat.getData()).path("server").path("time").asText()).toEpochMilli();
    }

    private JnatsdServer jnatsd(String name, GoServer seed) throws Exception {
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(conf, "server_name: " + name + "\nhost: 127.0.0.1\nport: -1\n" + ACCOUNTS
                + "cluster { name: SZ, listen: 127.0.0.1:-1, routes: [\"nats-route://127.0.0.1:"
                + seed.clusterPort + "\"] }\n");
        JnatsdServer server = JnatsdServer.start(ConfigLoader.load(conf));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.server().cluster().remoteCount() >= 1);
        return server;
    }

    private static Connection connect(String url) throws Exception {
        return Nats.connect(new Options.Builder().server(url).userInfo("sys", "sys").maxReconnects(0)
                .connectionTimeout(Duration.ofSeconds(5)).build());
    }

    /** When each server sent the heartbeats heard within {@code span}, in milliseconds. */
    private static Map<String, List<Long>> collect(Subscription heartbeats, Duration span) throws Exception {
        Map<String, List<Long>> arrivals = new HashMap<>();
        long end = System.nanoTime() + span.toNanos();
        for (long left = span.toNanos(); left > 0; left = end - System.nanoTime()) {
            Message heartbeat = heartbeats.nextMessage(Duration.ofNanos(left));
            if (heartbeat != null) {
                String server = heartbeat.getSubject().split("\\.")[2];
                arrivals.computeIfAbsent(server, s -> new ArrayList<>()).add(sentAtMillis(heartbeat));
            }
        }
        return arrivals;
    }
}
