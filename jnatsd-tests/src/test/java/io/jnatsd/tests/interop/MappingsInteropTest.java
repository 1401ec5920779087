package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Subject mappings run through both servers: one configuration with every mapping function,
 * a cluster-scoped destination, a weighted mapping that drops, a {@code >} tail and permissions
 * on mapped subjects, given to nats-server 2.10.27 and to jnatsd. The same publications must
 * arrive under the same subjects on both. A Go leaf on the jnatsd hub shows the hub announces
 * mapping sources as interest (the leaf only sends what the hub wants). Skipped without
 * {@code NATS_SERVER_210}.
 */
class MappingsInteropTest {
    private static final String MAPPINGS = """
            mappings {
              "plain": "renamed"
              "swap.*.*": "swapped.{{wildcard(2)}}.{{wildcard(1)}}"
              "dollar.*.*": "dollar.$2.$1"
              "part.*.*": "part.{{partition(5,1,2)}}.{{ Wildcard(1) }}.{{wildcard(2)}}"
              "split.*": "split.{{split(1,-)}}"
              "sfl.*": "sfl.{{splitFromLeft(1,2)}}"
              "sfr.*": "sfr.{{SplitFromRight(1,2)}}"
              "slfl.*": "slfl.{{sliceFromLeft(1,3)}}"
              "slfr.*": "slfr.{{sliceFromRight(1,3)}}"
              "tail.>": "moved.>"
              "scoped": [ { destination: "scoped.here", weight: 100, cluster: "MAPC" } ]
              "drop": [ { destination: "drop", weight: 0 } ]
              "pct": { destination: "pct.all", weight: "100%" }
            }
            authorization {
              users: [
                { user: all, password: p }
                { user: mapped, password: p, permissions: { publish: ["renamed", "end"] } }
                { user: source, password: p, permissions: { publish: ["plain", "end"] } }
              ]
            }
            """;
    private static final List<String> PUBLISHED = List.of("plain", "swap.a.b", "dollar.a.b", "part.x.y", "part.orders.42",
            "part.a.b", "split.a-b--c", "split.-a-", "sfl.abcdef", "sfl.a", "sfr.abcdef", "slfl.abcdefgh", "slfl.ab",
            "slfr.abcdefgh", "tail.x.y.z", "scoped", "drop", "pct", "unmapped.subject");

    private static GoServer go;
    private static JnatsdServer jnatsd;
    private static GoServer goLeaf;

    @BeforeAll
    static void start() throws Exception {
        GoServer.binary("NATS_SERVER_210");
        go = GoServer.start("NATS_SERVER_210", "MAPGO", "MAPC", List.of(), "", MAPPINGS);
        jnatsd = JnatsdServer.builder().configString("server_name: MAPJ\nhttp: 127.0.0.1:-1\n" + MAPPINGS
                + "cluster { name: MAPC, listen: \"127.0.0.1:-1\" }\n"
                + "leafnodes { host: 127.0.0.1, port: -1, authorization { user: leaf, password: p } }\n").start();
        goLeaf = GoServer.start("NATS_SERVER_210", "MAPLEAF", "MAPLC", List.of(), "", "leafnodes { remotes: [ { url: "
                + "\"nats://leaf:p@127.0.0.1:" + jnatsd.server().leafNodes().listenPort() + "\" } ] }");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> jnatsd.server().leafNodes().connectionCount() == 1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (jnatsd != null) {
            jnatsd.close();
        }
        for (GoServer server : new GoServer[] {goLeaf, go}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void everyMappingRenamesAsNatsServerDoes() throws Exception {
        List<String> fromGo = received(url(go.clientUrl(), "all"), PUBLISHED);
        List<String> fromJnatsd = received(url(jnatsd.clientUrl(), "all"), PUBLISHED);
        assertThat(fromGo).contains("renamed", "swapped.b.a", "moved.x.y.z", "scoped.here").doesNotContain("drop");
        assertThat(fromJnatsd).isEqualTo(fromGo);
    }

    @Test
    void accountzListsTheMappingsAsNatsServerDoes() throws Exception {
        JsonNode ours = new ObjectMapper().readTree(URI.create(jnatsd.monitorUrl() + "/accountz?acc=%24G").toURL());
        JsonNode theirs = go.monitor("accountz?acc=%24G");
        assertThat(theirs.path("account_detail").path("mappings").size()).isEqualTo(13);
        assertThat(ours.path("account_detail").path("mappings")).isEqualTo(theirs.path("account_detail").path("mappings"));
    }

    @Test
    void permissionsApplyToTheMappedSubject() throws Exception {
        for (String user : List.of("mapped", "source")) {
            List<String> fromGo = received(url(go.clientUrl(), user), List.of("plain"));
            List<String> fromJnatsd = received(url(jnatsd.clientUrl(), user), List.of("plain"));
            assertThat(fromJnatsd).as("user %s", user).isEqualTo(fromGo);
        }
    }

    @Test
    void aLeafSendsMappingSourcesToTheHub() throws Exception {
        try (Connection onHub = Nats.connect(url(jnatsd.clientUrl(), "all")); Connection onLeaf = Nats.connect(goLeaf.clientUrl())) {
            Subscription renamed = onHub.subscribe("renamed");
            onHub.flush(Duration.ofSeconds(2));
            Message message = null;
            for (int attempt = 0; attempt < 50 && message == null; attempt++) {
                onLeaf.publish("plain", new byte[] {1});
                message = renamed.nextMessage(Duration.ofMillis(100));
            }
            assertThat(message).as("a message the Go leaf published to the mapping's source").isNotNull();
            assertThat(message.getSubject()).isEqualTo("renamed");
        }
    }

    private static String url(String clientUrl, String user) {
        return clientUrl.replace("nats://", "nats://" + user + ":p@");
    }

    /** The subjects a subscriber on everything sees for these publications, then an end marker. */
    private static List<String> received(String url, List<String> published) throws Exception {
        Options options = new Options.Builder().server(url).errorListener(new io.nats.client.ErrorListener() {
        }).build();
        try (Connection publisher = Nats.connect(options); Connection listener = Nats.connect(url.replaceFirst("//[a-z]+:", "//all:"))) {
            Subscription everything = listener.subscribe(">");
            listener.flush(Duration.ofSeconds(2));
            for (String subject : published) {
                publisher.publish(subject, new byte[] {1});
            }
            publisher.publish("end", new byte[] {1});
            publisher.flush(Duration.ofSeconds(2));
            List<String> subjects = new ArrayList<>();
            for (int i = 0; i < published.size() + 1; i++) {
                Message message = everything.nextMessage(Duration.ofSeconds(2));
                if (message == null || message.getSubject().equals("end")) {
                    break;
                }
                subjects.add(message.getSubject());
            }
            return subjects;
        }
    }
}
