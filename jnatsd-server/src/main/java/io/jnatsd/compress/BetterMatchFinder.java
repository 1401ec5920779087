package io.jnatsd.compress;

import static io.jnatsd.compress.LittleEndian.load32;
import static io.jnatsd.compress.LittleEndian.load64;

/**
 * The better level: a table of 7-byte hashes finds long (often distant) matches, a table of
 * 4-byte hashes finds short near ones. The reference "better" level works this way, and so
 * does this one in what decides its speed:
 * <ul>
 *   <li>A candidate is judged by comparing 8 bytes, then 4, never by measuring its full length:
 *   the long candidate when its 8 bytes agree, else the short one when its 8 bytes agree, else
 *   the long one when 4 agree; a short 4-byte match first tries the long table one byte on.
 *   Only the chosen match is extended.</li>
 *   <li>After a match, its first and last positions go into both tables and every
 *   {@value #INSIDE_STRIDE}th position in between into the long table only. Indexing every
 *   other position cost a fifth of the level's time and bought nothing on route traffic (the
 *   bench's JSON documents: 4.707 against 4.702 in 64 KiB blocks; source text 3.39 against
 *   3.33): what lies inside a match was seen before it, and is indexed where it was seen.</li>
 *   <li>Without matches the step grows by one byte per 128 bytes of literals.</li>
 * </ul>
 * A copy at the previous offset goes out as a repeat element (the writer sees to that), but no
 * position is probed for a repeat: on route traffic the probe costs more than it finds.
 */
final class BetterMatchFinder implements MatchFinder {
    /**
     * 256 KiB of slots: at 512 KiB (2^17) the table's random accesses missed the L2 cache, and
     * the level ran 3-8 % slower at route flushes of 16 KiB to 512 KiB for no ratio (route JSON
     * 4.702 against 4.699 in 64 KiB blocks, source text 3.244 against 3.249 in 512 KiB).
     */
    private static final int LONG_BITS = 16;
    private static final int LONG_BYTES = 7;
    private static final int SHORT_BITS = 14;
    private static final int SHORT_BYTES = 4;
    /** A copy this short at a distance beyond 64 KiB costs as much as the literal it replaces. */
    private static final int MIN_DISTANT_LENGTH = 6;
    /** Every this many positions inside a match go into the long table. */
    private static final int INSIDE_STRIDE = 8;

    private final PositionTable longTable = new PositionTable(LONG_BITS);
    private final PositionTable shortTable = new PositionTable(SHORT_BITS);
    private int matchStart;
    private int candidate;
    /** Where the search goes on when the match found is rejected. */
    private int resumeAt;

    @Override
    public boolean encode(byte[] source, int start, int end, ElementWriter out) {
        longTable.startBlock(start, end - start);
        shortTable.startBlock(start, end - start);
        int searchLimit = end - 8;
        int nextEmit = start;
        int s = start + 1;
        while (s <= searchLimit) {
            if (!find(source, s, start, nextEmit, searchLimit)) {
                break;
            }
            while (matchStart > nextEmit && candidate > start && source[matchStart - 1] == source[candidate - 1]) {
                matchStart--;
                candidate--;
            }
            int offset = matchStart - candidate;
            int matchEnd = matchStart + 4 + MatchFinder.matchLength(source, matchStart + 4, candidate + 4, end);
            if (offset >= 65536 && matchEnd - matchStart < MIN_DISTANT_LENGTH && offset != out.lastOffset()) {
                s = resumeAt;
                continue;
            }
            if (!out.fits(matchStart - nextEmit)) {
                return false;
            }
            out.literal(source, nextEmit, matchStart - nextEmit);
            out.copy(offset, matchEnd - matchStart);
            indexMatch(source, matchStart, matchEnd, searchLimit);
            nextEmit = matchEnd;
            s = matchEnd;
        }
        if (!out.fits(end - nextEmit)) {
            return false;
        }
        out.literal(source, nextEmit, end - nextEmit);
        return true;
    }

    /**
     * Searches from {@code s} for a match of at least 4 bytes; leaves it in {@link #matchStart}
     * and {@link #candidate} and returns true, or returns false at the end of the searchable input.
     */
    private boolean find(byte[] source, int s, int start, int nextEmit, int searchLimit) {
        while (true) {
            int next = s + 1 + ((s - nextEmit) >>> 7);
            if (next > searchLimit) {
                return false;
            }
            resumeAt = next + 1;
            long bytes = load64(source, s);
            int longHash = MatchFinder.hash(bytes, LONG_BYTES, LONG_BITS);
            int shortHash = MatchFinder.hash(bytes, SHORT_BYTES, SHORT_BITS);
            int longCandidate = longTable.get(longHash);
            int shortCandidate = shortTable.get(shortHash);
            longTable.put(longHash, s);
            shortTable.put(shortHash, s);
            long longBytes = longCandidate < start ? ~bytes : load64(source, longCandidate);
            long shortBytes = shortCandidate < start ? ~bytes : load64(source, shortCandidate);
            if (longBytes == bytes) {
                return found(s, longCandidate);
            }
            if (shortBytes == bytes) {
                return found(s, shortCandidate);
            }
            if ((int) longBytes == (int) bytes) {
                return found(s, longCandidate);
            }
            if ((int) shortBytes == (int) bytes) {
                int nextHash = MatchFinder.hash(bytes >>> 8, LONG_BYTES, LONG_BITS);
                int nextCandidate = longTable.get(nextHash);
                longTable.put(nextHash, s + 1);
                if (nextCandidate >= start && load32(source, nextCandidate) == (int) (bytes >>> 8)) {
                    return found(s + 1, nextCandidate);
                }
                return found(s, shortCandidate);
            }
            s = next;
        }
    }

    private boolean found(int at, int from) {
        matchStart = at;
        candidate = from;
        return true;
    }

    /** Indexes both ends of a match in both tables and its inside, sparsely, in the long table. */
    private void indexMatch(byte[] source, int matchStart, int matchEnd, int searchLimit) {
        int first = matchStart + 1;
        int last = matchEnd - 2;
        if (last > searchLimit || first >= last) {
            return;
        }
        long firstBytes = load64(source, first);
        long lastBytes = load64(source, last);
        longTable.put(MatchFinder.hash(firstBytes, LONG_BYTES, LONG_BITS), first);
        shortTable.put(MatchFinder.hash(firstBytes >>> 8, SHORT_BYTES, SHORT_BITS), first + 1);
        longTable.put(MatchFinder.hash(lastBytes, LONG_BYTES, LONG_BITS), last);
        shortTable.put(MatchFinder.hash(lastBytes >>> 8, SHORT_BYTES, SHORT_BITS), last + 1);
        for (int p = first + 1; p < last - 1; p += INSIDE_STRIDE) {
            longTable.put(MatchFinder.hash(load64(source, p), LONG_BYTES, LONG_BITS), p);
        }
    }
}
