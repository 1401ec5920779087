package io.jnatsd.protocol.route;

import io.jnatsd.protocol.PlainJson;
import java.util.List;
import java.util.Map;

/**
 * Writes a route INFO or CONNECT whose strings are printable ASCII (what servers send: IDs,
 * names, host:port URLs, subjects) into one {@link StringBuilder}, byte for byte as jackson-core
 * with {@link io.jnatsd.protocol.GoEscapes} writes it: {@code "} and {@code \} escaped with a
 * backslash, {@code <}, {@code >} and {@code &} as Go escapes them ({@code \}{@code u003c} ...).
 * Any other character (control, non-ASCII) throws {@link PlainJson.NotPlain}, and {@link RouteJson} writes
 * the object with jackson-core instead. A cold server writes an INFO for every route connection
 * it opens or accepts; this costs a fraction of the generator's interpreted work.
 */
final class PlainJsonWriter implements FieldSink {
    private final StringBuilder out = new StringBuilder(512);
    private boolean first = true;

    PlainJsonWriter() {
        out.append('{');
    }

    String finish() {
        return out.append('}').toString();
    }

    @Override
    public void string(String name, String value) {
        name(name);
        if (value == null) {
            out.append("null");
        } else {
            quoted(value);
        }
    }

    @Override
    public void number(String name, long value) {
        name(name);
        out.append(value);
    }

    @Override
    public void bool(String name, boolean value) {
        name(name);
        out.append(value);
    }

    @Override
    public void strings(String name, List<String> values) {
        name(name);
        array(values);
    }

    @Override
    public void permissions(String name, Map<String, List<String>> permissions) {
        name(name);
        out.append('{');
        boolean firstEntry = true;
        for (Map.Entry<String, List<String>> entry : permissions.entrySet()) {
            if (!firstEntry) {
                out.append(',');
            }
            firstEntry = false;
            quoted(entry.getKey());
            out.append(':');
            if (entry.getValue() == null) {
                out.append("null");
            } else {
                array(entry.getValue());
            }
        }
        out.append('}');
    }

    private void array(List<String> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            quoted(values.get(i));
        }
        out.append(']');
    }

    private void name(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        quoted(name);
        out.append(':');
    }

    private void quoted(String value) {
        PlainJson.appendQuoted(out, value);
    }
}
