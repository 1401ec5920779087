package io.jnatsd.bench.startup;

import io.jnatsd.bench.report.ResultTable;
import io.jnatsd.bench.report.TextTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The figures of the start-up and propagation scenarios, one row per scenario, measure and
 * server, with the ratio to nats-server's figure (lower is better for every one of them).
 */
public final class StartupFigures {

    private record Figure(String scenario, String measure, String server, double value, String unit, String note) {
    }

    private final List<Figure> figures = new ArrayList<>();

    void add(String scenario, String measure, String server, double value, String unit) {
        figures.add(new Figure(scenario, measure, server, value, unit, ""));
    }

    /** The median of several runs, with their spread in the note. */
    void addMedian(String scenario, String measure, String server, double[] values, String unit) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        String spread = sorted.length > 1
            ? String.format(Locale.ROOT, "%d runs, %s-%s", sorted.length, format(sorted[0]), format(sorted[sorted.length - 1]))
            : "";
        figures.add(new Figure(scenario, measure, server, sorted[sorted.length / 2], unit, spread));
    }

    void failed(String scenario, String server, String problem) {
        figures.add(new Figure(scenario, "", server, Double.NaN, "", problem));
    }

    public TextTable table() {
        TextTable table = new TextTable(List.of("scenario", "measure", "server", "value", "unit", "ratio", "note"),
            List.of(false, false, false, true, false, true, false));
        for (Figure figure : figures) {
            Figure baseline = figures.stream()
                .filter(other -> ResultTable.BASELINE.equals(other.server()) && other.scenario().equals(figure.scenario())
                    && other.measure().equals(figure.measure()) && !Double.isNaN(other.value()))
                .findFirst().orElse(null);
            String ratio = baseline != null && baseline != figure && !Double.isNaN(figure.value()) && baseline.value() > 0
                ? String.format(Locale.ROOT, "%.2fx", figure.value() / baseline.value()) : "";
            table.add(List.of(figure.scenario(), figure.measure(), figure.server(),
                Double.isNaN(figure.value()) ? "" : format(figure.value()), figure.unit(), ratio, figure.note()));
        }
        return table;
    }

    public boolean anyFailed() {
        return figures.stream().anyMatch(figure -> Double.isNaN(figure.value()));
    }

    private static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
