package io.jnatsd.bench.report;

import io.jnatsd.bench.scenario.Latency;
import io.jnatsd.bench.scenario.ScenarioResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Scenario results as a table: one row per scenario, size and server, with rows of one scenario
 * and size next to each other and, when a baseline server ran too, each other server's msgs/s
 * as a ratio of the baseline's.
 */
public final class ResultTable {

    public static final String BASELINE = "nats-server";

    private static final List<String> HEADERS = List.of("scenario", "size", "server", "msgs/s", "MB/s",
        "p50 us", "p99 us", "p99.9 us", "cpu gen %", "cpu srv %", "ratio", "note");
    private static final List<Boolean> NUMERIC = List.of(false, true, false, true, true,
        true, true, true, true, true, true, false);

    private ResultTable() {
    }

    public static TextTable of(List<ScenarioResult> results) {
        TextTable table = new TextTable(HEADERS, NUMERIC);
        for (ScenarioResult result : grouped(results)) {
            table.add(row(result, baselineFor(result, results)));
        }
        return table;
    }

    /** One result as a line of text, for progress output while the run goes on. */
    public static String line(ScenarioResult result) {
        if (!result.hasFigures()) {
            return String.format(Locale.ROOT, "%-12s %-17s %7s  FAILED: %s", result.target(), result.scenario(),
                ByteSize.format(result.payloadSize()), result.problem());
        }
        Latency latency = result.latency();
        String latencyText = latency == null ? "" : String.format(Locale.ROOT, "  p50/p99/p99.9 %s/%s/%s us",
            decimal(latency.p50Micros()), decimal(latency.p99Micros()), decimal(latency.p999Micros()));
        return String.format(Locale.ROOT, "%-12s %-17s %7s %12s msgs/s %9s MB/s%s  cpu gen/srv %s/%s %%%s",
            result.target(), result.scenario(), ByteSize.format(result.payloadSize()), whole(result.messagesPerSecond()),
            decimal(result.megabytesPerSecond()), latencyText, whole(result.clientCpuPercent()),
            whole(result.serverCpuPercent()), result.problem() == null ? "" : "  " + result.problem());
    }

    private static List<ScenarioResult> grouped(List<ScenarioResult> results) {
        Map<String, List<ScenarioResult>> byScenarioAndSize = new LinkedHashMap<>();
        for (ScenarioResult result : results) {
            byScenarioAndSize.computeIfAbsent(result.scenario() + "/" + result.payloadSize(), key -> new ArrayList<>())
                .add(result);
        }
        List<String> order = new ArrayList<>(byScenarioAndSize.keySet());
        List<ScenarioResult> flattened = new ArrayList<>();
        for (String key : order) {
            List<ScenarioResult> group = byScenarioAndSize.get(key);
            group.sort(Comparator.comparing(result -> BASELINE.equals(result.target())));
            flattened.addAll(group);
        }
        return flattened;
    }

    private static Optional<ScenarioResult> baselineFor(ScenarioResult result, List<ScenarioResult> results) {
        if (BASELINE.equals(result.target())) {
            return Optional.empty();
        }
        return results.stream()
            .filter(other -> BASELINE.equals(other.target()) && other.scenario().equals(result.scenario())
                && other.payloadSize() == result.payloadSize() && other.hasFigures())
            .findFirst();
    }

    private static List<String> row(ScenarioResult result, Optional<ScenarioResult> baseline) {
        Latency latency = result.latency();
        String ratio = baseline.filter(base -> result.hasFigures() && base.messagesPerSecond() > 0)
            .map(base -> String.format(Locale.ROOT, "%.2fx", result.messagesPerSecond() / base.messagesPerSecond()))
            .orElse("");
        return List.of(result.scenario(), ByteSize.format(result.payloadSize()), result.target(),
            whole(result.messagesPerSecond()), decimal(result.megabytesPerSecond()),
            latency == null ? "" : decimal(latency.p50Micros()),
            latency == null ? "" : decimal(latency.p99Micros()),
            latency == null ? "" : decimal(latency.p999Micros()),
            whole(result.clientCpuPercent()), whole(result.serverCpuPercent()), ratio,
            result.problem() == null ? "" : result.problem().replace('\n', ' '));
    }

    private static String whole(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String decimal(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%,.1f", value);
    }
}
