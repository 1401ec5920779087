package io.jnatsd.testkit;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Opens jnats connections for tests. The only class here that touches jnats, which users may
 * leave off their classpath: nothing loads it unless a connection is asked for.
 */
final class JnatsConnections {
    static final String CONNECTION_TYPE = "io.nats.client.Connection";

    private JnatsConnections() {
    }

    /**
     * Connects to the first reachable URL; with {@code inOrder} the list is tried as given.
     * Reconnects are fast and unlimited so a test sees a failover in milliseconds.
     */
    static Connection connect(List<String> urls, boolean inOrder) throws IOException, InterruptedException {
        Options.Builder options = Options.builder()
                .servers(urls.toArray(String[]::new))
                .connectionTimeout(Duration.ofSeconds(5))
                .reconnectWait(Duration.ofMillis(50))
                .reconnectJitter(Duration.ZERO)
                .maxReconnects(-1);
        if (inOrder) {
            options.noRandomize();
        }
        return Nats.connect(options.build());
    }
}
