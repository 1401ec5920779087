package io.jnatsd.bench;

import io.jnatsd.bench.report.ResultTable;
import io.jnatsd.bench.scenario.LoadSettings;
import io.jnatsd.bench.scenario.Scenario;
import io.jnatsd.bench.scenario.ScenarioResult;
import io.jnatsd.bench.target.ServerGroup;
import io.jnatsd.bench.target.Target;
import io.jnatsd.bench.target.Topology;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs scenarios against several targets, interleaved: all targets' servers run at once (idle
 * ones cost next to nothing) and each scenario and size goes to one target right after the
 * other, round after round, so that a change in the machine's load during a long run hits all
 * targets alike.
 */
final class BenchmarkRun {

    private final List<Target> targets;
    private final List<Scenario> scenarios;
    private final List<Integer> sizes;
    private final LoadSettings settings;
    private final int repeats;
    private final PrintStream out;

    BenchmarkRun(List<Target> targets, List<Scenario> scenarios, List<Integer> sizes, LoadSettings settings,
                 int repeats, PrintStream out) {
        this.targets = targets;
        this.scenarios = scenarios;
        this.sizes = sizes;
        this.settings = settings;
        this.repeats = repeats;
        this.out = out;
    }

    List<ScenarioResult> execute() {
        List<ScenarioResult> results = new ArrayList<>();
        for (Topology topology : Topology.values()) {
            List<Scenario> inTopology = scenarios.stream().filter(s -> s.topology() == topology).toList();
            if (!inTopology.isEmpty()) {
                results.addAll(execute(topology, inTopology));
            }
        }
        return results;
    }

    private List<ScenarioResult> execute(Topology topology, List<Scenario> inTopology) {
        List<ScenarioResult> results = new ArrayList<>();
        Map<Target, ServerGroup> running = new LinkedHashMap<>();
        try {
            for (Target target : targets) {
                ServerGroup servers = start(target, topology);
                if (servers != null) {
                    running.put(target, servers);
                } else {
                    inTopology.forEach(scenario -> sizes.forEach(size -> results.add(
                        ScenarioResult.failed(scenario.name(), target.name(), size, "servers not available"))));
                }
            }
            for (Scenario scenario : inTopology) {
                for (int size : sizes) {
                    results.addAll(runAlternately(scenario, running, size));
                }
            }
        } finally {
            running.values().forEach(ServerGroup::close);
        }
        return results;
    }

    private ServerGroup start(Target target, Topology topology) {
        out.println("starting " + target.name() + (topology == Topology.SINGLE ? "" : " (" + topology.description() + ")") + " ...");
        try {
            return target.open(topology);
        } catch (IOException | RuntimeException e) {
            out.println("  " + target.name() + " not available: " + e.getMessage());
            return null;
        }
    }

    /**
     * Runs {@code repeats} rounds, each target once per round, and keeps for each target the run with
     * the median message rate (a failed run counts as the lowest, and is noted beside a clean median).
     */
    private List<ScenarioResult> runAlternately(Scenario scenario, Map<Target, ServerGroup> running, int size) {
        Map<Target, List<ScenarioResult>> runs = new LinkedHashMap<>();
        for (int round = 0; round < repeats; round++) {
            running.forEach((target, servers) -> {
                ScenarioResult result = scenario.run(servers, target.name(), size, settings);
                out.println("  " + ResultTable.line(result));
                runs.computeIfAbsent(target, key -> new ArrayList<>()).add(result);
            });
        }
        List<ScenarioResult> medians = new ArrayList<>();
        for (List<ScenarioResult> targetRuns : runs.values()) {
            // A run with a problem (lost messages, an error) ranks below every clean run, whatever its rate.
            targetRuns.sort(Comparator.comparingDouble(r -> r.hasFigures() && r.problem() == null ? r.messagesPerSecond() : -1));
            medians.add(withFailuresNoted(targetRuns.get(targetRuns.size() / 2), targetRuns));
        }
        return medians;
    }

    /** A clean median must not hide that other rounds lost messages: the table says how many did. */
    private static ScenarioResult withFailuresNoted(ScenarioResult median, List<ScenarioResult> runs) {
        List<ScenarioResult> failed = runs.stream().filter(run -> run.problem() != null).toList();
        if (median.problem() != null || failed.isEmpty()) {
            return median;
        }
        return median.withProblem(failed.size() + " of " + runs.size() + " runs failed: " + failed.get(0).problem());
    }
}
