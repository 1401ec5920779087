package io.jnatsd.bench.startup;

import io.jnatsd.bench.target.ByteCountingProxy;
import io.jnatsd.bench.target.FreePorts;
import io.jnatsd.bench.target.LaunchedTarget;
import io.jnatsd.bench.target.RouteCertificates;
import io.jnatsd.bench.target.ServerGroup;
import io.jnatsd.bench.target.Target;
import io.jnatsd.bench.target.Topology;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the single-server start-up scenarios round after round, each round taking every server in
 * turn so that a change in the machine's load hits all alike; then the cluster start (its
 * repeats per server) and the propagation scenario once per server.
 *
 * <ul>
 *   <li>{@code start}: one server with default settings ({@code -a 127.0.0.1 -p PORT}).
 *   <li>{@code start-tls}: the same with {@code --tls --tlscert --tlskey} (a certificate made for the run).
 *   <li>{@code start-cluster}: three servers launched together until all deliver to each other.
 *   <li>{@code start-mesh20}: twenty servers launched together, every one seeded to the first,
 *       until every server delivers to every other.
 *   <li>{@code start-mesh20-inprocess}: the same with twenty jnatsd servers in this JVM (one JIT
 *       and one set of loaded classes for all, as embedded or in tests).
 *   <li>{@code interest}: a running, meshed cluster; SUB on A until the first delivery of C's
 *       messages (RS+), and UNSUB on A until C answers its requests with no responders (RS-).
 *   <li>{@code route-up}: a meshed cluster whose B dials A through a relay; the relay cuts the
 *       route, and from B's first new connection to the first delivery on A of B's messages.
 * </ul>
 */
public final class StartupScenarios {
    public static final List<String> ALL =
        List.of("start", "start-tls", "start-cluster", "start-mesh20", "start-mesh20-inprocess", "interest", "route-up");
    /** Route cuts in the route-up scenario. */
    public static final int ROUTE_UP_ROUNDS = RouteUpProbe.ROUNDS;
    private static final int MESH_SERVERS = 20;

    private final List<Target> targets;
    private final List<String> scenarios;
    private final int repeats;
    private final int warmupRounds;
    private final int rounds;
    private final Duration timeout;
    private final RouteCertificates certificates;
    private final PrintStream out;

    public StartupScenarios(List<Target> targets, List<String> scenarios, int repeats, int warmupRounds, int rounds,
                            Duration timeout, RouteCertificates certificates, PrintStream out) {
        this.targets = targets;
        this.scenarios = scenarios;
        this.repeats = repeats;
        this.warmupRounds = warmupRounds;
        this.rounds = rounds;
        this.timeout = timeout;
        this.certificates = certificates;
        this.out = out;
    }

    public StartupFigures run() {
        StartupFigures figures = new StartupFigures();
        List<LaunchedTarget> launched = targets.stream()
            .filter(LaunchedTarget.class::isInstance).map(LaunchedTarget.class::cast).toList();
        primeFirstStarts(launched);
        for (String scenario : List.of("start", "start-tls")) {
            if (scenarios.contains(scenario)) {
                single(scenario, launched, figures);
            }
        }
        if (scenarios.contains("start-cluster")) {
            launched.forEach(target -> cluster(target, 3, "start-cluster", figures));
        }
        if (scenarios.contains("start-mesh20")) {
            launched.forEach(target -> cluster(target, MESH_SERVERS, "start-mesh20", figures));
        }
        if (scenarios.contains("start-mesh20-inprocess")) {
            inProcessMesh(figures);
        }
        if (scenarios.contains("interest")) {
            targets.forEach(target -> interest(target, figures));
        }
        if (scenarios.contains("route-up")) {
            launched.forEach(target -> routeUp(target, figures));
        }
        return figures;
    }

    /** bin/jnatsd builds its jar and trains its archive on a first start: not a start to measure. */
    private void primeFirstStarts(List<LaunchedTarget> launched) {
        for (LaunchedTarget target : launched) {
            try {
                // With TLS when it will be measured: the bench's own first handshake is slow too.
                String scenario = scenarios.contains("start-tls") ? "start-tls" : "start";
                int port = FreePorts.take(1).get(0);
                StartProbe.measure(singleCommand(target, scenario, port), address(port),
                    target.logDirectory().resolve(target.name() + "-startup-prime.log"), Duration.ofMinutes(5),
                    scenario.equals("start-tls") ? certificates.authority() : null);
            } catch (IOException | RuntimeException e) {
                out.println("  " + target.name() + ": unmeasured first start failed: " + e.getMessage());
            }
        }
    }

    private void single(String scenario, List<LaunchedTarget> launched, StartupFigures figures) {
        double[][][] values = new double[launched.size()][5][repeats];
        String[] problems = new String[launched.size()];
        for (int i = 0; i < repeats; i++) {
            for (int t = 0; t < launched.size(); t++) {
                LaunchedTarget target = launched.get(t);
                if (problems[t] != null) {
                    continue;
                }
                try {
                    int port = FreePorts.take(1).get(0);
                    StartProbe.StartTiming timing = StartProbe.measure(singleCommand(target, scenario, port),
                        address(port), target.logDirectory().resolve(target.name() + "-" + scenario + "-" + port + ".log"),
                        timeout, scenario.equals("start-tls") ? certificates.authority() : null);
                    out.printf("  %s %s: first INFO after %.0f ms (cpu %.0f ms), first client waited %.1f ms, "
                            + "CONNECT+PING answered in %.1f ms%n", target.name(), scenario, timing.launchToInfo(),
                        timing.cpu(), timing.firstInfoWait(), timing.connectToPong());
                    double[] row = {timing.launchToInfo(), timing.cpu(), timing.firstInfoWait(), timing.connectToPong(),
                        timing.rssMebibytes()};
                    for (int m = 0; m < row.length; m++) {
                        values[t][m][i] = row[m];
                    }
                } catch (IOException | RuntimeException e) {
                    problems[t] = e.getMessage();
                }
            }
        }
        String[] measures = {"launch to first INFO", "CPU at first INFO", "first client: connect to INFO",
            "first client: CONNECT+PING to PONG", "RSS at first INFO"};
        String[] units = {"ms", "ms", "ms", "ms", "MiB"};
        for (int t = 0; t < launched.size(); t++) {
            if (problems[t] != null) {
                figures.failed(scenario, launched.get(t).name(), problems[t]);
                continue;
            }
            for (int m = 0; m < measures.length; m++) {
                figures.addMedian(scenario, measures[m], launched.get(t).name(), values[t][m], units[m]);
            }
        }
    }

    private void cluster(LaunchedTarget target, int servers, String scenario, StartupFigures figures) {
        double[] meshed = new double[repeats];
        double[] cpu = new double[repeats];
        try {
            for (int i = 0; i < repeats; i++) {
                MeshProbe.MeshTiming timing = MeshProbe.measure(target, servers, timeout);
                out.printf("  %s %s: all delivering after %.0f ms (cpu %.0f ms)%n", target.name(), scenario,
                    timing.launchToDelivering(), timing.cpu());
                meshed[i] = timing.launchToDelivering();
                cpu[i] = timing.cpu();
            }
        } catch (IOException | RuntimeException e) {
            figures.failed(scenario, target.name(), e.getMessage());
            return;
        }
        figures.addMedian(scenario, "launch to all delivering", target.name(), meshed, "ms");
        figures.addMedian(scenario, "CPU of the " + (servers == 3 ? "three" : servers), target.name(), cpu, "ms");
    }

    private void inProcessMesh(StartupFigures figures) {
        String scenario = "start-mesh20-inprocess";
        double[] meshed = new double[repeats];
        double[] cpu = new double[repeats];
        try {
            for (int i = 0; i < repeats; i++) {
                MeshProbe.MeshTiming timing = InProcessMesh.measure(MESH_SERVERS, timeout);
                out.printf("  jnatsd %s: all delivering after %.0f ms (cpu %.0f ms)%n", scenario,
                    timing.launchToDelivering(), timing.cpu());
                meshed[i] = timing.launchToDelivering();
                cpu[i] = timing.cpu();
            }
        } catch (IOException | RuntimeException e) {
            figures.failed(scenario, "jnatsd", e.getMessage());
            return;
        }
        figures.addMedian(scenario, "start to all delivering", "jnatsd", meshed, "ms");
        figures.addMedian(scenario, "CPU of this JVM", "jnatsd", cpu, "ms");
    }

    private void interest(Target target, StartupFigures figures) {
        out.println("  " + target.name() + " interest: starting a cluster ...");
        try (ServerGroup cluster = target.open(Topology.CLUSTER_OF_THREE)) {
            InterestProbe.Propagation result = InterestProbe.measure(cluster, warmupRounds, rounds);
            figures.add("interest", "SUB to first delivery p50", target.name(), result.p50FromSub(), "us");
            figures.add("interest", "SUB to first delivery p90", target.name(), result.p90FromSub(), "us");
            figures.add("interest", "PONG to first delivery p50", target.name(), result.p50FromPong(), "us");
            figures.add("interest", "PONG to first delivery p90", target.name(), result.p90FromPong(), "us");
            figures.add("interest", "UNSUB to no responders p50", target.name(), result.p50Withdrawal(), "us");
            figures.add("interest", "UNSUB to no responders p90", target.name(), result.p90Withdrawal(), "us");
            if (!Double.isNaN(result.coldP50FromSub())) {
                String cold = " (first " + InterestProbe.COLD_ROUNDS + " rounds, JIT cold)";
                figures.add("interest", "SUB to first delivery p50" + cold, target.name(), result.coldP50FromSub(), "us");
                figures.add("interest", "SUB to first delivery p90" + cold, target.name(), result.coldP90FromSub(), "us");
            }
        } catch (IOException | RuntimeException e) {
            figures.failed("interest", target.name(), e.getMessage());
        }
    }

    private void routeUp(LaunchedTarget target, StartupFigures figures) {
        out.println("  " + target.name() + " route-up: starting a cluster whose B dials A through a relay ...");
        try (ByteCountingProxy relay = ByteCountingProxy.listen()) {
            LaunchedTarget relayed = new LaunchedTarget(target.name(), target.executable(), target.logDirectory(),
                target.startTimeout(), target.routeVariant(), target.routeCertificates(), relay);
            try (ServerGroup cluster = relayed.open(Topology.CLUSTER_OF_THREE)) {
                RouteUpProbe.RouteUp result = RouteUpProbe.measure(cluster, relay, RouteUpProbe.ROUNDS);
                figures.add("route-up", "route accepted to first delivery p50", target.name(), result.p50(), "us");
                figures.add("route-up", "route accepted to first delivery p90", target.name(), result.p90(), "us");
            }
        } catch (IOException | RuntimeException e) {
            figures.failed("route-up", target.name(), e.getMessage());
        }
    }

    private List<String> singleCommand(LaunchedTarget target, String scenario, int port) throws IOException {
        List<String> command = new ArrayList<>(target.command(Topology.SINGLE, 0, List.of(port)));
        if (scenario.equals("start-tls")) {
            command.addAll(List.of("--tls", "--tlscert", certificates.certificate().toString(),
                "--tlskey", certificates.key().toString()));
        }
        return command;
    }

    private static InetSocketAddress address(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }
}
