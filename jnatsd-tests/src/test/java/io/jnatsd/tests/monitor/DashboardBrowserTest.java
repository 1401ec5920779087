package io.jnatsd.tests.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdLeafNodes;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.tests.cluster.SeededCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The /dashboard page of a 3-server cluster in headless Chromium (installed by
 * {@code .ci/install-browser}; skipped without it): after a few polls the DOM holds the three
 * servers and the routes of the server it is served by, and the page reported no error; on a hub
 * the leaf nodes table lists its leafs. A screenshot is kept in {@code target/artifacts/dashboard.png}.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final long BROWSER_TIMEOUT_SECONDS = 90;

    @TempDir
    static Path dir;
    static SeededCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                CHROMIUM + " is missing (run .ci/install-browser): skipping the dashboard browser test");
        cluster = SeededCluster.start(3, () -> ServerOptions.builder().host("127.0.0.1").port(-1).httpPort(-1));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theDashboardDrawsEveryServerAndTheRoutesOfItsServerWithoutErrors() throws Exception {
        String url = cluster.get(0).monitorUrl() + "/dashboard";
        BrowserRun run = chromium(dir.resolve("dom-profile"), "--dump-dom", url);
        String dom = run.stdout();

        assertThat(count(dom, "<g class=\"server self\"")).as(dom).isEqualTo(1);
        assertThat(count(dom, "<g class=\"server\"")).as("peer nodes").isEqualTo(2);
        for (int i = 0; i < 3; i++) {
            assertThat(dom).contains("data-id=\"" + cluster.get(i).server().serverId() + "\"");
        }
        assertThat(count(dom, "<g class=\"route\"")).isEqualTo(2);
        assertThat(dom).contains("data-remote-name=\"s2\"", "data-remote-name=\"s3\"", "data-state=\"connected\"");
        assertThat(polls(dom)).as("polls within the virtual time budget").isGreaterThanOrEqualTo(2);
        assertThat(dom).as("errors the page caught").contains("<pre id=\"errors\"></pre>");
        assertThat(run.stderr()).as("browser log").doesNotContain("Uncaught", "CONSOLE(");
    }

    @Test
    void theDashboardOfAHubListsItsLeafNodesWithoutErrors() throws Exception {
        try (JnatsdLeafNodes edge = JnatsdLeafNodes.builder().leafs("store-1", "store-2")
                .configureHub(hub -> hub.monitorPort(-1)).start()) {
            BrowserRun run = chromium(dir.resolve("leaf-profile"), "--dump-dom", edge.hub().monitorUrl() + "/dashboard");
            String dom = run.stdout();

            assertThat(dom).contains("<span id=\"leaf-count\">(2)</span>", "<tr data-leaf=\"store-1\">",
                    "<tr data-leaf=\"store-2\">", "<td>hub (accepted)</td>");
            assertThat(dom).as("errors the page caught").contains("<pre id=\"errors\"></pre>");
            assertThat(run.stderr()).as("browser log").doesNotContain("Uncaught", "CONSOLE(");
        }
    }

    @Test
    void aScreenshotOfTheDashboardIsKept() throws Exception {
        Path artifacts = Files.createDirectories(Path.of("target", "artifacts"));
        Path screenshot = artifacts.resolve("dashboard.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        chromium(dir.resolve("shot-profile"), "--window-size=900,820", "--screenshot=" + screenshot,
                cluster.get(0).monitorUrl() + "/dashboard");

        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot)).isGreaterThan(1000);
    }

    private record BrowserRun(String stdout, String stderr) {
    }

    private static BrowserRun chromium(Path profile, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000"));
        command.addAll(List.of(arguments));
        Path stdout = profile.resolveSibling(profile.getFileName() + ".out");
        Path stderr = profile.resolveSibling(profile.getFileName() + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(BROWSER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish within " + BROWSER_TIMEOUT_SECONDS + " s: "
                    + read(stderr));
        }
        assertThat(process.exitValue()).as("chromium exit status; log: " + read(stderr)).isZero();
        return new BrowserRun(read(stdout), read(stderr));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static int polls(String dom) {
        Matcher matcher = Pattern.compile("data-polls=\"(\\d+)\"").matcher(dom);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
