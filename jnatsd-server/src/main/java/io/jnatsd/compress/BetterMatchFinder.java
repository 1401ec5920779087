package io.jnatsd.compress;

import static io.jnatsd.compress.LittleEndian.load32;
import static io.jnatsd.compress.LittleEndian.load64;

/**
 * The better level: a table of 7-byte hashes finds long (often distant) matches, a table of
 * 4-byte hashes finds short near ones; the one worth more bytes wins. Positions inside each
 * match are indexed too, and the stride grows more slowly than at the fast level.
 */
final class BetterMatchFinder implements MatchFinder {
    private static final int LONG_BITS = 17;
    private static final int LONG_BYTES = 7;
    private static final int SHORT_BITS = 14;
    private static final int SHORT_BYTES = 4;

    private final PositionTable longTable = new PositionTable(LONG_BITS);
    private final PositionTable shortTable = new PositionTable(SHORT_BITS);

    @Override
    public boolean encode(byte[] source, int start, int end, ElementWriter out) {
        longTable.startBlock(start, end - start);
        shortTable.startBlock(start, end - start);
        int searchLimit = end - 8;
        int nextEmit = start;
        int s = start + 1;
        int misses = 0;
        while (s <= searchLimit) {
            long bytes = load64(source, s);
            int repeat = out.lastOffset();
            int matchStart = s;
            int candidate;
            if (repeat > 0 && s + 1 - repeat >= start && (int) (bytes >>> 8) == load32(source, s + 1 - repeat)) {
                matchStart = s + 1;
                candidate = matchStart - repeat;
            } else {
                candidate = bestCandidate(source, s, end, bytes, out);
                if (candidate < 0) {
                    s += 1 + (misses++ >>> 7);
                    continue;
                }
            }
            while (matchStart > nextEmit && candidate > start && source[matchStart - 1] == source[candidate - 1]) {
                matchStart--;
                candidate--;
            }
            int matchEnd = matchStart + 4 + MatchFinder.matchLength(source, matchStart + 4, candidate + 4, end);
            if (!out.fits(matchStart - nextEmit)) {
                return false;
            }
            out.literal(source, nextEmit, matchStart - nextEmit);
            out.copy(matchStart - candidate, matchEnd - matchStart);
            indexMatch(source, matchStart, matchEnd, searchLimit);
            nextEmit = matchEnd;
            s = matchEnd;
            misses = 0;
        }
        if (!out.fits(end - nextEmit)) {
            return false;
        }
        out.literal(source, nextEmit, end - nextEmit);
        return true;
    }

    /** The candidate of the two tables that saves more bytes at {@code s}, or -1. */
    private int bestCandidate(byte[] source, int s, int end, long bytes, ElementWriter out) {
        int longHash = MatchFinder.hash(bytes, LONG_BYTES, LONG_BITS);
        int shortHash = MatchFinder.hash(bytes, SHORT_BYTES, SHORT_BITS);
        int longCandidate = longTable.get(longHash);
        int shortCandidate = shortTable.get(shortHash);
        longTable.put(longHash, s);
        shortTable.put(shortHash, s);
        int longSaving = saving(source, s, longCandidate, end, out);
        if (longSaving >= 8) {
            return longCandidate;
        }
        int shortSaving = saving(source, s, shortCandidate, end, out);
        if (longSaving <= 0 && shortSaving <= 0) {
            return -1;
        }
        return longSaving >= shortSaving ? longCandidate : shortCandidate;
    }

    private static int saving(byte[] source, int s, int candidate, int end, ElementWriter out) {
        if (candidate < 0 || load32(source, s) != load32(source, candidate)) {
            return 0;
        }
        int length = 4 + MatchFinder.matchLength(source, s + 4, candidate + 4, end);
        return length - out.copyCost(s - candidate, length);
    }

    /** Indexes the start and end of a match densely and its middle every other byte. */
    private void indexMatch(byte[] source, int matchStart, int matchEnd, int searchLimit) {
        int last = Math.min(matchEnd - 1, searchLimit);
        for (int p = matchStart + 1; p <= last; p += 2) {
            long bytes = load64(source, p);
            longTable.put(MatchFinder.hash(bytes, LONG_BYTES, LONG_BITS), p);
            if (p == matchStart + 1 || p >= last - 1) {
                shortTable.put(MatchFinder.hash(bytes, SHORT_BYTES, SHORT_BITS), p);
            }
        }
        if (matchEnd - 1 <= searchLimit) {
            long bytes = load64(source, matchEnd - 1);
            shortTable.put(MatchFinder.hash(bytes, SHORT_BYTES, SHORT_BITS), matchEnd - 1);
        }
    }
}
