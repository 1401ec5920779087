package io.jnatsd.bench.target;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteMeshTest {

    private final List<HttpServer> monitors = new ArrayList<>();

    @AfterEach
    void stopMonitors() {
        monitors.forEach(monitor -> monitor.stop(0));
    }

    @Test
    void waitsUntilEveryServerCountsFourRoutesPerPeer() throws IOException {
        AtomicInteger growing = new AtomicInteger();
        List<Integer> ports = List.of(monitor(() -> 8), monitor(() -> Math.min(8, growing.incrementAndGet())), monitor(() -> 9));

        new RouteMesh(ports).await(System.nanoTime() + 10_000_000_000L, () -> true);

        assertThat(growing.get()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void givesUpAtTheDeadlineNamingEachServersCount() throws IOException {
        List<Integer> ports = List.of(monitor(() -> 8), monitor(() -> 4), monitor(() -> 4));

        assertThatThrownBy(() -> new RouteMesh(ports).await(System.nanoTime() + 200_000_000L, () -> true))
            .isInstanceOf(IOException.class).hasMessageContaining("[8, 4, 4]").hasMessageContaining("expected 8");
    }

    @Test
    void stopsWaitingAtOnceWhenAServerIsGone() throws IOException {
        List<Integer> ports = List.of(monitor(() -> 0), monitor(() -> 0), monitor(() -> 0));
        long start = System.nanoTime();

        assertThatThrownBy(() -> new RouteMesh(ports).await(System.nanoTime() + 60_000_000_000L, () -> false))
            .isInstanceOf(IOException.class);
        assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
    }

    private int monitor(java.util.function.IntSupplier numRoutes) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/routez", exchange -> {
            byte[] body = ("{\n  \"server_id\": \"x\",\n  \"num_routes\": " + numRoutes.getAsInt() + ",\n  \"routes\": []\n}")
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
