package io.jnatsd.bench.target;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * peer plus one pinned to the system account: 4 per peer, 8 on each server of three.
 */
final class RouteMesh {

    static final int ROUTES_PER_PEER = 4;

    private static final long POLL_NANOS = 50_000_000L;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern NUM_ROUTES = Pattern.compile("\"num_routes\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(REQUEST_TIMEOUT).build();
    private final List<URI> routezPages;

    /** @param monitorPorts the {@code -m} port of each server on 127.0.0.1 */
    RouteMesh(List<Integer> monitorPorts) {
        this.routezPages = monitorPorts.stream().map(port -> URI.create("http://127.0.0.1:" + port + "/routez")).toList();
    }

    /**
     * Polls every server until each counts {@code ROUTES_PER_PEER × (servers − 1)} routes.
     *
     * @param stillWorthWaiting false (a server exited) ends the wait at once
     * @throws IOException on timeout, naming each server's last count
     */
    void await(long deadlineNanos, BooleanSupplier stillWorthWaiting) throws IOException {
        int fullMesh = ROUTES_PER_PEER * (routezPages.size() - 1);
        while (true) {
            List<String> counts = new ArrayList<>();
            for (URI routez : routezPages) {
                counts.add(numRoutes(routez));
            }
            if (counts.stream().allMatch(count -> count.matches("\\d+") && Integer.parseInt(count) >= fullMesh)) {
                return;
            }
            if (!stillWorthWaiting.getAsBoolean() || System.nanoTime() - deadlineNanos > 0) {
                throw new IOException("cluster not meshed in time: num_routes per server " + counts
                    + ", expected " + fullMesh + " each");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** The server's num_routes, or what went wrong asking for it. */
    private String numRoutes(URI routez) throws InterruptedIOException {
        try {
            HttpRequest request = HttpRequest.newBuilder(routez).timeout(REQUEST_TIMEOUT).GET().build();
            String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = NUM_ROUTES.matcher(body);
            return matcher.find() ? matcher.group(1) : "no num_routes";
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the cluster to mesh");
        }
    }
}
