package io.jnatsd.tests.fuzz;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import javax.management.ObjectName;

/**
 * Live objects per class after a full GC, from the JVM's own class histogram (what
 * {@code jcmd <pid> GC.class_histogram} prints): counts of connection objects and the heap they
 * retain, a measure that does not move with allocator caches or RSS.
 */
record HeapHistogram(Map<String, Long> instances, Map<String, Long> bytes, long totalBytes) {

    static HeapHistogram take() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, Long> instances = new HashMap<>();
        Map<String, Long> bytes = new HashMap<>();
        long total = 0;
        for (String line : text.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 4 && fields[0].endsWith(":")) {
                instances.merge(fields[3], Long.parseLong(fields[1]), Long::sum);
                bytes.merge(fields[3], Long.parseLong(fields[2]), Long::sum);
            } else if (fields.length == 3 && fields[0].equals("Total")) {
                total = Long.parseLong(fields[2]);
            }
        }
        return new HeapHistogram(instances, bytes, total);
    }

    long count(String className) {
        return instances.getOrDefault(className, 0L);
    }

    /** Instances of every class whose name starts with {@code prefix} and contains {@code part}. */
    long countMatching(String prefix, String part) {
        return instances.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(prefix) && entry.getKey().contains(part))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Classes under {@code prefix} with more than {@code slack} more live instances than in {@code before}. */
    java.util.List<String> grownClasses(HeapHistogram before, String prefix, long slack) {
        return instances.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(prefix)
                        && entry.getValue() - before.count(entry.getKey()) > slack)
                .map(entry -> entry.getKey() + " " + before.count(entry.getKey()) + " -> " + entry.getValue())
                .sorted().toList();
    }

    /** The classes whose retained bytes grew most from {@code before}, for a failure message. */
    String topGrowth(HeapHistogram before, int limit) {
        StringBuilder out = new StringBuilder();
        bytes.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue() - before.bytes.getOrDefault(b.getKey(), 0L),
                        a.getValue() - before.bytes.getOrDefault(a.getKey(), 0L)))
                .limit(limit)
                .forEach(entry -> out.append(String.format("%n  %+,d B %+,d objects %s",
                        entry.getValue() - before.bytes.getOrDefault(entry.getKey(), 0L),
                        count(entry.getKey()) - before.count(entry.getKey()), entry.getKey())));
        return out.toString();
    }
}
