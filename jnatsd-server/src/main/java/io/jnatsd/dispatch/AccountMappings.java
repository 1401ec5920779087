package io.jnatsd.dispatch;

import io.jnatsd.config.MappingOptions;
import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.subject.SubjectTransform;
import io.jnatsd.subject.Subjects;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * An account's subject mappings: what a message a client or leaf node publishes is renamed to
 * before anything matches it, as nats-server maps. Destinations are picked by weight (0–99 drawn
 * per message against the cumulative weights, smallest first); weights under 100 leave the rest
 * on the original subject unless that subject is itself a destination, in which case the rest is
 * dropped. Destinations scoped to a cluster replace the others on that cluster's servers.
 * Immutable: a change of configuration builds a new one.
 */
public final class AccountMappings {
    private record Destination(SubjectTransform transform, int upTo) {
    }

    private record Mapping(String source, Destination[] everywhere, Map<String, Destination[]> byCluster) {
    }

    /** Each source's destinations as they are used: cumulative weights, the filled-in original subject included. */
    public void describe(BiConsumer<String, MappingOptions.Destination> to) {
        for (MappingOptions option : options) {
            Mapping mapping = literal.get(option.source());
            if (mapping == null) {
                mapping = wildcards.stream().filter(m -> m.source.equals(option.source())).findFirst().orElse(null);
            }
            if (mapping == null) {
                continue;
            }
            for (Destination destination : mapping.everywhere) {
                to.accept(mapping.source, new MappingOptions.Destination(destination.transform.destination(), destination.upTo, ""));
            }
            Mapping described = mapping;
            mapping.byCluster.forEach((cluster, destinations) -> {
                for (Destination destination : destinations) {
                    to.accept(described.source, new MappingOptions.Destination(destination.transform.destination(),
                            destination.upTo, cluster));
                }
            });
        }
    }

    private final Map<String, Mapping> literal = new HashMap<>();
    private final List<Mapping> wildcards = new ArrayList<>();
    private final List<MappingOptions> options;
    private final Supplier<String> clusterName;

    private AccountMappings(List<MappingOptions> options, Supplier<String> clusterName) {
        this.options = List.copyOf(options);
        this.clusterName = clusterName;
    }

    /**
     * The mappings, or null when there are none (the publish path then tests one field).
     * A mapping whose destinations do not compile is left out, as nats-server leaves out one it
     * cannot add; configuration files are checked before they get here.
     *
     * @param clusterName the server's cluster name now, for cluster-scoped destinations
     */
    public static AccountMappings of(List<MappingOptions> mappings, Supplier<String> clusterName) {
        if (mappings == null || mappings.isEmpty()) {
            return null;
        }
        AccountMappings built = new AccountMappings(mappings, clusterName);
        for (MappingOptions mapping : mappings) {
            try {
                Mapping compiled = compile(mapping);
                if (Subjects.isValidLiteralSubject(mapping.source())) {
                    built.literal.put(mapping.source(), compiled);
                } else {
                    built.wildcards.removeIf(m -> m.source.equals(mapping.source()));
                    built.wildcards.add(compiled);
                }
            } catch (IllegalArgumentException e) {
                // not added, as nats-server's AddWeightedMappings refuses it
            }
        }
        return built.literal.isEmpty() && built.wildcards.isEmpty() ? null : built;
    }

    private static Mapping compile(MappingOptions mapping) {
        Set<String> explicit = new HashSet<>();
        List<MappingOptions.Destination> everywhere = new ArrayList<>();
        Map<String, List<MappingOptions.Destination>> scoped = new LinkedHashMap<>();
        for (MappingOptions.Destination destination : mapping.destinations()) {
            explicit.add(destination.subject());
            if (destination.cluster().isEmpty()) {
                everywhere.add(destination);
            } else {
                scoped.computeIfAbsent(destination.cluster(), c -> new ArrayList<>()).add(destination);
            }
        }
        Map<String, Destination[]> byCluster = new HashMap<>();
        scoped.forEach((cluster, list) -> byCluster.put(cluster, cumulative(mapping.source(), list, explicit)));
        return new Mapping(mapping.source(), cumulative(mapping.source(), everywhere, explicit), byCluster);
    }

    /** Weights made cumulative, smallest first, with the original subject taking what is left below 100. */
    private static Destination[] cumulative(String source, List<MappingOptions.Destination> destinations, Set<String> explicit) {
        List<MappingOptions.Destination> all = new ArrayList<>(destinations);
        int total = all.stream().mapToInt(MappingOptions.Destination::weight).sum();
        if (total != 100 && !explicit.contains(source)) {
            all.add(new MappingOptions.Destination(identity(source), all.isEmpty() ? 100 : 100 - total, ""));
        }
        all.sort(Comparator.comparingInt(MappingOptions.Destination::weight));
        Destination[] out = new Destination[all.size()];
        int upTo = 0;
        for (int i = 0; i < out.length; i++) {
            upTo += all.get(i).weight();
            out[i] = new Destination(SubjectTransform.compile(source, all.get(i).subject()), upTo);
        }
        return out;
    }

    /** The source as a destination that keeps every subject as it is ({@code foo.*.*} becomes {@code foo.$1.$2}). */
    private static String identity(String source) {
        StringBuilder out = new StringBuilder();
        int wildcard = 0;
        for (String token : source.split("\\.", -1)) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(token.equals("*") ? "$" + ++wildcard : token);
        }
        return out.toString();
    }

    /** The mappings as configured, for monitoring. */
    public List<MappingOptions> options() {
        return options;
    }

    /** The sources, which leaf nodes must send us as if we had interest in them. */
    public List<String> sources() {
        return options.stream().map(MappingOptions::source).toList();
    }

    /**
     * The message to route: this one when no mapping applies or the subject stays, a copy under the
     * new subject, or null when a weighted mapping drops it.
     */
    public MessageFrame apply(MessageFrame message) {
        String subject = message.subject();
        String mapped = map(subject);
        if (mapped == null) {
            return null;
        }
        return mapped.equals(subject) ? message : RewrittenMessage.of(message, mapped, message.hasReply() ? message.reply() : null);
    }

    /** The subject a message published to {@code subject} goes to, or null to drop it. */
    public String map(String subject) {
        Mapping mapping = literal.get(subject);
        if (mapping == null) {
            for (Mapping candidate : wildcards) {
                if (Subjects.matches(candidate.source, subject)) {
                    mapping = candidate;
                    break;
                }
            }
            if (mapping == null) {
                return subject;
            }
        }
        Destination[] destinations = mapping.everywhere;
        if (!mapping.byCluster.isEmpty()) {
            destinations = mapping.byCluster.getOrDefault(clusterName.get(), destinations);
        }
        Destination picked = pick(destinations);
        return picked == null ? null : picked.transform.apply(subject);
    }

    private static Destination pick(Destination[] destinations) {
        if (destinations.length == 1 && destinations[0].upTo == 100) {
            return destinations[0];
        }
        int draw = ThreadLocalRandom.current().nextInt(100);
        for (Destination destination : destinations) {
            if (draw < destination.upTo) {
                return destination;
            }
        }
        return null;
    }
}
