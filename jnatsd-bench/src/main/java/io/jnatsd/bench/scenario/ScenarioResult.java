package io.jnatsd.bench.scenario;

/**
 * The outcome of one scenario at one message size against one target.
 *
 * @param messagesPerSecond messages received by all subscribers together per second; for
 *     publish-only the messages published, for request/reply the completed round trips
 * @param megabytesPerSecond the payload bytes behind {@code messagesPerSecond}, in 10^6 bytes
 * @param latency round-trip percentiles, or null where the scenario measures throughput only
 * @param clientCpuPercent CPU used by the load generator's JVM, in percent of one core
 * @param serverCpuPercent CPU used by all server processes together, in percent of one core;
 *     NaN when their process ids are unknown
 * @param problem why the figures are missing or doubtful, or null
 */
public record ScenarioResult(String scenario, String target, int payloadSize, long messages,
                             double messagesPerSecond, double megabytesPerSecond, Latency latency,
                             double clientCpuPercent, double serverCpuPercent, String problem) {

    public static ScenarioResult failed(String scenario, String target, int payloadSize, String problem) {
        return new ScenarioResult(scenario, target, payloadSize, 0, Double.NaN, Double.NaN, null,
            Double.NaN, Double.NaN, problem);
    }

    /** The same figures, with a note on why they are doubtful. */
    public ScenarioResult withProblem(String note) {
        return new ScenarioResult(scenario, target, payloadSize, messages, messagesPerSecond, megabytesPerSecond, latency,
            clientCpuPercent, serverCpuPercent, note);
    }

    public boolean hasFigures() {
        return !Double.isNaN(messagesPerSecond);
    }
}
