package io.jnatsd.compress;

import static io.jnatsd.compress.LittleEndian.load32;
import static io.jnatsd.compress.LittleEndian.load64;

/**
 * The fast level: one table of 6-byte hashes, a check for the previous offset one byte ahead
 * (cheap repeat elements), and a stride that grows while nothing matches so incompressible
 * data is crossed quickly.
 */
final class FastMatchFinder implements MatchFinder {
    private static final int TABLE_BITS = 14;
    private static final int HASH_BYTES = 6;

    private final PositionTable table = new PositionTable(TABLE_BITS);

    @Override
    public boolean encode(byte[] source, int start, int end, ElementWriter out) {
        table.startBlock(start, end - start);
        int searchLimit = end - 8;
        int nextEmit = start;
        int s = start + 1;
        int misses = 0;
        while (s <= searchLimit) {
            long bytes = load64(source, s);
            int repeat = out.lastOffset();
            int matchStart;
            int candidate;
            if (repeat > 0 && s + 1 - repeat >= start && (int) (bytes >>> 8) == load32(source, s + 1 - repeat)) {
                matchStart = s + 1;
                candidate = matchStart - repeat;
            } else {
                int hash = MatchFinder.hash(bytes, HASH_BYTES, TABLE_BITS);
                candidate = table.get(hash);
                table.put(hash, s);
                if (candidate < 0 || (int) bytes != load32(source, candidate)) {
                    s += 1 + (misses++ >>> 5);
                    continue;
                }
                matchStart = s;
            }
            while (matchStart > nextEmit && candidate > start && source[matchStart - 1] == source[candidate - 1]) {
                matchStart--;
                candidate--;
            }
            int offset = matchStart - candidate;
            int matchEnd = matchStart + 4 + MatchFinder.matchLength(source, matchStart + 4, candidate + 4, end);
            if (offset >= 65536 && offset != repeat && matchEnd - matchStart < 8) {
                s++;
                continue;
            }
            if (!out.fits(matchStart - nextEmit)) {
                return false;
            }
            out.literal(source, nextEmit, matchStart - nextEmit);
            out.copy(offset, matchEnd - matchStart);
            nextEmit = matchEnd;
            s = matchEnd;
            misses = 0;
            if (s - 2 <= searchLimit) {
                table.put(MatchFinder.hash(load64(source, s - 2), HASH_BYTES, TABLE_BITS), s - 2);
            }
        }
        if (!out.fits(end - nextEmit)) {
            return false;
        }
        out.literal(source, nextEmit, end - nextEmit);
        return true;
    }
}
