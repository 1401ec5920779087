package io.jnatsd.compress;

import java.util.Arrays;

/**
 * A hash table from hashed input bytes to the last position they were seen in the current block.
 *
 * <p>Entries are stored relative to a base that moves past every block, so entries from earlier
 * blocks read as positions before the block without clearing the table: nats flushes many
 * small blocks, and clearing a 64 KiB table for each would cost more than compressing them.
 */
final class PositionTable {
    private final int[] slots;
    private int base = 1;
    private int span;
    /** Added to a stored value to give the position: blockStart - base. */
    private int shift;

    PositionTable(int bits) {
        slots = new int[1 << bits];
    }

    void startBlock(int start, int length) {
        long next = (long) base + span + 1;
        if (next + length >= Integer.MAX_VALUE) {
            Arrays.fill(slots, 0);
            next = 1;
        }
        base = (int) next;
        span = length;
        shift = start - base;
    }

    /**
     * The remembered position; a slot not written in this block gives a position before the
     * block's start, so one comparison with the start tells a candidate from nothing.
     */
    int get(int hash) {
        return slots[hash] + shift;
    }

    void put(int hash, int position) {
        slots[hash] = position - shift;
    }
}
