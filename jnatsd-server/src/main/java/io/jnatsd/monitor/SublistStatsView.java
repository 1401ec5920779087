package io.jnatsd.monitor;

import io.jnatsd.subject.SubjectIndexStats;

/** The subject index statistics block of /subsz and /accountz ({@code sublist_stats}). */
final class SublistStatsView {
    private SublistStatsView() {
    }

    static GoObject of(SubjectIndexStats stats) {
        return new GoObject()
                .put("num_subscriptions", stats.numSubscriptions())
                .put("num_cache", stats.numCache())
                .put("num_inserts", stats.numInserts())
                .put("num_removes", stats.numRemoves())
                .put("num_matches", stats.numMatches())
                .put("cache_hit_rate", stats.cacheHitRate())
                .put("max_fanout", stats.maxFanout())
                .put("avg_fanout", stats.avgFanout());
    }
}
