package io.jnatsd.bench.target;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readiness of a cluster: every server's monitoring {@code /routez} counts the routes of a full
 * mesh. Client ports answer long before routes are up, and a scenario measured on a half-built
 * mesh would measure the mesh being built.
 *
 * <p>Both nats-server 2.10 and jnatsd open, by default, a pool of 3 route connections to each
 * peer plus one pinned to the system account: 4 per peer, 8 on each server of three. nats-server
 * 2.10 was seen leaving one connection of a pair's pool missing for good (counts 8, 7, 7) when
 * the two dialled each other at once; so a mesh where every server reaches every peer and the
 * counts have not moved for a while ({@link #SETTLE_TIME} in the bench) is accepted as well, and reported as such.
 */
final class RouteMesh {

    static final int ROUTES_PER_PEER = 4;
    static final Duration SETTLE_TIME = Duration.ofSeconds(3);

    private static final long POLL_NANOS = 50_000_000L;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern NUM_ROUTES = Pattern.compile("\"num_routes\"\\s*:\\s*(\\d+)");
    private static final Pattern REMOTE_ID = Pattern.compile("\"remote_id\"\\s*:\\s*\"([^\"]+)\"");

    /** One server's routes: connections, and distinct servers they lead to; or why they are unknown. */
    private record Routes(int connections, int peers, String problem) {
        @Override
        public String toString() {
            return problem != null ? problem : Integer.toString(connections);
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(REQUEST_TIMEOUT).build();
    private final List<URI> routezPages;
    private final Duration settleTime;

    /**
     * @param monitorPorts the {@code -m} port of each server on 127.0.0.1
     * @param settleTime how long incomplete pools that reach every peer must stay unchanged to be accepted
     */
    RouteMesh(List<Integer> monitorPorts, Duration settleTime) {
        this.routezPages = monitorPorts.stream().map(port -> URI.create("http://127.0.0.1:" + port + "/routez")).toList();
        this.settleTime = settleTime;
    }

    /**
     * Polls every server until each counts {@code ROUTES_PER_PEER × (servers − 1)} routes, or until
     * each reaches every peer and no count has changed for the settle time.
     *
     * @param stillWorthWaiting false (a server exited) ends the wait at once
     * @return null for a full mesh, else a sentence describing the incomplete pools
     * @throws IOException on timeout, naming each server's last count
     */
    String await(long deadlineNanos, BooleanSupplier stillWorthWaiting) throws IOException {
        int peers = routezPages.size() - 1;
        int fullMesh = ROUTES_PER_PEER * peers;
        List<Routes> previous = List.of();
        long unchangedSince = System.nanoTime();
        while (true) {
            List<Routes> counts = new ArrayList<>();
            for (URI routez : routezPages) {
                counts.add(routes(routez));
            }
            if (counts.stream().allMatch(routes -> routes.problem() == null && routes.connections() >= fullMesh)) {
                return null;
            }
            if (!counts.equals(previous)) {
                previous = counts;
                unchangedSince = System.nanoTime();
            } else if (counts.stream().allMatch(routes -> routes.problem() == null && routes.peers() >= peers)
                    && System.nanoTime() - unchangedSince >= settleTime.toNanos()) {
                return "num_routes per server " + counts + " (full pools: " + fullMesh + " each), every peer reached";
            }
            if (!stillWorthWaiting.getAsBoolean() || System.nanoTime() - deadlineNanos > 0) {
                throw new IOException("cluster not meshed in time: num_routes per server " + counts
                    + ", expected " + fullMesh + " each");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private Routes routes(URI routez) throws InterruptedIOException {
        try {
            HttpRequest request = HttpRequest.newBuilder(routez).timeout(REQUEST_TIMEOUT).GET().build();
            String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            Matcher numRoutes = NUM_ROUTES.matcher(body);
            if (!numRoutes.find()) {
                return new Routes(0, 0, "no num_routes");
            }
            Set<String> remotes = new HashSet<>();
            for (Matcher remote = REMOTE_ID.matcher(body); remote.find(); ) {
                remotes.add(remote.group(1));
            }
            return new Routes(Integer.parseInt(numRoutes.group(1)), remotes.size(), null);
        } catch (IOException e) {
            return new Routes(0, 0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the cluster to mesh");
        }
    }
}
