package io.jnatsd.tests.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.JnatsdServer;
import io.jnatsd.JnatsdSupercluster;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateway lines on the dashboard of a two-cluster supercluster: {@code /clusterz} lists each gateway
 * connection with its direction, remote cluster and counters, and the page draws one row each (in
 * headless Chromium, skipped without it).
 */
class GatewayDashboardTest {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static JnatsdSupercluster regions;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        regions = JnatsdSupercluster.builder().clusters("A", "B")
                .configure((member, builder) -> builder.monitorPort(-1)).start();
    }

    @AfterAll
    static void stop() {
        if (regions != null) {
            regions.close();
        }
    }

    private static JnatsdServer a() {
        return regions.cluster("A").member(0);
    }

    @Test
    void clusterzListsEveryGatewayConnectionWithItsDirectionAndRemote() throws Exception {
        JsonNode clusterz = new ObjectMapper().readTree(URI.create(a().monitorUrl() + "/clusterz").toURL());
        List<String> links = new ArrayList<>();
        for (JsonNode link : clusterz.path("gateways")) {
            links.add(link.path("direction").asText() + " " + link.path("gateway").asText());
            assertThat(link.path("remote_id").asText())
                    .isEqualTo(regions.cluster("B").member(0).server().serverId());
            assertThat(link.has("in_msgs") && link.has("out_bytes") && link.has("subscriptions")).isTrue();
        }
        assertThat(links).containsExactly("outbound B", "inbound B");
    }

    @Test
    void theDashboardDrawsOneRowPerGatewayConnectionWithoutErrors() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: skipping the browser check");
        Path profile = dir.resolve("profile");
        Path out = dir.resolve("dom.html");
        Process browser = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom", a().monitorUrl() + "/dashboard")
                .redirectOutput(out.toFile()).redirectError(dir.resolve("browser.log").toFile()).start();
        if (!browser.waitFor(90, TimeUnit.SECONDS)) {
            browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish within 90 s");
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(dom).contains("<table id=\"gateways\">")
                .contains("data-gateway=\"B\" data-direction=\"outbound\"")
                .contains("data-gateway=\"B\" data-direction=\"inbound\"")
                .contains("<pre id=\"errors\"></pre>");
    }
}
