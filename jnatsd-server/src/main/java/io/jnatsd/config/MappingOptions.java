package io.jnatsd.config;

import java.util.List;

/**
 * One subject mapping of an account ({@code mappings { source: destination }}): the subject
 * clients publish to and the destinations it is rewritten to, each with a weight in percent and,
 * when scoped, the cluster whose servers use it (nats-server's MapDest).
 */
public record MappingOptions(String source, List<Destination> destinations) {
    public MappingOptions {
        destinations = List.copyOf(destinations);
    }

    /** A destination; {@code cluster} is empty when the destination applies in every cluster. */
    public record Destination(String subject, int weight, String cluster) {
        public Destination {
            cluster = cluster == null ? "" : cluster;
        }
    }

    /** The plain form, {@code source: destination}: all messages go to one destination. */
    public static MappingOptions to(String source, String destination) {
        return new MappingOptions(source, List.of(new Destination(destination, 100, "")));
    }
}
