package io.jnatsd.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.JnatsdServer;
import io.jnatsd.tests.protocol.RawClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code connect_urls} clients are told (CLIENT.md §3.1), as nats-server 2.10.27 sends them:
 * none while a clustered server has never had a peer, every server's once peers join, and this
 * server alone (never none) once the last peer has left, so a client that prunes its server pool
 * only on a non-empty list drops the departed servers.
 */
class ConnectUrlsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TestCluster servers = new TestCluster();

    @AfterEach
    void stop() {
        servers.close();
    }

    @Test
    void afterTheLastPeerLeavesTheRemainingServerListsItselfAlone() throws Exception {
        JnatsdServer seed = servers.start("S1", List.of());
        List<String> own = seed.server().clientConnectUrls();
        try (RawClient client = RawClient.open(seed.server().clientPort())) {
            JsonNode first = info(client.readLine());
            assertThat(first.has("connect_urls")).as("no peer yet: %s", first).isFalse();
            client.send("CONNECT {\"verbose\":false,\"protocol\":1}\r\nPING\r\n");

            servers.start("S2", List.of(TestCluster.clusterPort(seed)));
            servers.start("S3", List.of(TestCluster.clusterPort(seed)));
            awaitInfo(client, urls -> urls.size() == 3 * own.size());

            servers.stop("S2");
            servers.stop("S3");
            List<String> last = awaitInfo(client, urls -> urls.size() <= own.size());
            assertThat(last).isEqualTo(own);
        }
    }

    /**
     * A server that shuts down closes its routes before its clients, and each peer it loses
     * shortens its list. nats-server sends clients no INFO once shutting down; a client told the
     * shorter list prunes the servers still up from its pool and then retries only the one going
     * away (a jnats client did so for 10 s in a CI run). The peer is made to leave while the
     * server is already shutting down, before it closes its clients, so that its departure is
     * handled while the client is still there to be told.
     */
    @Test
    void aServerShuttingDownTellsItsClientsNoShorterList() throws Exception {
        JnatsdServer seed = servers.start("S1", List.of());
        int own = seed.server().clientConnectUrls().size();
        try (RawClient client = RawClient.open(seed.server().clientPort())) {
            client.readLine();
            client.send("CONNECT {\"verbose\":false,\"protocol\":1}\r\nPING\r\n");
            JnatsdServer peer = servers.start("S2", List.of(TestCluster.clusterPort(seed)));
            awaitInfo(client, urls -> urls.size() == 2 * own);
            List<String> toldWhileShuttingDown = new ArrayList<>();
            seed.server().shutdownAnnouncement(() -> {
                servers.stop("S2");
                await().atMost(WAIT).until(() -> TestCluster.routesTo(seed, peer).isEmpty());
                try {
                    // What the departure made the server send reaches the client before this PONG.
                    toldWhileShuttingDown.addAll(client.linesUntilPong());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

            servers.stop("S1");

            for (String line : toldWhileShuttingDown) {
                if (line.startsWith("INFO ")) {
                    assertThat(info(line).path("connect_urls").size()).as(line).isEqualTo(2 * own);
                }
            }
            assertThat(client.collect(Duration.ofSeconds(2), WAIT).text()).doesNotContain("INFO ");
        }
    }

    /** Reads lines until an async INFO whose connect_urls satisfy {@code wanted}; returns them. */
    private static List<String> awaitInfo(RawClient client, Predicate<List<String>> wanted) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = client.readLine(WAIT);
            if (!line.startsWith("INFO ")) {
                continue;
            }
            List<String> urls = new ArrayList<>();
            info(line).path("connect_urls").forEach(url -> urls.add(url.asText()));
            seen.add(urls.toString());
            if (wanted.test(urls)) {
                return urls;
            }
        }
        throw new AssertionError("no INFO with the wanted connect_urls; seen " + seen);
    }

    private static JsonNode info(String line) throws IOException {
        assertThat(line).startsWith("INFO ");
        return JSON.readTree(line.substring(5));
    }
}
