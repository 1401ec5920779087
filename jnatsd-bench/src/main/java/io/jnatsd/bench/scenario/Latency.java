package io.jnatsd.bench.scenario;

import org.HdrHistogram.Histogram;

/** Round-trip percentiles in microseconds. */
public record Latency(double p50Micros, double p99Micros, double p999Micros) {

    static Latency of(Histogram nanos) {
        return new Latency(micros(nanos, 50), micros(nanos, 99), micros(nanos, 99.9));
    }

    private static double micros(Histogram nanos, double percentile) {
        return nanos.getValueAtPercentile(percentile) / 1_000.0;
    }
}
