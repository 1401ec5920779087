package io.jnatsd;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.monitor.MonitorDocuments;
import io.jnatsd.monitor.MonitorServer;
import io.jnatsd.server.NatsServer;
import io.jnatsd.sys.SystemAccount;

/**
 * A jnatsd server started in-process: the embedding facade. Ports default to ephemeral, so
 * tests can run servers side by side; {@link #start} returns once the server is ready.
 *
 * <pre>{@code
 * try (JnatsdServer server = JnatsdServer.builder().build().start()) {
 *     Connection nc = Nats.connect(server.clientUrl());
 * }
 * }</pre>
 */
public final class JnatsdServer implements AutoCloseable {
    private final NatsServer server;
    private final MonitorServer monitor;
    private final MonitorDocuments documents;
    private SystemAccount systemAccount;

    private JnatsdServer(ServerOptions options) {
        this.server = new NatsServer(options);
        this.monitor = options.httpPort() != 0 ? new MonitorServer(server) : null;
        // The $SYS requests answer with the monitoring documents even when HTTP monitoring is off.
        this.documents = monitor != null ? monitor.documents() : new MonitorDocuments(server, () -> 0);
    }

    /** Options builder with an ephemeral client port and the host 127.0.0.1. */
    public static Builder builder() {
        return new Builder(ServerOptions.builder().host("127.0.0.1").port(-1));
    }

    /** Starts a server with exactly these options. */
    public static JnatsdServer start(ServerOptions options) throws InterruptedException {
        JnatsdServer server = new JnatsdServer(options);
        server.startAll();
        return server;
    }

    private void startAll() throws InterruptedException {
        server.start();
        try {
            systemAccount = SystemAccount.start(server, documents);
            server.startCluster();
            if (monitor != null) {
                monitor.start();
            }
        } catch (RuntimeException e) {
            server.shutdown();
            if (systemAccount != null) {
                systemAccount.close();
            }
            throw e;
        }
        server.ready();
    }

    public int port() {
        return server.clientPort();
    }

    public String clientUrl() {
        return "nats://127.0.0.1:" + port();
    }

    /** The bound monitoring port, or 0 when monitoring is off. */
    public int monitorPort() {
        return monitor == null ? 0 : monitor.port();
    }

    public String monitorUrl() {
        return monitor == null ? null : "http://127.0.0.1:" + monitor.port();
    }

    public NatsServer server() {
        return server;
    }

    public void awaitShutdown() throws InterruptedException {
        server.awaitShutdown();
        if (monitor != null) {
            monitor.stop();
        }
    }

    /** Lame duck mode: clients are moved to the other servers, then this server stops by itself. */
    public void enterLameDuckMode() {
        server.enterLameDuckMode();
    }

    @Override
    public void close() {
        if (monitor != null) {
            monitor.stop();
        }
        server.shutdown();
        if (systemAccount != null) {
            systemAccount.close();
        }
    }

    /** Collects options for an embedded server. */
    public static final class Builder {
        private final ServerOptions.Builder options;

        private Builder(ServerOptions.Builder options) {
            this.options = options;
        }

        /** Direct access to every server option. */
        public ServerOptions.Builder options() {
            return options;
        }

        public Builder port(int port) {
            options.port(port);
            return this;
        }

        /** Enables monitoring; -1 picks an ephemeral port. */
        public Builder monitorPort(int port) {
            options.httpPort(port);
            return this;
        }

        public Builder serverName(String name) {
            options.serverName(name);
            return this;
        }

        public JnatsdServer start() throws InterruptedException {
            return JnatsdServer.start(options.build());
        }
    }
}
