package io.jnatsd.bench;

import io.jnatsd.bench.report.MachineDescription;
import io.jnatsd.bench.report.TextTable;
import io.jnatsd.bench.startup.StartupFigures;
import io.jnatsd.bench.startup.StartupScenarios;
import io.jnatsd.bench.target.RouteCertificates;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bin/bench startup}: how fast servers start and answer their first client, how fast
 * three started together deliver to each other, and how fast interest crosses a cluster.
 */
@Command(name = "startup", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Start-up and interest propagation, timed from outside (all on 127.0.0.1). Scenarios:",
        "  start          launch to the first client INFO, one server, default settings;",
        "                 also the first client's wait for INFO and for the PONG to CONNECT+PING",
        "  start-tls      the same with --tls --tlscert --tlskey",
        "  start-cluster  three servers launched together, until each delivers to the other two",
        "  start-mesh20   twenty servers launched together, each seeded to the first, until all deliver",
        "                 to all (not run by default)",
        "  start-mesh20-inprocess  the same with twenty jnatsd servers inside the bench's JVM (jnatsd only)",
        "  interest       3-server cluster: SUB on A until the first delivery of messages published on C (RS+),",
        "                 UNSUB on A until C answers its requests with no responders (RS-)",
        "  route-up       3-server cluster, B dials A through a relay that cuts the route: from B's first new",
        "                 connection to the first delivery on A of messages published on B"})
final class StartupCommand implements Callable<Integer> {

    @Mixin
    TargetOptions targetOptions;

    @Option(names = "--scenarios", split = ",", defaultValue = "start,start-tls,start-cluster,interest,route-up",
        paramLabel = "NAME", description = "Scenarios to run (default: ${DEFAULT-VALUE}).")
    List<String> scenarios;

    @Option(names = "--repeat", defaultValue = "5",
        description = "Starts per scenario and server; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--rounds", defaultValue = "200",
        description = "Measured subscriptions in the interest scenario (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup-rounds", defaultValue = "1000",
        description = "Unmeasured subscriptions before them, so that the JIT has compiled the interest path; "
            + "the first 50 are reported apart as the cold figure (default: ${DEFAULT-VALUE}).")
    int warmupRounds;

    @Option(names = "--timeout", defaultValue = "30s", converter = DurationConverter.class,
        description = "Longest a measured start may take (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--markdown", description = "Print the table as Markdown.")
    boolean markdown;

    @Override
    public Integer call() throws IOException {
        for (String scenario : scenarios) {
            if (!StartupScenarios.ALL.contains(scenario)) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                    "unknown scenario '" + scenario + "'; known: " + String.join(", ", StartupScenarios.ALL));
            }
        }
        if (repeats < 1 || rounds < 1 || warmupRounds < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--repeat and --rounds must be positive");
        }
        System.out.println("machine: " + MachineDescription.describe());
        System.out.println(MachineDescription.loadWarning());
        RouteCertificates certificates = scenarios.contains("start-tls")
            ? RouteCertificates.create(targetOptions.logDirectory().resolve("startup-tls")) : null;
        StartupFigures figures = new StartupScenarios(targetOptions.targets(), scenarios, repeats, warmupRounds, rounds,
            timeout, certificates, System.out).run();
        TextTable table = figures.table();
        System.out.println();
        System.out.print(markdown ? table.markdown() : table.plain());
        System.out.println("  after the run: " + MachineDescription.loadWarning());
        System.out.println("  value: median of the starts (note: their range); interest: percentiles over "
            + rounds + " subscriptions; route-up: over " + StartupScenarios.ROUTE_UP_ROUNDS + " cuts; ratio: relative to nats-server's (lower is better); CPU in steps of 10 ms.");
        return figures.anyFailed() ? 1 : 0;
    }
}
