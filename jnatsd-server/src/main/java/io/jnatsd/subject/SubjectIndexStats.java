package io.jnatsd.subject;

/**
 * Counters of a {@link SubjectIndex} as {@code /subsz} reports them. Keeps the cache hits and the
 * total fan-out rather than only the ratios, so that the stats of several indexes (one per
 * account) can be summed with {@link #plus} and the ratios recomputed over the sum.
 *
 * @param numSubscriptions interests stored
 * @param numCache         literal subjects cached
 * @param numInserts       inserts since creation
 * @param numRemoves       successful removes since creation
 * @param numMatches       match calls since creation
 * @param cacheHits        match calls answered from the cache
 * @param totalFanout      sum of the fan-out of the cached results
 * @param maxFanout        largest fan-out of a cached result
 */
public record SubjectIndexStats(long numSubscriptions, long numCache, long numInserts, long numRemoves,
                                long numMatches, long cacheHits, long totalFanout, long maxFanout) {

    public static final SubjectIndexStats NONE = new SubjectIndexStats(0, 0, 0, 0, 0, 0, 0, 0);

    public double cacheHitRate() {
        return numMatches == 0 ? 0.0 : (double) cacheHits / numMatches;
    }

    public double avgFanout() {
        return numCache == 0 ? 0.0 : (double) totalFanout / numCache;
    }

    public SubjectIndexStats plus(SubjectIndexStats other) {
        return new SubjectIndexStats(
                numSubscriptions + other.numSubscriptions,
                numCache + other.numCache,
                numInserts + other.numInserts,
                numRemoves + other.numRemoves,
                numMatches + other.numMatches,
                cacheHits + other.cacheHits,
                totalFanout + other.totalFanout,
                Math.max(maxFanout, other.maxFanout));
    }
}
