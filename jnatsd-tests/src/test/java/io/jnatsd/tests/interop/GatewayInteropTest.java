package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.GatewayOptions;
import io.jnatsd.gateway.GatewayView;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A supercluster of a jnatsd cluster {@code J} (two servers) and a nats-server 2.10 cluster
 * {@code G} (two servers) joined by gateways (GATEWAYS.md). The Go servers name only J1 as their
 * seed; J learns G from the inbound connections and from route gossip. Skipped without
 * {@code NATS_SERVER_210}.
 */
class GatewayInteropTest {
    private static final List<JnatsdServer> JNATSD = new ArrayList<>();
    private static final List<GoServer> GO = new ArrayList<>();
    private static JnatsdServer j1;
    private static JnatsdServer j2;
    private static GoServer g1;
    private static GoServer g2;

    @BeforeAll
    static void form() throws Exception {
        GoServer.binary("NATS_SERVER_210");
        j1 = startJnatsd("J1", List.of());
        j2 = startJnatsd("J2", List.of(URI.create("nats-route://127.0.0.1:" + j1.server().cluster().listenPort())));
        String seed = "nats://" + j1.server().gateways().url();
        g1 = startGo("G1", List.of(), seed);
        g2 = startGo("G2", List.of(g1.clusterPort), seed);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (JnatsdServer server : List.of(j1, j2)) {
                assertThat(server.server().gateways().outboundViews()).extracting(GatewayView::gateway)
                        .as("outbound of %s", server.server().serverName()).containsExactly("G");
            }
            for (GoServer server : List.of(g1, g2)) {
                assertThat(server.monitor("gatewayz").path("outbound_gateways").has("J"))
                        .as("outbound of %s", server.name).isTrue();
            }
        });
    }

    private static JnatsdServer startJnatsd(String name, List<URI> routes) throws InterruptedException {
        GatewayOptions gateway = new GatewayOptions("J", "127.0.0.1", -1, null, 0, null, null,
                GatewayOptions.DEFAULT_AUTH_TIMEOUT, null, false, List.of());
        JnatsdServer.Builder builder = JnatsdServer.builder().serverName(name).monitorPort(-1);
        builder.options().cluster(ClusterOptions.listen("127.0.0.1", 0).withName("J").withRoutes(routes))
                .gateway(gateway);
        JnatsdServer server = builder.start();
        JNATSD.add(server);
        return server;
    }

    private static GoServer startGo(String name, List<Integer> routes, String seed) throws Exception {
        String gateway = "gateway {\n  name: G\n  listen: 127.0.0.1:" + GoServer.freePort() + "\n"
                + "  gateways: [ { name: J, url: \"" + seed + "\" } ]\n}\n";
        GoServer server = GoServer.start("NATS_SERVER_210", name, "G", routes, "", gateway);
        GO.add(server);
        return server;
    }

    @AfterAll
    static void stop() throws Exception {
        JNATSD.forEach(JnatsdServer::close);
        for (GoServer server : GO) {
            server.close();
        }
    }

    private static void awaitGoInterest(GoServer server, String subject) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            JsonNode accounts = server.monitor("gatewayz?accs=1&subs=1").path("outbound_gateways").path("J")
                    .path("accounts");
            boolean found = false;
            for (JsonNode account : accounts) {
                for (JsonNode sub : account.path("subscriptions_list")) {
                    found |= sub.asText().equals(subject);
                }
            }
            assertThat(found).as("%s holds J's interest in %s: %s", server.name, subject, accounts).isTrue();
        });
    }

    private static void awaitJnatsdInterest(JnatsdServer server, String subject) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                server.server().gateways().remoteInterest("G", "$G", subject));
    }

    @Test
    void messagesFlowBothWaysBetweenJnatsdAndGoClusters() throws Exception {
        try (Connection subscriberG = Nats.connect(g2.clientUrl());
             Connection subscriberJ = Nats.connect(j1.clientUrl());
             Connection publisherJ = Nats.connect(j2.clientUrl());
             Connection publisherG = Nats.connect(g1.clientUrl())) {
            Subscription inG = subscriberG.subscribe("gw.to.go");
            Subscription inJ = subscriberJ.subscribe("gw.to.j.*");
            subscriberG.flush(Duration.ofSeconds(2));
            subscriberJ.flush(Duration.ofSeconds(2));
            awaitJnatsdInterest(j2, "gw.to.go");
            awaitGoInterest(g1, "gw.to.j.*");
            for (int i = 0; i < 50; i++) {
                publisherJ.publish("gw.to.go", ("j" + i).getBytes(StandardCharsets.UTF_8));
                publisherG.publish("gw.to.j.x", ("g" + i).getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < 50; i++) {
                Message toG = inG.nextMessage(Duration.ofSeconds(5));
                assertThat(toG).as("message %d in G", i).isNotNull();
                assertThat(new String(toG.getData(), StandardCharsets.UTF_8)).isEqualTo("j" + i);
                Message toJ = inJ.nextMessage(Duration.ofSeconds(5));
                assertThat(toJ).as("message %d in J", i).isNotNull();
                assertThat(new String(toJ.getData(), StandardCharsets.UTF_8)).isEqualTo("g" + i);
            }
            assertThat(inG.nextMessage(Duration.ofMillis(200))).isNull();
            assertThat(inJ.nextMessage(Duration.ofMillis(50))).isNull();
        }
        assertNoGoProtocolErrors();
    }

    @Test
    void requestReplyWorksInBothDirections() throws Exception {
        try (Connection responderG = Nats.connect(g2.clientUrl());
             Connection responderJ = Nats.connect(j1.clientUrl());
             Connection requesterJ = Nats.connect(j2.clientUrl());
             Connection requesterG = Nats.connect(g1.clientUrl())) {
            Dispatcher serviceG = responderG.createDispatcher(m -> responderG.publish(m.getReplyTo(),
                    ("G:" + new String(m.getData(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
            serviceG.subscribe("gw.svc.go");
            Dispatcher serviceJ = responderJ.createDispatcher(m -> responderJ.publish(m.getReplyTo(),
                    ("J:" + new String(m.getData(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
            serviceJ.subscribe("gw.svc.j");
            responderG.flush(Duration.ofSeconds(2));
            responderJ.flush(Duration.ofSeconds(2));
            awaitJnatsdInterest(j2, "gw.svc.go");
            awaitGoInterest(g1, "gw.svc.j");
            for (int i = 0; i < 20; i++) {
                Message fromG = requesterJ.request("gw.svc.go", ("q" + i).getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(5));
                assertThat(fromG).as("reply %d from Go", i).isNotNull();
                assertThat(new String(fromG.getData(), StandardCharsets.UTF_8)).isEqualTo("G:q" + i);
                Message fromJ = requesterG.request("gw.svc.j", ("r" + i).getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(5));
                assertThat(fromJ).as("reply %d from jnatsd", i).isNotNull();
                assertThat(new String(fromJ.getData(), StandardCharsets.UTF_8)).isEqualTo("J:r" + i);
            }
        }
        assertNoGoProtocolErrors();
    }

    @Test
    void aQueueGroupIsServedInThePublishersClusterUntilItsMembersLeaveInBothDirections() throws Exception {
        try (Connection memberJ = Nats.connect(j1.clientUrl());
             Connection memberG = Nats.connect(g2.clientUrl());
             Connection publisherJ = Nats.connect(j2.clientUrl());
             Connection publisherG = Nats.connect(g1.clientUrl())) {
            Subscription inJ = memberJ.subscribe("gw.work", "workers");
            Subscription inG = memberG.subscribe("gw.work", "workers");
            memberJ.flush(Duration.ofSeconds(2));
            memberG.flush(Duration.ofSeconds(2));
            awaitFirst(publisherJ, "gw.work", inJ, inG);
            awaitFirst(publisherG, "gw.work", inG, inJ);

            assertServedOnlyBy(publisherJ, "gw.work", inJ, inG, "J publishes, J's member serves");
            assertServedOnlyBy(publisherG, "gw.work", inG, inJ, "G publishes, G's member serves");

            inJ.unsubscribe();
            memberJ.flush(Duration.ofSeconds(2));
            awaitFirst(publisherJ, "gw.work", inG, inJ);
            assertServedOnlyBy(publisherJ, "gw.work", inG, inJ, "J has no member left: G's serves");

            inJ = memberJ.subscribe("gw.work", "workers");
            memberJ.flush(Duration.ofSeconds(2));
            inG.unsubscribe();
            memberG.flush(Duration.ofSeconds(2));
            awaitFirst(publisherG, "gw.work", inJ, inG);
            assertServedOnlyBy(publisherG, "gw.work", inJ, inG, "G has no member left: J's serves");
        }
        assertNoGoProtocolErrors();
    }

    @Test
    void anUnsubscribeStopsTheFlowAcrossTheGatewayInBothDirections() throws Exception {
        try (Connection subscriberG = Nats.connect(g2.clientUrl());
             Connection subscriberJ = Nats.connect(j1.clientUrl());
             Connection publisherJ = Nats.connect(j2.clientUrl());
             Connection publisherG = Nats.connect(g1.clientUrl())) {
            Subscription inG = subscriberG.subscribe("gw.leave.go");
            Subscription inJ = subscriberJ.subscribe("gw.leave.j");
            subscriberG.flush(Duration.ofSeconds(2));
            subscriberJ.flush(Duration.ofSeconds(2));
            awaitFirst(publisherJ, "gw.leave.go", inG);
            awaitFirst(publisherG, "gw.leave.j", inJ);

            inG.unsubscribe();
            subscriberG.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).until(() -> !j2.server().gateways().remoteInterest("G", "$G", "gw.leave.go"));
            long sentByJ = outMessages(j2);
            for (int i = 0; i < 20; i++) {
                publisherJ.publish("gw.leave.go", new byte[] {1});
            }
            publisherJ.flush(Duration.ofSeconds(2));
            // the count is of every message on the gateway: a system heartbeat or event may cross meanwhile,
            // twenty published messages may not
            assertThat(outMessages(j2)).as("nothing crosses to G without its interest").isLessThanOrEqualTo(sentByJ + 2);

            inJ.unsubscribe();
            subscriberJ.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(goHoldsInterest(g1, "gw.leave.j")).as("G1 still holds J's interest").isFalse());
            long sentByG = g1.monitor("gatewayz").path("outbound_gateways").path("J").path("connection")
                    .path("out_msgs").asLong();
            for (int i = 0; i < 20; i++) {
                publisherG.publish("gw.leave.j", new byte[] {1});
            }
            publisherG.flush(Duration.ofSeconds(2));
            assertThat(g1.monitor("gatewayz").path("outbound_gateways").path("J").path("connection")
                    .path("out_msgs").asLong()).as("nothing crosses to J without its interest")
                    .isLessThanOrEqualTo(sentByG + 2);
        }
        assertNoGoProtocolErrors();
    }

    private static long outMessages(JnatsdServer server) {
        long total = 0;
        for (GatewayView view : server.server().gateways().outboundViews()) {
            total += view.outMessages();
        }
        return total;
    }

    private static boolean goHoldsInterest(GoServer server, String subject) throws Exception {
        JsonNode accounts = server.monitor("gatewayz?accs=1&subs=1").path("outbound_gateways").path("J").path("accounts");
        for (JsonNode account : accounts) {
            for (JsonNode sub : account.path("subscriptions_list")) {
                if (sub.asText().equals(subject)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Publishes probes until {@code expected} receives one (interest has crossed), then drains every subscription. */
    private static void awaitFirst(Connection publisher, String subject, Subscription expected, Subscription... others)
            throws Exception {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            publisher.publish(subject, "probe".getBytes(StandardCharsets.UTF_8));
            return expected.nextMessage(Duration.ofMillis(100)) != null;
        });
        drain(expected);
        for (Subscription other : others) {
            drain(other);
        }
    }

    private static void drain(Subscription subscription) throws InterruptedException {
        while (subscription.isActive() && subscription.nextMessage(Duration.ofMillis(150)) != null) {
            // probes sent while waiting
        }
    }

    private static void assertServedOnlyBy(Connection publisher, String subject, Subscription serving,
                                           Subscription idle, String why) throws Exception {
        for (int i = 0; i < 30; i++) {
            publisher.publish(subject, ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        publisher.flush(Duration.ofSeconds(2));
        for (int i = 0; i < 30; i++) {
            assertThat(serving.nextMessage(Duration.ofSeconds(5))).as("%s: message %d", why, i).isNotNull();
        }
        if (idle.isActive()) {
            assertThat(idle.nextMessage(Duration.ofMillis(200))).as(why).isNull();
        }
    }

    @Test
    void goShowsTheJnatsdClusterInGatewayz() throws Exception {
        for (GoServer server : List.of(g1, g2)) {
            JsonNode gatewayz = server.monitor("gatewayz");
            JsonNode outbound = gatewayz.path("outbound_gateways").path("J");
            assertThat(outbound.path("connection").path("name").asText())
                    .isIn(j1.server().serverId(), j2.server().serverId());
            assertThat(outbound.path("configured").asBoolean()).isTrue();
        }
        assertNoGoProtocolErrors();
    }

    @Test
    void jnatsdGatewayzWithAccountsAndSubscriptionsHasTheFieldsOfGos() throws Exception {
        try (Connection subscriberJ = Nats.connect(j1.clientUrl());
             Connection subscriberG = Nats.connect(g1.clientUrl())) {
            subscriberJ.subscribe("gw.fields.j");
            subscriberG.subscribe("gw.fields.g");
            subscriberJ.flush(Duration.ofSeconds(2));
            subscriberG.flush(Duration.ofSeconds(2));
            awaitGoInterest(g1, "gw.fields.j");
            awaitJnatsdInterest(j1, "gw.fields.g");
            for (String query : List.of("gatewayz", "gatewayz?accs=1", "gatewayz?accs=1&subs=1",
                    "gatewayz?acc_name=$G&subs=detail", "gatewayz?gw_name=nowhere")) {
                JsonNode go = g1.monitor(query);
                JsonNode jnatsd = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(URI.create(j1.monitorUrl() + "/" + query.replace("$", "%24")).toURL());
                java.util.Set<String> jnatsdPaths = fieldPaths(jnatsd, "");
                java.util.Set<String> goPaths = fieldPaths(go, "");
                if (!jnatsdPaths.contains("inbound_gateways.*") || !goPaths.contains("inbound_gateways.*")) {
                    // A remote server dials one server of this cluster, picked at random: a server may
                    // have no inbound gateway at all, and then there is no inbound shape to compare.
                    jnatsdPaths.removeIf(path -> path.startsWith("inbound_gateways."));
                    goPaths.removeIf(path -> path.startsWith("inbound_gateways."));
                }
                assertThat(jnatsdPaths).as(query).isEqualTo(goPaths);
                assertThat(jnatsd.path("outbound_gateways").getNodeType()).as(query)
                        .isEqualTo(go.path("outbound_gateways").getNodeType());
            }
        }
    }

    /** Every field path (remote names and array elements merged), to compare shapes, not values. */
    private static java.util.Set<String> fieldPaths(JsonNode node, String prefix) {
        java.util.Set<String> paths = new java.util.TreeSet<>();
        if (node.isObject()) {
            for (var names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String path = prefix.isEmpty() ? name : prefix + "." + (prefix.endsWith("_gateways") ? "*" : name);
                paths.add(path);
                paths.addAll(fieldPaths(node.get(name), path));
            }
        } else if (node.isArray()) {
            node.forEach(element -> paths.addAll(fieldPaths(element, prefix + "[]")));
        }
        return paths;
    }

    private static void assertNoGoProtocolErrors() throws Exception {
        for (GoServer server : GO) {
            assertThat(server.protocolErrors()).as("errors in %s's log", server.name).isEmpty();
        }
    }
}
