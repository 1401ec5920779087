package io.jnatsd.compress;

import static io.jnatsd.compress.LittleEndian.load32;
import static io.jnatsd.compress.LittleEndian.load64;

/**
 * The fast level: one table of 6-byte hashes. Each step loads 8 bytes once and probes three
 * positions from them (plus the previous offset one byte ahead, which costs a repeat element),
 * then moves on by four bytes, and further the longer nothing has matched, so that text without
 * matches is crossed at a fraction of a table look-up per byte. Route traffic (the same keys and
 * subjects in every message, fresh values) gives matches every few dozen bytes, and the loop
 * runs at several hundred MB per second per core.
 */
final class FastMatchFinder implements MatchFinder {
    private static final int TABLE_BITS = 14;
    private static final int HASH_BYTES = 6;
    /** Bytes moved per step with nothing matched, before the skip grows. */
    private static final int STEP = 4;
    /** The skip grows by one byte per 64 bytes without a match. */
    private static final int SKIP_SHIFT = 6;

    private final PositionTable table = new PositionTable(TABLE_BITS);
    private int matchStart;
    private int candidate;
    /** The first position the last successful search did not index: where a rejected match resumes. */
    private int resumeAt;

    @Override
    public boolean encode(byte[] source, int start, int end, ElementWriter out) {
        table.startBlock(start, end - start);
        int searchLimit = end - 8;
        int nextEmit = start;
        int s = start + 1;
        while (s <= searchLimit) {
            if (!find(source, s, start, nextEmit, searchLimit, out.lastOffset())) {
                break;
            }
            while (matchStart > nextEmit && candidate > start && source[matchStart - 1] == source[candidate - 1]) {
                matchStart--;
                candidate--;
            }
            int offset = matchStart - candidate;
            int matchEnd = matchStart + 4 + MatchFinder.matchLength(source, matchStart + 4, candidate + 4, end);
            if (offset >= 65536 && offset != out.lastOffset() && matchEnd - matchStart < 8) {
                // A distant short match costs more (copy4) than it saves.
                s = resumeAt;
                continue;
            }
            if (!out.fits(matchStart - nextEmit)) {
                return false;
            }
            out.literal(source, nextEmit, matchStart - nextEmit);
            out.copy(offset, matchEnd - matchStart);
            nextEmit = matchEnd;
            s = matchEnd;
            if (s + 6 <= end) {
                // Index the end of the match, where the next message's repeated parts often start.
                long tail = load64(source, s - 2);
                table.put(MatchFinder.hash(tail, HASH_BYTES, TABLE_BITS), s - 2);
                table.put(MatchFinder.hash(tail >>> 8, HASH_BYTES, TABLE_BITS), s - 1);
            }
        }
        if (!out.fits(end - nextEmit)) {
            return false;
        }
        out.literal(source, nextEmit, end - nextEmit);
        return true;
    }

    /**
     * Searches from {@code s} for a 4-byte match; leaves it in {@link #matchStart} and
     * {@link #candidate} and returns true, or returns false at the end of the searchable input.
     */
    private boolean find(byte[] source, int s, int start, int nextEmit, int searchLimit, int repeat) {
        while (true) {
            long bytes = load64(source, s);
            int hash0 = MatchFinder.hash(bytes, HASH_BYTES, TABLE_BITS);
            int hash1 = MatchFinder.hash(bytes >>> 8, HASH_BYTES, TABLE_BITS);
            int candidate0 = table.get(hash0);
            int candidate1 = table.get(hash1);
            table.put(hash0, s);
            table.put(hash1, s + 1);
            resumeAt = s + 2;
            if (repeat > 0 && s + 1 - repeat >= start && (int) (bytes >>> 8) == load32(source, s + 1 - repeat)) {
                return found(s + 1, s + 1 - repeat);
            }
            if (candidate0 >= 0 && (int) bytes == load32(source, candidate0)) {
                return found(s, candidate0);
            }
            int hash2 = MatchFinder.hash(bytes >>> 16, HASH_BYTES, TABLE_BITS);
            int candidate2 = table.get(hash2);
            table.put(hash2, s + 2);
            resumeAt = s + 3;
            if (candidate1 >= 0 && (int) (bytes >>> 8) == load32(source, candidate1)) {
                return found(s + 1, candidate1);
            }
            if (candidate2 >= 0 && (int) (bytes >>> 16) == load32(source, candidate2)) {
                return found(s + 2, candidate2);
            }
            s += STEP + ((s - nextEmit) >>> SKIP_SHIFT);
            if (s > searchLimit) {
                return false;
            }
        }
    }

    private boolean found(int at, int from) {
        matchStart = at;
        candidate = from;
        return true;
    }
}
