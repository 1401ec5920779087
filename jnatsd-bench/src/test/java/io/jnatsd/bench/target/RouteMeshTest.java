package io.jnatsd.bench.target;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteMeshTest {

    private static final Duration SETTLE = Duration.ofMillis(300);

    private final List<HttpServer> monitors = new ArrayList<>();

    @AfterEach
    void stopMonitors() {
        monitors.forEach(monitor -> monitor.stop(0));
    }

    @Test
    void waitsUntilEveryServerCountsFourRoutesPerPeer() throws IOException {
        AtomicInteger growing = new AtomicInteger();
        List<Integer> ports = List.of(monitor(() -> 8, 2), monitor(() -> Math.min(8, growing.incrementAndGet()), 1),
            monitor(() -> 9, 2));

        String incomplete = new RouteMesh(ports, Duration.ofSeconds(30)).await(deadlineIn(Duration.ofSeconds(10)), () -> true);

        assertThat(incomplete).isNull();
        assertThat(growing.get()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void acceptsPoolsThatStayIncompleteOnceEveryPeerIsReached() throws IOException {
        List<Integer> ports = List.of(monitor(() -> 8, 2), monitor(() -> 7, 2), monitor(() -> 7, 2));

        String incomplete = new RouteMesh(ports, SETTLE).await(deadlineIn(Duration.ofSeconds(10)), () -> true);

        assertThat(incomplete).contains("[8, 7, 7]").contains("every peer reached");
    }

    @Test
    void givesUpAtTheDeadlineNamingEachServersCount() throws IOException {
        List<Integer> ports = List.of(monitor(() -> 8, 2), monitor(() -> 4, 1), monitor(() -> 4, 1));

        assertThatThrownBy(() -> new RouteMesh(ports, SETTLE).await(deadlineIn(Duration.ofMillis(800)), () -> true))
            .isInstanceOf(IOException.class).hasMessageContaining("[8, 4, 4]").hasMessageContaining("expected 8");
    }

    @Test
    void stopsWaitingAtOnceWhenAServerIsGone() throws IOException {
        List<Integer> ports = List.of(monitor(() -> 0, 0), monitor(() -> 0, 0), monitor(() -> 0, 0));
        long start = System.nanoTime();

        assertThatThrownBy(() -> new RouteMesh(ports, SETTLE).await(deadlineIn(Duration.ofSeconds(60)), () -> false))
            .isInstanceOf(IOException.class);
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(10).toNanos());
    }

    private static long deadlineIn(Duration time) {
        return System.nanoTime() + time.toNanos();
    }

    /** A fake /routez with {@code numRoutes} connections spread over {@code peers} remote servers. */
    private int monitor(IntSupplier numRoutes, int peers) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/routez", exchange -> {
            int count = numRoutes.getAsInt();
            StringBuilder routes = new StringBuilder();
            for (int i = 0; i < count; i++) {
                routes.append(i == 0 ? "" : ",").append("{\"rid\": ").append(i)
                    .append(", \"remote_id\": \"peer-").append(peers == 0 ? 0 : i % peers).append("\"}");
            }
            byte[] body = ("{\n  \"server_id\": \"x\",\n  \"num_routes\": " + count + ",\n  \"routes\": [" + routes + "]\n}")
                .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        monitors.add(server);
        return server.getAddress().getPort();
    }
}
