package io.jnatsd.bench.startup;

import io.jnatsd.JnatsdServer;
import io.jnatsd.bench.target.FreePorts;
import io.jnatsd.config.ClusterOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The twenty-server mesh with the servers in this JVM: all started at once on threads of their
 * own, every one seeded to the first, until every server delivers to every other. CPU is this
 * JVM's during the start (the probe's clients included).
 */
final class InProcessMesh {
    private InProcessMesh() {
    }

    static MeshProbe.MeshTiming measure(int servers, Duration timeout) throws IOException {
        List<Integer> ports = FreePorts.take(2 * servers);
        ExecutorService starter = Executors.newFixedThreadPool(servers);
        List<Future<JnatsdServer>> starting = new ArrayList<>();
        List<InetSocketAddress> addresses = new ArrayList<>();
        long cpuBefore = ownCpuNanos();
        long launched = System.nanoTime();
        try {
            for (int i = 0; i < servers; i++) {
                int index = i;
                addresses.add(new InetSocketAddress("127.0.0.1", ports.get(2 * i)));
                starting.add(starter.submit(() -> start(index, ports)));
            }
            long meshed = MeshProbe.awaitAllDelivering(addresses, launched, timeout,
                () -> starting.stream().noneMatch(InProcessMesh::failed));
            return new MeshProbe.MeshTiming(StartProbe.millis(meshed - launched),
                (ownCpuNanos() - cpuBefore) / 1e6);
        } finally {
            starter.shutdown();
            for (Future<JnatsdServer> server : starting) {
                try {
                    server.get().close();
                } catch (Exception e) {
                    // failed to start: nothing to stop
                }
            }
        }
    }

    private static JnatsdServer start(int index, List<Integer> ports) throws InterruptedException {
        List<URI> seed = index == 0 ? List.of() : List.of(URI.create("nats-route://127.0.0.1:" + ports.get(1)));
        JnatsdServer.Builder builder = JnatsdServer.builder().serverName("mesh-" + index).host("127.0.0.1")
            .port(ports.get(2 * index));
        builder.options().cluster(ClusterOptions.listen("127.0.0.1", ports.get(2 * index + 1)).withName("bench")
            .withRoutes(seed));
        return builder.start();
    }

    private static boolean failed(Future<JnatsdServer> server) {
        if (!server.isDone()) {
            return false;
        }
        try {
            server.get();
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    private static long ownCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
