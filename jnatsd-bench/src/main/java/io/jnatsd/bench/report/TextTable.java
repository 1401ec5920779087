package io.jnatsd.bench.report;

import java.util.ArrayList;
import java.util.List;

/** Rows of cells rendered either as aligned plain text or as a Markdown table. */
public final class TextTable {

    private final List<String> headers;
    private final List<Boolean> numeric;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param numeric per column: right-aligned when true */
    public TextTable(List<String> headers, List<Boolean> numeric) {
        this.headers = List.copyOf(headers);
        this.numeric = List.copyOf(numeric);
    }

    public void add(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.size());
        }
        rows.add(List.copyOf(cells));
    }

    public String plain() {
        int[] widths = new int[headers.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = headers.get(column).length();
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendPlainRow(out, headers, widths);
        for (List<String> row : rows) {
            appendPlainRow(out, row, widths);
        }
        return out.toString();
    }

    private void appendPlainRow(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < widths.length; column++) {
            String cell = cells.get(column);
            String padding = " ".repeat(widths[column] - cell.length());
            line.append(numeric.get(column) ? padding + cell : cell + padding).append("  ");
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", headers)).append(" |\n|");
        for (Boolean right : numeric) {
            out.append(right ? " ---: |" : " --- |");
        }
        out.append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }
}
