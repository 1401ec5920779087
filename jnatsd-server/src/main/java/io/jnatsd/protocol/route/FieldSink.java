package io.jnatsd.protocol.route;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Where the fields of a route INFO or CONNECT are written, in order: {@link PlainJsonWriter}
 * for values of printable ASCII, jackson-core's generator (with Go's escaping) for anything else
 * ({@link RouteJson#writeObject}). Each call writes its field; leaving out empty values is the
 * caller's decision.
 */
interface FieldSink {
    void string(String name, String value) throws IOException;

    void number(String name, long value) throws IOException;

    void bool(String name, boolean value) throws IOException;

    void strings(String name, List<String> values) throws IOException;

    /** A permissions object; a null list is written as {@code null}. */
    void permissions(String name, Map<String, List<String>> permissions) throws IOException;
}
