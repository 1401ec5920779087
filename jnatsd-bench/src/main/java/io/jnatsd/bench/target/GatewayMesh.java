package io.jnatsd.bench.target;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Readiness of the bench supercluster: each server's {@code /gatewayz} shows an outbound and an
 * inbound gateway connection (one remote cluster each way). Both servers answer /gatewayz the
 * same way, so the check reads the JSON text, not a jnatsd API.
 */
final class GatewayMesh {
    private static final long POLL_NANOS = 50_000_000L;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern CONNECTION = Pattern.compile("\"cid\"\\s*:");

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(REQUEST_TIMEOUT).build();
    private final List<URI> pages;

    GatewayMesh(List<Integer> monitorPorts) {
        this.pages = monitorPorts.stream().map(port -> URI.create("http://127.0.0.1:" + port + "/gatewayz")).toList();
    }

    /** Null once every server has both gateway connections; else what is missing at the deadline. */
    String await(long deadlineNanos, BooleanSupplier serversAlive) {
        String missing = "no answer yet";
        while (System.nanoTime() - deadlineNanos < 0 && serversAlive.getAsBoolean()) {
            missing = missing();
            if (missing == null) {
                return null;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return missing;
    }

    private String missing() {
        for (URI page : pages) {
            try {
                String body = http.send(HttpRequest.newBuilder(page).timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
                long connections = CONNECTION.matcher(body).results().count();
                if (connections < 2) {
                    return page + " lists " + connections + " of 2 gateway connections";
                }
            } catch (IOException e) {
                return page + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return null;
    }
}
