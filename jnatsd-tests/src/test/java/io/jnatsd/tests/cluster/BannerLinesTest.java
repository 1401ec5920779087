package io.jnatsd.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.GatewayOptions;
import io.jnatsd.server.NatsServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start's banner names the cluster, as nats-server's does, whenever the server has one. */
class BannerLinesTest {

    @Test
    void aClusterWithoutANameShowsTheGeneratedOneBeforeTheServersName() throws Exception {
        try (LogCapture log = LogCapture.of(NatsServer.class, Level.INFO)) {
            JnatsdServer.Builder builder = JnatsdServer.builder().serverName("banner");
            builder.options().cluster(ClusterOptions.listen("127.0.0.1", 0));
            try (JnatsdServer server = builder.start()) {
                List<String> banner = banner(log);
                assertThat(banner.get(0)).isEqualTo("INFO Starting jnatsd");
                assertThat(banner.get(2)).isEqualTo("INFO   Cluster:  " + server.server().cluster().name());
                assertThat(banner.get(3)).isEqualTo("INFO   Name:     banner");
            }
        }
    }

    @Test
    void aGatewayAloneNamesTheClusterAfterItself() throws Exception {
        try (LogCapture log = LogCapture.of(NatsServer.class, Level.INFO)) {
            JnatsdServer.Builder builder = JnatsdServer.builder();
            builder.options().gateway(new GatewayOptions("GW", "127.0.0.1", -1, null, 0, null, null,
                    GatewayOptions.DEFAULT_AUTH_TIMEOUT, null, false, List.of()));
            try (JnatsdServer server = builder.start()) {
                assertThat(banner(log).get(2)).isEqualTo("INFO   Cluster:  GW");
            }
        }
    }

    @Test
    void aServerWithoutClusterOrGatewayHasNoClusterLine() throws Exception {
        try (LogCapture log = LogCapture.of(NatsServer.class, Level.INFO);
             JnatsdServer server = JnatsdServer.builder().start()) {
            assertThat(banner(log)).noneMatch(line -> line.contains("Cluster:"));
            assertThat(banner(log).get(2)).startsWith("INFO   Name:");
        }
    }

    private static List<String> banner(LogCapture log) {
        return log.lines().stream().limit(4).toList();
    }
}
