package io.jnatsd.tests.tls;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** In-process servers started from configuration text, as an operator would write it; closes them all. */
final class ConfiguredServers implements AutoCloseable {
    private final List<JnatsdServer> servers = new ArrayList<>();

    /** Starts a server on an ephemeral client port of 127.0.0.1 with this configuration added. */
    JnatsdServer start(String config) throws IOException, InterruptedException {
        Path file = Files.createTempFile("jnatsd-tls-", ".conf");
        file.toFile().deleteOnExit();
        Files.writeString(file, "host: 127.0.0.1\nport: -1\n" + config);
        JnatsdServer server = JnatsdServer.start(ConfigLoader.load(file));
        servers.add(server);
        return server;
    }

    @Override
    public void close() {
        servers.forEach(JnatsdServer::close);
    }
}
