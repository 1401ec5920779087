package io.jnatsd.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.SubjectPermission;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Route permissions (ROUTES.md §6.4) on server A: {@code import} limits the interest A announces
 * (so what it receives), {@code export} the peer interest A accepts (so what it sends).
 */
class RoutePermissionsTest {

    @Test
    void importAndExportPermissionsLimitWhatCrossesTheRoute() throws Exception {
        JnatsdServer.Builder builderA = JnatsdServer.builder().serverName("A");
        builderA.options().cluster(ClusterOptions.listen("127.0.0.1", 0).withName("P")
                .withPermissions(new ClusterOptions.RoutePermissions(
                        new SubjectPermission(List.of("foo.>"), List.of()),
                        new SubjectPermission(List.of("bar.>"), List.of("bar.secret")))));
        try (JnatsdServer a = builderA.start()) {
            JnatsdServer.Builder builderB = JnatsdServer.builder().serverName("B");
            builderB.options().cluster(ClusterOptions.listen("127.0.0.1", 0).withName("P")
                    .withRoutes(List.of(URI.create("nats-route://127.0.0.1:" + a.server().cluster().listenPort()))));
            try (JnatsdServer b = builderB.start(); Connection onA = connect(a); Connection onB = connect(b)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> a.server().cluster().remoteCount() == 1);
                Subscription importedOnA = onA.subscribe("foo.x");
                Subscription notImportedOnA = onA.subscribe("baz");
                Subscription exportedOnB = onB.subscribe("bar.y");
                Subscription deniedOnB = onB.subscribe("bar.secret");
                Subscription notExportedOnB = onB.subscribe("qux");
                onA.flush(Duration.ofSeconds(5));
                onB.flush(Duration.ofSeconds(5));

                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    onB.publish("foo.x", new byte[1]);
                    assertThat(importedOnA.nextMessage(Duration.ofMillis(200))).isNotNull();
                });
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    onA.publish("bar.y", new byte[1]);
                    assertThat(exportedOnB.nextMessage(Duration.ofMillis(200))).isNotNull();
                });
                onB.publish("baz", new byte[1]);
                onA.publish("bar.secret", new byte[1]);
                onA.publish("qux", new byte[1]);
                onA.flush(Duration.ofSeconds(5));
                onB.flush(Duration.ofSeconds(5));
                assertThat(notImportedOnA.nextMessage(Duration.ofMillis(300))).isNull();
                assertThat(deniedOnB.nextMessage(Duration.ofMillis(300))).isNull();
                assertThat(notExportedOnB.nextMessage(Duration.ofMillis(300))).isNull();
            }
        }
    }

    private static Connection connect(JnatsdServer server) throws Exception {
        return Nats.connect(new Options.Builder().server(server.clientUrl()).connectionTimeout(Duration.ofSeconds(10))
                .build());
    }
}
