package io.jnatsd.tests.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.tests.cluster.SeededCluster;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** jnatsd's own monitoring pages of a 3-server cluster: /metrics, /clusterz and the /dashboard page itself. */
class ClusterMonitoringTest {
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:\\\\.|[^\"\\\\])*\""
                    + "(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:\\\\.|[^\"\\\\])*\")*})? (-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)");
    private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) \\S.*");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge)");
    private static final int MESSAGES = 10;

    static SeededCluster cluster;
    static MonitorHttp first;
    static Connection publisher;
    static Connection subscriber;

    @BeforeAll
    static void start() throws Exception {
        cluster = SeededCluster.start(3, () -> ServerOptions.builder().host("127.0.0.1").port(-1).httpPort(-1));
        first = new MonitorHttp(cluster.get(0).monitorUrl());
        publisher = Nats.connect(options(cluster.get(0).clientUrl()));
        subscriber = Nats.connect(options(cluster.get(1).clientUrl()));
        Subscription orders = subscriber.subscribe("orders.>");
        subscriber.flush(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            publisher.publish("orders.warmup", new byte[0]);
            return orders.nextMessage(Duration.ofMillis(100)) != null;
        });
        for (int i = 0; i < MESSAGES; i++) {
            publisher.publish("orders.new", "0123456789".getBytes());
        }
        publisher.flush(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> orders.getPendingMessageCount() >= MESSAGES);
    }

    private static Options options(String url) {
        return new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        if (subscriber != null) {
            subscriber.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void metricsFollowThePrometheusTextFormat() throws Exception {
        HttpResponse<String> response = first.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).endsWith("\n");
        Set<String> typed = new HashSet<>();
        Set<String> helped = new HashSet<>();
        for (String line : response.body().split("\n")) {
            Matcher help = HELP.matcher(line);
            Matcher type = TYPE.matcher(line);
            Matcher sample = SAMPLE.matcher(line);
            if (help.matches()) {
                assertThat(helped.add(help.group(1))).as("one HELP per family: " + line).isTrue();
            } else if (type.matches()) {
                assertThat(typed.add(type.group(1))).as("one TYPE per family: " + line).isTrue();
            } else {
                assertThat(sample.matches()).as("sample line: " + line).isTrue();
                assertThat(typed).as("TYPE before the samples of " + line).contains(sample.group(1));
                assertThat(sample.group(1)).startsWith("jnatsd_");
            }
        }
        assertThat(helped).isEqualTo(typed);
    }

    @Test
    void metricsCarryTheServerAndRouteValues() throws Exception {
        List<Sample> samples = samples(first.get("/metrics").body());
        String secondId = cluster.get(1).server().serverId();

        assertThat(value(samples, "jnatsd_connections")).isEqualTo(1);
        assertThat(value(samples, "jnatsd_connections_total")).isEqualTo(1);
        assertThat(value(samples, "jnatsd_routes")).isEqualTo(8);
        assertThat(value(samples, "jnatsd_remotes")).isEqualTo(2);
        assertThat(value(samples, "jnatsd_in_msgs_total")).isGreaterThanOrEqualTo(MESSAGES + 1);
        assertThat(value(samples, "jnatsd_in_bytes_total")).isGreaterThanOrEqualTo(MESSAGES * 10);
        assertThat(value(samples, "jnatsd_subscriptions")).isPositive();
        assertThat(value(samples, "jnatsd_slow_consumers_total")).isZero();
        assertThat(value(samples, "jnatsd_process_resident_memory_bytes")).isGreaterThan(1 << 20);
        assertThat(samples).filteredOn(s -> s.name().equals("jnatsd_info"))
                .singleElement().satisfies(s -> assertThat(s.labels()).contains("server_name=\"s1\""));

        List<Sample> up = samples.stream().filter(s -> s.name().equals("jnatsd_route_up")).toList();
        assertThat(up).hasSize(8).allSatisfy(s -> assertThat(s.value()).isEqualTo(1));
        assertThat(up).filteredOn(s -> s.labels().contains("remote_name=\"s2\"")).hasSize(4)
                .allSatisfy(s -> assertThat(s.labels()).contains("remote_id=\"" + secondId + "\""));
        assertThat(up).filteredOn(s -> s.labels().contains("remote_name=\"s3\"")).hasSize(4);
        assertThat(up).filteredOn(s -> s.labels().contains("account=\"$SYS\"")).hasSize(2);
        double toSecond = samples.stream()
                .filter(s -> s.name().equals("jnatsd_route_out_msgs_total") && s.labels().contains("\"s2\""))
                .mapToDouble(Sample::value).sum();
        assertThat(toSecond).isGreaterThanOrEqualTo(MESSAGES + 1);
        assertThat(samples).filteredOn(s -> s.name().equals("jnatsd_route_rtt_seconds")).hasSize(8)
                .allSatisfy(s -> assertThat(s.value()).isBetween(0.0, 5.0));
        assertThat(samples).filteredOn(s -> s.name().equals("jnatsd_route_pending_bytes")).hasSize(8);
        assertThat(samples).filteredOn(s -> s.name().equals("jnatsd_route_in_msgs_total")).hasSize(8);
    }

    @Test
    void clusterzShowsEveryPeerWithItsRoutesSummed() throws Exception {
        JsonNode clusterz = first.json("/clusterz");

        assertThat(clusterz.path("server_id").asText()).isEqualTo(cluster.get(0).server().serverId());
        assertThat(clusterz.path("cluster").asText()).isEqualTo("C");
        assertThat(clusterz.path("server").path("name").asText()).isEqualTo("s1");
        assertThat(clusterz.path("server").path("connections").asInt()).isEqualTo(1);
        JsonNode routes = clusterz.path("routes");
        assertThat(routes).hasSize(2);
        assertThat(routes.findValuesAsText("remote_name")).containsExactlyInAnyOrder("s2", "s3");
        for (JsonNode peer : routes) {
            assertThat(peer.path("state").asText()).isEqualTo("connected");
            assertThat(peer.path("connections").asInt()).isEqualTo(4);
            assertThat(peer.path("rtt").asText()).isNotEmpty();
        }
        JsonNode second = find(routes, "s2");
        assertThat(second.path("remote_id").asText()).isEqualTo(cluster.get(1).server().serverId());
        assertThat(second.path("out_msgs").asLong()).isGreaterThanOrEqualTo(MESSAGES + 1);
        assertThat(second.path("subscriptions").asLong()).as("s2's interest: orders.> and more")
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void theDashboardIsOneSelfContainedPageLinkedFromTheIndex() throws Exception {
        assertThat(first.get("/").body()).contains("href=./dashboard>", "href=./varz>", "href=./healthz>");
        HttpResponse<String> page = first.get("/dashboard");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<svg id=\"mesh\"", "<pre id=\"errors\">", "fetchJson(\"clusterz\")")
                .doesNotContain(" src=", "stylesheet", "@import");
    }

    private static JsonNode find(JsonNode routes, String name) {
        for (JsonNode peer : routes) {
            if (peer.path("remote_name").asText().equals(name)) {
                return peer;
            }
        }
        throw new AssertionError("no peer " + name + " in " + routes);
    }

    private record Sample(String name, String labels, double value) {
    }

    private static List<Sample> samples(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.matches()) {
                samples.add(new Sample(sample.group(1), sample.group(2) == null ? "" : sample.group(2),
                        Double.parseDouble(sample.group(3))));
            }
        }
        return samples;
    }

    private static double value(List<Sample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name)).value();
    }
}
