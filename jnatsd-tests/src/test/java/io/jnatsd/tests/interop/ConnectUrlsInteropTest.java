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
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code connect_urls} against nats-server 2.10.27, both listening for clients on every address
 * ({@code 0.0.0.0}): each lists the machine's global unicast addresses, IPv4 and IPv6 (in
 * brackets, compressed), so the Go server's list holds the same hosts for jnatsd's port as for
 * its own; and when jnatsd leaves, the Go server lists itself alone (the behaviour jnatsd copies).
 */
class ConnectUrlsInteropTest {
    private static final String GO = "NATS_SERVER_210";
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void wildcardListenersAdvertiseTheSameAddressesAsNatsServerAndTheLastServerListsItself() throws Exception {
        GoServer go = GoServer.start(GO, "go1", "URLS", List.of(), "", "host: 0.0.0.0");
        started.add(go);
        JnatsdServer.Builder builder = JnatsdServer.builder().serverName("java1");
        builder.options().host("0.0.0.0").cluster(ClusterOptions.listen("127.0.0.1", 0).withName("URLS")
                .withRoutes(List.of(URI.create("nats-route://127.0.0.1:" + go.clusterPort))));
        JnatsdServer java = builder.start();
        started.add(java);
        int javaPort = java.server().clientPort();

        await().atMost(Duration.ofSeconds(10)).until(() -> hostsFor(go, javaPort).size() > 0);
        assertThat(hostsFor(go, javaPort)).as("jnatsd's addresses as nats-server lists them")
                .isEqualTo(hostsFor(go, go.clientPort));
        assertThat(java.server().connectUrls()).as("jnatsd's own list").containsAll(urls(go));

        java.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> hostsFor(go, javaPort).isEmpty());
        assertThat(hostsFor(go, go.clientPort)).as("nats-server lists itself once alone").isNotEmpty();
    }

    private static List<String> urls(GoServer go) throws Exception {
        List<String> urls = new ArrayList<>();
        for (JsonNode url : go.monitor("varz").path("connect_urls")) {
            urls.add(url.asText());
        }
        return urls;
    }

    private static Set<String> hostsFor(GoServer go, int port) throws Exception {
        Set<String> hosts = new TreeSet<>();
        for (String url : urls(go)) {
            if (url.endsWith(":" + port)) {
                hosts.add(url.substring(0, url.length() - (":" + port).length()));
            }
        }
        return hosts;
    }
}
