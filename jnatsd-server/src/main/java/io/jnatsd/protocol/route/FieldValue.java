package io.jnatsd.protocol.route;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The value of one field of a route INFO or CONNECT, read as the Go type nats-server declares
 * for that field: JSON {@code null} gives Go's zero value, any other JSON type than the declared
 * one is refused (as Go's decoder refuses it). Read by {@link PlainJsonReader} for the JSON
 * servers write, and through jackson-core for anything else ({@link RouteJson}).
 */
interface FieldValue {
    String string() throws IOException;

    boolean bool() throws IOException;

    long number() throws IOException;

    List<String> strings() throws IOException;

    /** A permissions object ({@code {"allow":[...],"deny":[...]}}), in its order. */
    Map<String, List<String>> permissions() throws IOException;
}
