package io.jnatsd.tests.netns;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What one namespace test holds (namespaces, directories, processes, clients), closed in reverse
 * order after it, and the servers whose link log lines (and one monitoring endpoint) it prints
 * first: to compare the two kinds of server, and to diagnose a failure.
 */
final class LabResources implements AutoCloseable {
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<LabServer> servers = new ArrayList<>();
    private final Predicate<String> linkLines;
    /** Null: print no monitoring endpoint. */
    private final String endpoint;

    LabResources(Predicate<String> linkLines, String endpoint) {
        this.linkLines = linkLines;
        this.endpoint = endpoint;
    }

    <T extends AutoCloseable> T closeLater(T resource) {
        resources.add(resource);
        return resource;
    }

    /** A server to report on after the test; closed with the rest. */
    LabServer server(LabServer server) {
        servers.add(server);
        return closeLater(server);
    }

    List<LabServer> servers() {
        return servers;
    }

    /** A client of {@code server} alone: no other URL, no reconnect. */
    Connection connect(LabServer server) throws IOException, InterruptedException {
        return closeLater(Nats.connect(new Options.Builder().server(server.clientUrl()).noRandomize()
                .ignoreDiscoveredServers().maxReconnects(0).build()));
    }

    static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    @Override
    public void close() throws Exception {
        for (LabServer server : servers) {
            System.out.printf("%s logged:%n  %s%n", server,
                    String.join("\n  ", server.log().lines().filter(linkLines).toList()));
            if (endpoint != null) {
                try {
                    System.out.printf("%s /%s: %s%n", server, endpoint, server.monitor(endpoint));
                } catch (IOException e) {
                    System.out.printf("%s /%s: %s%n", server, endpoint, e);
                }
            }
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }
}
