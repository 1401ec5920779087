package io.jnatsd.testkit;

import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * A jnatsd server for one test or test class: what a {@link NatsServer} field or parameter
 * receives. Closing it closes the connections it opened, then the server.
 *
 * <pre>{@code
 * try (NatsTestServer server = NatsTestServer.start()) {
 *     Connection nc = server.connect();
 * }
 * }</pre>
 */
public final class NatsTestServer implements AutoCloseable {
    private final JnatsdServer server;
    private final OwnedConnections connections = new OwnedConnections();

    private NatsTestServer(JnatsdServer server) {
        this.server = server;
    }

    /** A server with default options on an ephemeral port. */
    public static NatsTestServer start() throws InterruptedException {
        return start(builder -> { });
    }

    /** A server with options set on the embedding builder (config file, auth, monitoring...). */
    public static NatsTestServer start(Consumer<JnatsdServer.Builder> configure) throws InterruptedException {
        JnatsdServer.Builder builder = JnatsdServer.builder();
        configure.accept(builder);
        return new NatsTestServer(builder.start());
    }

    /** The client URL, {@code nats://127.0.0.1:port}. */
    public String url() {
        return server.clientUrl();
    }

    public int port() {
        return server.port();
    }

    /** The monitoring URL, or null unless monitoring was asked for. */
    public String monitorUrl() {
        return server.monitorUrl();
    }

    /** The embedded server, for everything else. */
    public JnatsdServer jnatsd() {
        return server;
    }

    /** A jnats connection, closed with this handle. Needs jnats on the test classpath. */
    public Connection connect() throws IOException, InterruptedException {
        return connections.add(JnatsConnections.connect(List.of(url()), true));
    }

    List<String> connectUrls() {
        return List.of(url());
    }

    @Override
    public void close() {
        connections.closeAll();
        server.close();
    }

    @Override
    public String toString() {
        return "NatsTestServer[" + url() + "]";
    }
}
