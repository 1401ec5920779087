package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Route credentials against nats-server 2.10.27 (ROUTES.md §4): a server whose configured route
 * URL has no user and password, but whose own {@code cluster.authorization} has the right ones, is
 * refused by a seed that requires authorization. nats-server refuses its own kind in that set-up,
 * and jnatsd must be refused the same way; with the credentials in the URL both join.
 */
class RouteCredentialsInteropTest {
    private static final String GO = "NATS_SERVER_210";
    private static final String AUTHORIZATION = "  authorization { user: ruser, password: rpass, timeout: 2 }\n";
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void aConfiguredRouteWithoutCredentialsIsRefusedAsNatsServerRefusesItsOwn() throws Exception {
        GoServer seed = GoServer.start(GO, "seed", "AUTH", List.of(), AUTHORIZATION);
        started.add(seed);

        GoServer goJoiner = GoServer.start(GO, "gojoiner", "AUTH", List.of(seed.clusterPort), AUTHORIZATION);
        await().atMost(Duration.ofSeconds(10)).until(() -> authenticationErrors(seed) > 0);
        goJoiner.close();
        assertThat(seed.monitor("routez").get("num_routes").asInt()).as("nats-server refused nats-server").isZero();

        long before = authenticationErrors(seed);
        JnatsdServer javaJoiner = jnatsd("javajoiner", "nats-route://127.0.0.1:" + seed.clusterPort);
        await().atMost(Duration.ofSeconds(10)).until(() -> authenticationErrors(seed) > before);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> seed.monitor("routez").get("num_routes").asInt() == 0);
        javaJoiner.close();

        JnatsdServer withCredentials = jnatsd("javamember", "nats-route://ruser:rpass@127.0.0.1:" + seed.clusterPort);
        await().atMost(Duration.ofSeconds(10)).until(() -> withCredentials.server().cluster().remoteCount() == 1
                && seed.monitor("routez").get("num_routes").asInt() == 4);
    }

    private static long authenticationErrors(GoServer server) throws Exception {
        return server.log().lines().filter(line -> line.contains("authentication error")).count();
    }

    private JnatsdServer jnatsd(String name, String route) throws Exception {
        Path file = Files.createTempFile("jnatsd-interop-auth-", ".conf");
        file.toFile().deleteOnExit();
        Files.writeString(file, "server_name: " + name + "\nhost: 127.0.0.1\nport: -1\ncluster {\n  name: AUTH\n"
                + "  host: 127.0.0.1\n  port: -1\n  routes: [ " + route + " ]\n" + AUTHORIZATION + "}\n");
        JnatsdServer server = JnatsdServer.start(ConfigLoader.load(file));
        started.add(server);
        return server;
    }
}
