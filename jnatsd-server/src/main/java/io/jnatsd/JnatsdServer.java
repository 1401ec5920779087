package io.jnatsd;

import io.jnatsd.config.ConfigLoader;
import io.jnatsd.config.ConfigMap;
import io.jnatsd.config.ConfigParser;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.monitor.MonitorDocuments;
import io.jnatsd.monitor.MonitorServer;
import io.jnatsd.server.NatsServer;
import io.jnatsd.sys.SystemAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A jnatsd server started in-process: the embedding facade. Ports default to ephemeral, so
 * tests can run servers side by side; {@link #start} returns once the server is ready.
 *
 * <pre>{@code
 * try (JnatsdServer server = JnatsdServer.builder().start()) {
 *     Connection nc = Nats.connect(server.clientUrl());
 * }
 * }</pre>
 *
 * <p>Start-up is synchronous: every listener (clients, routes, monitoring) is bound when
 * {@link #start} returns. Routes to peers form afterwards; {@link JnatsdCluster} waits for them.
 */
public final class JnatsdServer implements AutoCloseable {
    private final NatsServer server;
    private final MonitorServer monitor;
    private final MonitorDocuments documents;
    private SystemAccount systemAccount;

    private JnatsdServer(ServerOptions options) {
        this.server = new NatsServer(options);
        this.monitor = options.httpPort() != 0 || options.httpsPort() != 0 ? new MonitorServer(server) : null;
        // The $SYS requests answer with the monitoring documents even when HTTP monitoring is off.
        this.documents = monitor != null ? monitor.documents() : new MonitorDocuments(server, () -> 0);
    }

    /** Options builder with an ephemeral client port and the host 127.0.0.1. */
    public static Builder builder() {
        return new Builder(ServerOptions.builder().host("127.0.0.1").port(-1));
    }

    /** Starts a server with exactly these options. */
    public static JnatsdServer start(ServerOptions options) throws InterruptedException {
        JnatsdServer server = create(options);
        server.startAll();
        return server;
    }

    /** A server not started yet: its identity exists, so a cluster can know it before it dials. */
    static JnatsdServer create(ServerOptions options) {
        return new JnatsdServer(options);
    }

    void startAll() throws InterruptedException {
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
        return monitor == null ? null : (monitor.https() ? "https" : "http") + "://127.0.0.1:" + monitor.port();
    }

    /** The options the server runs with. */
    public ServerOptions options() {
        return server.options();
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
        private ServerOptions.Builder options;

        private Builder(ServerOptions.Builder options) {
            this.options = options;
        }

        /**
         * Takes every option from a nats-server configuration file. Call it first: setters called
         * afterwards override the file. Where the file names no client port ({@code port} or
         * {@code listen}) the port stays ephemeral, and where it names no host the host stays
         * 127.0.0.1, so test configurations copied from production do not collide.
         */
        public Builder config(Path file) {
            ServerOptions loaded = ConfigLoader.load(file);
            ConfigMap top = ConfigParser.parseFile(file, System.getenv());
            ServerOptions.Builder fromFile = loaded.toBuilder();
            if (!names(top, "port") && !names(top, "listen")) {
                fromFile.port(-1);
            }
            if (!names(top, "host") && !names(top, "net") && !names(top, "listen")) {
                fromFile.host("127.0.0.1");
            }
            options = fromFile;
            return this;
        }

        /**
         * As {@link #config(Path)}, from configuration text. The text goes through a temporary
         * file, so {@code include} paths resolve against the temporary directory: use
         * {@link #config(Path)} for configurations with includes.
         */
        public Builder configString(String text) {
            Path file = null;
            try {
                file = Files.createTempFile("jnatsd-", ".conf");
                Files.writeString(file, text, StandardCharsets.UTF_8);
                config(file);
                options.configFile(null);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the configuration to a temporary file", e);
            } finally {
                deleteQuietly(file);
            }
        }

        private static boolean names(ConfigMap top, String key) {
            return !top.entriesIgnoringCase(key).isEmpty();
        }

        private static void deleteQuietly(Path file) {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    file.toFile().deleteOnExit();
                }
            }
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

        public Builder host(String host) {
            options.host(host);
            return this;
        }

        /** The options collected so far. */
        public ServerOptions build() {
            return options.build();
        }

        /** Starts the server; returns once it is ready. */
        public JnatsdServer start() throws InterruptedException {
            return JnatsdServer.start(options.build());
        }
    }
}
