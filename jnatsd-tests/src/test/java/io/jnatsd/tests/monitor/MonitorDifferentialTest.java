package io.jnatsd.tests.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the same client activity against nats-server 2.10 ({@code $NATS_SERVER_210}) and jnatsd and
 * compares the monitoring JSON structurally: the same field names in the same order with the same
 * JSON types, all the way down (array elements are compared as the union of their fields). Values differ by
 * nature (ids, times, nats-server's internal $SYS subscriptions) and are not compared, except
 * for the 400 and 404 texts, which must be identical.
 */
class MonitorDifferentialTest {
    private static final List<String> ENDPOINTS = List.of("/varz", "/connz?subs=1", "/connz?subs=detail&auth=1",
            "/connz?state=closed&subs=1", "/subsz", "/subsz?subs=1", "/healthz", "/routez", "/leafz", "/gatewayz",
            "/accountz", "/accstatz", "/accstatz?unused=1", "/jsz");
    private static final List<String> BAD_REQUESTS = List.of("/connz?sort=bogus", "/connz?sort=stop",
            "/connz?state=open&sort=reason", "/connz?state=bogus", "/connz?subs=maybe", "/connz?offset=x",
            "/connz?limit=1.5", "/connz?cid=-1", "/subsz?test=orders.*", "/subsz?subs=yes", "/accountz?acc=nope",
            "/accstatz?unused=x", "/leafz?subs=x", "/nope", "/varz/");

    /** Objects whose keys are data (request paths), compared as objects only. */
    private static final Set<String> KEYED_BY_DATA = Set.of("/varz.http_req_stats");

    private static Process natsServer;
    private static JnatsdServer jnatsd;
    private static MonitorHttp reference;
    private static MonitorHttp candidate;
    private static final List<Connection> connections = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        String binary = System.getenv("NATS_SERVER_210");
        Assumptions.assumeTrue(binary != null && !binary.isEmpty(),
                "NATS_SERVER_210 is not set: skipping the comparison with nats-server 2.10");
        int port = freePort();
        int monitorPort = freePort();
        natsServer = new ProcessBuilder(binary, "-a", "127.0.0.1", "-p", Integer.toString(port),
                "-m", Integer.toString(monitorPort))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        reference = new MonitorHttp("http://127.0.0.1:" + monitorPort);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> reference.get("/healthz").statusCode() == 200);
        jnatsd = JnatsdServer.builder().monitorPort(-1).start();
        candidate = new MonitorHttp(jnatsd.monitorUrl());

        clientActivity("nats://127.0.0.1:" + port, reference);
        clientActivity(jnatsd.clientUrl(), candidate);
    }

    /** A subscriber with plain and queue subscriptions, a publisher, and one client that closed. */
    private static void clientActivity(String url, MonitorHttp monitor) throws Exception {
        Connection subscriber = connect(url, "sub-a");
        Subscription orders = subscriber.subscribe("orders.>");
        subscriber.subscribe("work", "workers");
        subscriber.subscribe("work", "workers");
        subscriber.flush(Duration.ofSeconds(5));
        Connection publisher = connect(url, "pub-b");
        for (int i = 0; i < 3; i++) {
            publisher.publish("orders.new", "hello".getBytes(StandardCharsets.UTF_8));
        }
        publisher.flush(Duration.ofSeconds(5));
        for (int i = 0; i < 3; i++) {
            assertThat(orders.nextMessage(Duration.ofSeconds(5))).isNotNull();
        }
        Connection gone = connect(url, "gone");
        gone.subscribe("x");
        gone.flush(Duration.ofSeconds(5));
        gone.close();
        connections.add(subscriber);
        connections.add(publisher);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> monitor.json("/connz?state=closed").get("total").asInt() == 1);
    }

    private static Connection connect(String url, String name) throws Exception {
        return Nats.connect(new Options.Builder().server(url).connectionName(name)
                .connectionTimeout(Duration.ofSeconds(10)).build());
    }

    @AfterAll
    static void stop() throws Exception {
        for (Connection connection : connections) {
            connection.close();
        }
        if (jnatsd != null) {
            jnatsd.close();
        }
        if (natsServer != null) {
            natsServer.destroy();
            natsServer.waitFor();
        }
    }

    @Test
    void everyEndpointHasTheFieldsAndTypesOfNatsServer() throws Exception {
        List<String> differences = new ArrayList<>();
        for (String endpoint : ENDPOINTS) {
            compare(endpoint, reference.json(endpoint), candidate.json(endpoint), differences);
        }
        assertThat(differences).as("structural differences from nats-server 2.10").isEmpty();
    }

    @Test
    void badRequestsAndUnknownPathsGetTheSameStatusAndText() throws Exception {
        for (String path : BAD_REQUESTS) {
            HttpResponse<String> expected = reference.get(path);
            HttpResponse<String> actual = candidate.get(path);
            assertThat(actual.statusCode()).as(path).isEqualTo(expected.statusCode());
            assertThat(actual.body()).as(path).isEqualTo(expected.body());
        }
    }

    @Test
    void headersMatchForJsonJsonpAndErrors() throws Exception {
        for (String path : List.of("/varz", "/healthz?callback=cb", "/connz?sort=bogus", "/nope")) {
            HttpResponse<String> expected = reference.get(path);
            HttpResponse<String> actual = candidate.get(path);
            for (String header : List.of("Content-Type", "Access-Control-Allow-Origin", "X-Content-Type-Options")) {
                assertThat(actual.headers().firstValue(header)).as(path + " " + header)
                        .isEqualTo(expected.headers().firstValue(header));
            }
        }
    }

    @Test
    void jsonLayoutMatchesForAConfigurationIndependentDocument() throws Exception {
        assertThat(candidate.get("/gatewayz").body().replaceAll("\"(server_id|now)\": \"[^\"]*\"", "\"$1\": \"\""))
                .isEqualTo(reference.get("/gatewayz").body().replaceAll("\"(server_id|now)\": \"[^\"]*\"", "\"$1\": \"\""));
    }

    static void compare(String path, JsonNode expected, JsonNode actual, List<String> differences) {
        JsonNodeType expectedType = typeOf(expected);
        JsonNodeType actualType = typeOf(actual);
        if (expectedType != actualType) {
            differences.add(path + ": " + expectedType + " in nats-server, " + actualType + " in jnatsd");
            return;
        }
        if (expected.isObject() && !KEYED_BY_DATA.contains(path)) {
            Set<String> names = new LinkedHashSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            List<String> expectedOrder = new ArrayList<>();
            expected.fieldNames().forEachRemaining(name -> {
                if (actual.has(name)) {
                    expectedOrder.add(name);
                }
            });
            List<String> actualOrder = new ArrayList<>();
            actual.fieldNames().forEachRemaining(name -> {
                if (expected.has(name)) {
                    actualOrder.add(name);
                }
            });
            if (!expectedOrder.equals(actualOrder)) {
                differences.add(path + ": field order " + actualOrder + " instead of " + expectedOrder);
            }
            for (String name : names) {
                if (!expected.has(name)) {
                    differences.add(path + "." + name + ": only in jnatsd");
                } else if (!actual.has(name)) {
                    differences.add(path + "." + name + ": missing in jnatsd");
                } else {
                    compare(path + "." + name, expected.get(name), actual.get(name), differences);
                }
            }
        } else if (expected.isArray() && !expected.isEmpty() && !actual.isEmpty()) {
            compare(path + "[]", union(expected), union(actual), differences);
        }
    }

    /**
     * The elements of an array folded into one: for objects, every field any element has, in the
     * order of the fullest element (element order in lists is not significant, field order is).
     */
    private static JsonNode union(JsonNode array) {
        JsonNode first = array.get(0);
        if (!first.isObject()) {
            return first;
        }
        for (JsonNode element : array) {
            if (element.size() > first.size()) {
                first = element;
            }
        }
        ObjectNode merged = ((ObjectNode) first).deepCopy();
        for (JsonNode element : array) {
            element.fieldNames().forEachRemaining(name -> {
                if (!merged.has(name)) {
                    merged.set(name, element.get(name));
                }
            });
        }
        return merged;
    }

    /** JSON has one number type; Go writes 0.0 as 0, so integers and floats are the same kind here. */
    private static JsonNodeType typeOf(JsonNode node) {
        return node.getNodeType() == JsonNodeType.POJO ? JsonNodeType.OBJECT : node.getNodeType();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
