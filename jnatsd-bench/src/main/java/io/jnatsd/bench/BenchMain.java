package io.jnatsd.bench;

import io.jnatsd.bench.report.ByteSize;
import io.jnatsd.bench.report.MachineDescription;
import io.jnatsd.bench.report.ResultTable;
import io.jnatsd.bench.report.TextTable;
import io.jnatsd.bench.scenario.LoadSettings;
import io.jnatsd.bench.scenario.Scenario;
import io.jnatsd.bench.scenario.ScenarioCatalog;
import io.jnatsd.bench.scenario.ScenarioResult;
import io.jnatsd.bench.wire.Payload;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bin/bench}: throughput and latency scenarios against jnatsd, nats-server, or both. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    subcommands = {MemoryCommand.class, StartupCommand.class, CalibrateCommand.class, EmbeddedCommand.class, RouteRatioCommand.class},
    description = {"Measures NATS servers: throughput (raw-protocol load generator) and request/reply latency (jnats).",
        "Scenarios: " + "pub, pubsub, fanout, queue, reqreply, cluster-pubsub, cluster-queue, cluster-reqreply, "
            + "gateway-pubsub, gateway-reqreply, leaf-pubsub, leaf-reqreply "
            + "(groups: all, single, cluster, gateway, leaf)."},
    footer = {"", "Also: bench jmh [JMH options] runs the JMH micro-benchmarks in this jar (org.openjdk.jmh.Main).",
        "Examples:", "  bench --compare", "  bench --server nats-server --scenarios pubsub,reqreply --sizes 16,64k --duration 3s",
        "  bench --url nats://127.0.0.1:4222 --scenarios single", "  bench memory --compare", "  bench startup --compare"})
public final class BenchMain implements Callable<Integer> {

    @Mixin
    TargetOptions targetOptions;

    @Option(names = "--scenarios", split = ",", defaultValue = "all", paramLabel = "NAME",
        description = "Scenarios or groups to run (default: ${DEFAULT-VALUE}).")
    List<String> scenarioNames;

    @Option(names = "--sizes", split = ",", defaultValue = "16,1k,64k", converter = ByteSizeConverter.class,
        paramLabel = "SIZE", description = "Payload sizes, 0 B to 1 MiB (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--duration", defaultValue = "1s", converter = DurationConverter.class,
        description = "Measured time per scenario and size (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "500ms", converter = DurationConverter.class,
        description = "Unmeasured run before each measured one (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--msgs", defaultValue = "0", description = "Also stop a run after this many messages or "
        + "requests; 0 means only --duration decides (default: ${DEFAULT-VALUE}).")
    long maxMessages;

    @Option(names = "--payload", defaultValue = "bytes", paramLabel = "KIND",
        description = "What throughput publishers send: bytes (one repeated frame) or json (distinct JSON documents, "
            + "as route-ratio sends; the realistic load for compressed routes) (default: ${DEFAULT-VALUE}).")
    String payloadName;

    @Option(names = "--repeat", defaultValue = "1", description = "Runs per scenario, size and server; the run with "
        + "the median msgs/s is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--subs", defaultValue = "4", description = "Subscribers in the fan-out scenario (default: ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(names = "--queue-members", defaultValue = "4",
        description = "Members of the queue groups (default: ${DEFAULT-VALUE}).")
    int queueMembers;

    @Option(names = "--markdown", description = "Print the final table as Markdown.")
    boolean markdown;

    @Option(names = "--output", paramLabel = "FILE", description = "Also write the final table, as Markdown, to this file.")
    Path output;

    private final PrintStream out = System.out;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "jmh".equals(args[0])) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        List<Scenario> scenarios = ScenarioCatalog.select(scenarioNames, subscribers, queueMembers);
        validate();
        LoadSettings settings = new LoadSettings(duration, warmup, maxMessages > 0 ? maxMessages : Long.MAX_VALUE, payload());
        out.println("machine: " + MachineDescription.describe());
        out.println(MachineDescription.loadWarning());
        out.println("cluster routes: " + targetOptions.routeVariant().describe());
        out.println("payload: " + settings.payload().label());
        List<ScenarioResult> results = new BenchmarkRun(targetOptions.targets(), scenarios, sizes, settings, repeats, out)
            .execute();
        report(results, scenarios);
        return results.stream().allMatch(result -> result.problem() == null) ? 0 : 1;
    }

    private Payload payload() {
        for (Payload payload : Payload.values()) {
            if (payload.label().equals(payloadName)) {
                return payload;
            }
        }
        throw new CommandLine.ParameterException(new CommandLine(this), "--payload must be bytes or json, not " + payloadName);
    }

    private void validate() {
        for (int size : sizes) {
            if (size > 1024 * 1024) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                    "size " + ByteSize.format(size) + " is above the servers' default max_payload of 1 MiB");
            }
        }
        if (duration.isZero() || duration.isNegative() || subscribers < 1 || queueMembers < 1 || repeats < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                "--duration, --repeat, --subs and --queue-members must be positive");
        }
    }

    private void report(List<ScenarioResult> results, List<Scenario> scenarios) throws IOException {
        TextTable table = ResultTable.of(results);
        StringBuilder legend = new StringBuilder();
        for (Scenario scenario : scenarios) {
            legend.append("  ").append(scenario.name()).append(": ").append(scenario.description()).append('\n');
        }
        legend.append("  msgs/s: received by all subscribers together (pub: taken by the server; reqreply: round trips);"
            + " MB/s: payload only, 10^6 bytes;\n  cpu gen/srv: load generator JVM / all server processes, % of one core;"
            + " ratio: msgs/s relative to nats-server's.\n");
        out.println();
        out.print(markdown ? table.markdown() : table.plain());
        out.println();
        out.print(legend);
        if (output != null) {
            String document = "Machine: " + MachineDescription.describe() + "\nPayload: " + payload().label() + "\n\n"
                + table.markdown() + "\n" + legend;
            Files.writeString(output, document, StandardCharsets.UTF_8);
            out.println("table written to " + output);
        }
    }
}
