package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ClusterOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A nats-server 2.10 that learns of a server only through a jnatsd's gossip (the newcomer lists
 * the jnatsd alone) dials it its pool and its pinned {@code $SYS} connection, as it would on a
 * nats-server's gossip: the pinned one only on an INFO with {@code route_account}, which jnatsd
 * forwards when a pinned connection registers (ROUTES.md §8, §12).
 */
class GossipedPinnedRouteInteropTest {
    private static final String GO = "NATS_SERVER_210";
    private static final String CLUSTER = "GOSSIP";

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @ParameterizedTest(name = "newcomer: {0}")
    @ValueSource(strings = {"go", "jnatsd"})
    void aNatsServerToldOfANewcomerByJnatsdDialsItsPinnedSystemConnectionToo(String newcomerKind) throws Exception {
        GoServer.binary(GO);
        GoServer seed = closeLater(GoServer.start(GO, "seed", CLUSTER, List.of(), ""));
        JnatsdServer middle = closeLater(jnatsd("middle", seed.clusterPort));
        int middlePort = middle.server().cluster().listenPort();
        String newcomerId;
        if (newcomerKind.equals("go")) {
            GoServer newcomer = closeLater(GoServer.start(GO, "newcomer", CLUSTER, List.of(middlePort), ""));
            newcomerId = newcomer.serverId();
        } else {
            newcomerId = closeLater(jnatsd("newcomer", middlePort)).server().serverId();
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            List<String> toNewcomer = new ArrayList<>();
            for (JsonNode route : seed.monitor("routez").get("routes")) {
                if (route.get("remote_id").asText().equals(newcomerId)) {
                    toNewcomer.add(route.path("account").asText("pool"));
                }
            }
            assertThat(toNewcomer).as("the seed's connections to the newcomer")
                    .containsExactlyInAnyOrder("pool", "pool", "pool", "$SYS");
        });
        assertThat(seed.protocolErrors()).isEmpty();
    }

    private static JnatsdServer jnatsd(String name, int seedPort) throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder().serverName(name);
        builder.options().cluster(ClusterOptions.listen("127.0.0.1", 0).withName(CLUSTER)
                .withRoutes(List.of(URI.create("nats-route://127.0.0.1:" + seedPort))));
        return builder.start();
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        resources.add(resource);
        return resource;
    }
}
