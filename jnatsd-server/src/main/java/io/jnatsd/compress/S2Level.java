package io.jnatsd.compress;

/**
 * How hard the S2 writer searches for matches. The names follow the nats-server route
 * compression modes {@code s2_uncompressed}, {@code s2_fast}, {@code s2_better} and
 * {@code s2_best}; every level produces a stream any S2 reader decodes.
 */
public enum S2Level {
    /** Only uncompressed chunks: framing and checksums, no matching. */
    UNCOMPRESSED,
    /** One hash table, skips ahead quickly through data that does not match. */
    FAST,
    /** A long and a short hash table; picks the longer of their matches. */
    BETTER,
    /** Hash chains, lazy matching and a byte-cost model; the slowest and smallest. */
    BEST
}
