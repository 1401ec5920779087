package io.jnatsd.monitor;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests per endpoint path for {@code /varz http_req_stats}; keys exclude {@code http_base_path}. */
final class RequestCounts {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(String path) {
        counts.computeIfAbsent(path, key -> new LongAdder()).increment();
    }

    /** Sorted by path, as Go writes map keys. */
    Map<String, Long> snapshot() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((path, count) -> sorted.put(path, count.sum()));
        return sorted;
    }
}
