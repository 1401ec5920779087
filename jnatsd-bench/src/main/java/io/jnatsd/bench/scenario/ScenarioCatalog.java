package io.jnatsd.bench.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The scenarios by name, and the groups {@code all}, {@code single}, {@code cluster}, {@code gateway} and {@code leaf}. */
public final class ScenarioCatalog {

    public static final List<String> SINGLE_SERVER = List.of("pub", "pubsub", "fanout", "queue", "reqreply");
    public static final List<String> CLUSTER = List.of("cluster-pubsub", "cluster-queue", "cluster-reqreply");
    public static final List<String> GATEWAY = List.of("gateway-pubsub", "gateway-reqreply");
    public static final List<String> LEAF = List.of("leaf-pubsub", "leaf-reqreply");

    private ScenarioCatalog() {
    }

    /**
     * @param names scenario or group names, in the order to run them
     * @param subscribers subscribers of the fan-out scenario
     * @param queueMembers members of the queue group scenarios
     */
    public static List<Scenario> select(List<String> names, int subscribers, int queueMembers) {
        Set<String> expanded = new LinkedHashSet<>();
        for (String name : names) {
            switch (name.trim()) {
                case "all" -> {
                    expanded.addAll(SINGLE_SERVER);
                    expanded.addAll(CLUSTER);
                    expanded.addAll(GATEWAY);
                    expanded.addAll(LEAF);
                }
                case "single" -> expanded.addAll(SINGLE_SERVER);
                case "cluster" -> expanded.addAll(CLUSTER);
                case "gateway" -> expanded.addAll(GATEWAY);
                case "leaf" -> expanded.addAll(LEAF);
                default -> expanded.add(name.trim());
            }
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (String name : expanded) {
            scenarios.add(byName(name, subscribers, queueMembers));
        }
        return scenarios;
    }

    private static Scenario byName(String name, int subscribers, int queueMembers) {
        return switch (name) {
            case "pub" -> ThroughputScenario.publishOnly();
            case "pubsub" -> ThroughputScenario.publishSubscribe();
            case "fanout" -> ThroughputScenario.fanOut(subscribers);
            case "queue" -> ThroughputScenario.queueGroup(queueMembers);
            case "reqreply" -> RequestReplyScenario.local();
            case "cluster-pubsub" -> ThroughputScenario.clusterPublishSubscribe();
            case "cluster-queue" -> ThroughputScenario.clusterQueueGroup(queueMembers);
            case "cluster-reqreply" -> RequestReplyScenario.acrossRoute();
            case "gateway-pubsub" -> ThroughputScenario.gatewayPublishSubscribe();
            case "gateway-reqreply" -> RequestReplyScenario.acrossGateway();
            case "leaf-pubsub" -> ThroughputScenario.leafPublishSubscribe();
            case "leaf-reqreply" -> RequestReplyScenario.acrossLeafNode();
            default -> throw new IllegalArgumentException("unknown scenario '" + name + "'; known: all, single, cluster, gateway, leaf, "
                + String.join(", ", SINGLE_SERVER) + ", " + String.join(", ", CLUSTER) + ", " + String.join(", ", GATEWAY)
                + ", " + String.join(", ", LEAF));
        };
    }
}
