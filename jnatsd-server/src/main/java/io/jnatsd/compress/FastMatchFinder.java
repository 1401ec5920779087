package io.jnatsd.compress;

import static io.jnatsd.compress.LittleEndian.load32;
import static io.jnatsd.compress.LittleEndian.load64;

/**
 * The fast level: one table of 6-byte hashes. Each search step loads 8 bytes once and probes
 * three positions from them, then moves on by four bytes, and further the longer nothing has
 * matched, so that text without matches is crossed at a fraction of a table look-up per byte.
 * After a copy the position right behind it is tried at once, so runs of copies (a message's
 * repeated keys and subject) go out without a search between them. A copy at the previous
 * offset still goes out as a repeat element (the writer sees to that), but no position is
 * probed for one: on route traffic the probe cost 8 % of the level's time and lost ratio,
 * since it took a repeat where the table held a longer match (the bench's JSON in 64 KiB
 * blocks: 4.476 with the probe, 4.493 without).
 *
 * <p>Route traffic (the same keys and subjects in every message, fresh values) gives matches
 * every few dozen bytes, so the cost is per match: the whole loop keeps its state in locals.
 */
final class FastMatchFinder implements MatchFinder {
    private static final int TABLE_BITS = 14;
    private static final int HASH_BYTES = 6;
    /** Bytes moved per step with nothing matched, before the skip grows. */
    private static final int STEP = 4;
    /** The skip grows by one byte per 64 bytes without a match. */
    private static final int SKIP_SHIFT = 6;

    private final PositionTable table = new PositionTable(TABLE_BITS);

    @Override
    public boolean encode(byte[] source, int start, int end, ElementWriter out) {
        PositionTable table = this.table;
        table.startBlock(start, end - start);
        int searchLimit = end - 8;
        int nextEmit = start;
        int s = start + 1;
        long bytes = load64(source, s);
        // The first position not yet in the table: where the search resumes after a rejected
        // match, so that no candidate lies at or after the position searched.
        int resumeAt;
        search:
        while (true) {
            int matchStart;
            int candidate;
            while (true) {
                int hash0 = hash(bytes);
                int hash1 = hash(bytes >>> 8);
                int candidate0 = table.get(hash0);
                int candidate1 = table.get(hash1);
                table.put(hash0, s);
                table.put(hash1, s + 1);
                resumeAt = s + 2;
                if (candidate0 >= start && (int) bytes == load32(source, candidate0)) {
                    matchStart = s;
                    candidate = candidate0;
                    break;
                }
                int hash2 = hash(bytes >>> 16);
                int candidate2 = table.get(hash2);
                table.put(hash2, s + 2);
                resumeAt = s + 3;
                if (candidate1 >= start && (int) (bytes >>> 8) == load32(source, candidate1)) {
                    matchStart = s + 1;
                    candidate = candidate1;
                    break;
                }
                if (candidate2 >= start && (int) (bytes >>> 16) == load32(source, candidate2)) {
                    matchStart = s + 2;
                    candidate = candidate2;
                    break;
                }
                s += STEP + ((s - nextEmit) >>> SKIP_SHIFT);
                if (s > searchLimit) {
                    break search;
                }
                bytes = load64(source, s);
            }
            while (matchStart > nextEmit && candidate > start && source[matchStart - 1] == source[candidate - 1]) {
                matchStart--;
                candidate--;
            }
            // One copy after another while the position behind the last one matches again.
            while (true) {
                int offset = matchStart - candidate;
                int matchEnd = matchStart + 4 + MatchFinder.matchLength(source, matchStart + 4, candidate + 4, end);
                if (offset >= 65536 && offset != out.lastOffset() && matchEnd - matchStart < 8) {
                    // A distant short match costs more (copy4) than it saves.
                    s = resumeAt;
                    break;
                }
                if (!out.fits(matchStart - nextEmit)) {
                    return false;
                }
                out.literal(source, nextEmit, matchStart - nextEmit);
                out.copy(offset, matchEnd - matchStart);
                nextEmit = matchEnd;
                s = matchEnd;
                if (s >= searchLimit) {
                    break search;
                }
                // Index the end of the match, where the next message's repeated parts often
                // start, and try the position right behind it.
                long tail = load64(source, s - 2);
                int tailHash = hash(tail);
                int nextHash = hash(tail >>> 16);
                int next = table.get(nextHash);
                table.put(tailHash, s - 2);
                table.put(nextHash, s);
                if (next < start || (int) (tail >>> 16) != load32(source, next)) {
                    s++;
                    break;
                }
                matchStart = s;
                candidate = next;
                resumeAt = s + 1;
            }
            if (s > searchLimit) {
                break;
            }
            bytes = load64(source, s);
        }
        if (!out.fits(end - nextEmit)) {
            return false;
        }
        out.literal(source, nextEmit, end - nextEmit);
        return true;
    }

    private static int hash(long bytes) {
        return MatchFinder.hash(bytes, HASH_BYTES, TABLE_BITS);
    }
}
