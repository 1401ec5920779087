package io.jnatsd.tests.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdLeafNodes;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** docs/EMBEDDING.md §4b, the snippet as written there, then what it claims. */
class EmbeddedLeafNodesDocTest {

    @Test
    void theDocumentedSnippetRuns() throws Exception {
        try (JnatsdLeafNodes edge = JnatsdLeafNodes.builder()
                .leafs("store-1", "store-2")
                .configureHub(hub -> hub.configString("""
                        accounts { STORES { users: [ {user: hq, password: hq} ] } }
                        leafnodes { authorization { users: [ {user: store, password: s3cret, account: STORES} ] } }
                        """))
                .credentials("store", "s3cret")
                .start()) {
            Connection hq = Nats.connect("nats://hq:hq@127.0.0.1:" + edge.hub().port());
            Connection store = Nats.connect(edge.leaf("store-1").clientUrl());
            hq.createDispatcher(m -> hq.publish(m.getReplyTo(), m.getData())).subscribe("prices");
            hq.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> store.request("prices", "hi".getBytes(), Duration.ofMillis(500)) != null);
            edge.stopHub();
            edge.restartHub();
            edge.awaitLeafs();

            assertThat(edge.leaf("store-1").server().serverName()).isEqualTo("store-1");
            assertThat(edge.hub().server().leafNodes().views()).hasSize(2)
                    .allSatisfy(view -> assertThat(view.account()).isEqualTo("STORES"));
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> store.request("prices", "again".getBytes(), Duration.ofMillis(500)) != null);
            hq.close();
            store.close();
        }
    }
}
