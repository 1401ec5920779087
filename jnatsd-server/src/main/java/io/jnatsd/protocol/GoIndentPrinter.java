package io.jnatsd.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.Instantiatable;
import java.io.IOException;

/**
 * The layout of Go's {@code json.MarshalIndent(v, "", "  ")}: {@code "key": value}, one array
 * element or object member per line, two spaces per level, and {@code []} / {@code {}} for empty
 * containers. Jackson's default printer differs on each of these ({@code "key" : value},
 * {@code [ 1, 2 ]}, {@code [ ]}), and nats-top and scripts compare the text, so it matters.
 */
final class GoIndentPrinter implements PrettyPrinter, Instantiatable<GoIndentPrinter> {
    private int level;

    @Override
    public GoIndentPrinter createInstance() {
        return new GoIndentPrinter();
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator gen) {
    }

    @Override
    public void writeStartObject(JsonGenerator gen) throws IOException {
        gen.writeRaw('{');
        level++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator gen) throws IOException {
        newLine(gen);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(',');
        newLine(gen);
    }

    @Override
    public void writeEndObject(JsonGenerator gen, int entries) throws IOException {
        level--;
        if (entries > 0) {
            newLine(gen);
        }
        gen.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator gen) throws IOException {
        gen.writeRaw('[');
        level++;
    }

    @Override
    public void beforeArrayValues(JsonGenerator gen) throws IOException {
        newLine(gen);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(',');
        newLine(gen);
    }

    @Override
    public void writeEndArray(JsonGenerator gen, int values) throws IOException {
        level--;
        if (values > 0) {
            newLine(gen);
        }
        gen.writeRaw(']');
    }

    private void newLine(JsonGenerator gen) throws IOException {
        gen.writeRaw('\n');
        for (int i = 0; i < level; i++) {
            gen.writeRaw("  ");
        }
    }
}
