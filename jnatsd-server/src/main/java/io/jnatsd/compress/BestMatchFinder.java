package io.jnatsd.compress;

import static io.jnatsd.compress.LittleEndian.load32;
import static io.jnatsd.compress.LittleEndian.load64;

/**
 * The best level: every position is indexed in hash chains of 4-byte hashes over a 64 KiB
 * window (where copies cost 2-3 bytes), plus a table of 8-byte hashes for distant matches.
 * Candidates are ranked by bytes saved under the element cost model, including the cheap
 * repeat of the last offset, and a match is deferred by one byte when the next position saves
 * more (lazy matching).
 */
final class BestMatchFinder implements MatchFinder {
    private static final int CHAIN_BITS = 16;
    private static final int WINDOW = 1 << 16;
    private static final int CHAIN_DEPTH = 16;
    /** A match this long ends the chain walk: longer searches rarely pay for themselves. */
    private static final int GOOD_ENOUGH_LENGTH = 64;
    private static final int LONG_BITS = 18;
    private static final int LONG_BYTES = 8;

    private final PositionTable chainHeads = new PositionTable(CHAIN_BITS);
    private final PositionTable longTable = new PositionTable(LONG_BITS);
    private final int[] previous = new int[WINDOW];
    private int blockStart;
    private int blockEnd;
    private int indexed;
    private int foundOffset;
    private int foundLength;

    @Override
    public boolean encode(byte[] source, int start, int end, ElementWriter out) {
        chainHeads.startBlock(start, end - start);
        longTable.startBlock(start, end - start);
        blockStart = start;
        blockEnd = end;
        indexed = start;
        int searchLimit = end - 8;
        int nextEmit = start;
        int s = start + 1;
        while (s <= searchLimit) {
            int saving = search(source, s, out);
            if (saving <= 0) {
                s += 1 + ((s - nextEmit) >>> 10);
                continue;
            }
            int offset = foundOffset;
            int length = foundLength;
            while (s + 1 <= searchLimit && search(source, s + 1, out) > saving + 1) {
                s++;
                saving = foundLength - out.copyCost(foundOffset, foundLength);
                offset = foundOffset;
                length = foundLength;
            }
            int candidate = s - offset;
            while (s > nextEmit && candidate > start && source[s - 1] == source[candidate - 1]) {
                s--;
                candidate--;
                length++;
            }
            if (!out.fits(s - nextEmit)) {
                return false;
            }
            out.literal(source, nextEmit, s - nextEmit);
            out.copy(offset, length);
            s += length;
            nextEmit = s;
        }
        if (!out.fits(end - nextEmit)) {
            return false;
        }
        out.literal(source, nextEmit, end - nextEmit);
        return true;
    }

    /**
     * Indexes positions up to {@code s} and finds the match at {@code s} that saves the most
     * bytes; leaves it in {@link #foundOffset}/{@link #foundLength} and returns the saving.
     */
    private int search(byte[] source, int s, ElementWriter out) {
        indexUpTo(source, s);
        int bestSaving = 0;
        foundLength = 0;
        int repeat = out.lastOffset();
        if (repeat > 0 && s - repeat >= blockStart) {
            bestSaving = consider(source, s, s - repeat, bestSaving, out);
        }
        bestSaving = consider(source, s, longTable.get(MatchFinder.hash(load64(source, s), LONG_BYTES, LONG_BITS)),
                bestSaving, out);
        int candidate = chainHeads.get(MatchFinder.hash(load64(source, s), 4, CHAIN_BITS));
        for (int depth = 0; depth < CHAIN_DEPTH && candidate >= blockStart && s - candidate < WINDOW
                && foundLength < GOOD_ENOUGH_LENGTH; depth++) {
            bestSaving = consider(source, s, candidate, bestSaving, out);
            int next = previous[candidate & (WINDOW - 1)];
            if (next >= candidate || next < blockStart) {
                break;
            }
            candidate = next;
        }
        return bestSaving;
    }

    private int consider(byte[] source, int s, int candidate, int bestSaving, ElementWriter out) {
        if (candidate < blockStart || candidate >= s || load32(source, s) != load32(source, candidate)) {
            return bestSaving;
        }
        int length = 4 + MatchFinder.matchLength(source, s + 4, candidate + 4, blockEnd);
        if (length <= foundLength && s - candidate >= foundOffset) {
            return bestSaving;
        }
        int saving = length - out.copyCost(s - candidate, length);
        if (saving > bestSaving) {
            foundOffset = s - candidate;
            foundLength = length;
            return saving;
        }
        return bestSaving;
    }

    /** Adds every position before {@code s} to the chains and the long table, in order. */
    private void indexUpTo(byte[] source, int s) {
        int last = Math.min(s - 1, blockEnd - 8);
        for (int p = indexed; p <= last; p++) {
            long bytes = load64(source, p);
            int hash = MatchFinder.hash(bytes, 4, CHAIN_BITS);
            int head = chainHeads.get(hash);
            previous[p & (WINDOW - 1)] = head;
            chainHeads.put(hash, p);
            longTable.put(MatchFinder.hash(bytes, LONG_BYTES, LONG_BITS), p);
        }
        indexed = Math.max(indexed, last + 1);
    }
}
