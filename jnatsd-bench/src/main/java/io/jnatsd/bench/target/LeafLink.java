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
 * Readiness of the bench hub-and-leaf pair: both servers' {@code /leafz} count one leaf
 * connection. Both kinds of server answer /leafz the same way, so the check reads the JSON text.
 */
final class LeafLink {
    private static final long POLL_NANOS = 50_000_000L;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern ONE_LEAF = Pattern.compile("\"leafnodes\"\\s*:\\s*1\\b");

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(REQUEST_TIMEOUT).build();
    private final List<URI> pages;

    LeafLink(List<Integer> monitorPorts) {
        this.pages = monitorPorts.stream().map(port -> URI.create("http://127.0.0.1:" + port + "/leafz")).toList();
    }

    /** Null once both ends show the connection; else what is missing at the deadline. */
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
                if (!ONE_LEAF.matcher(body).find()) {
                    return page + " shows no leaf connection";
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
