package io.jnatsd.subject;

import java.util.function.Consumer;

/**
 * The literal children of a trie node that has more than one, in an open-addressing table keyed
 * by the child's token. A node is its own table entry, so a child costs one array slot rather
 * than a map entry and a key string; with a million children that is about 8 bytes each instead
 * of about 80. Linear probing with backward-shift deletion, so removal leaves no tombstones, and
 * the table shrinks when children go away, so churn does not leave large empty tables behind.
 */
final class LiteralChildTable {

    private static final int MINIMUM_CAPACITY = 4;

    private SubjectNode[] slots = new SubjectNode[MINIMUM_CAPACITY];
    private int size;

    LiteralChildTable(SubjectNode first, SubjectNode second) {
        add(first);
        add(second);
    }

    int size() {
        return size;
    }

    SubjectNode find(String subject, int tokenStart, int tokenLength, int tokenHash) {
        SubjectNode[] table = slots;
        int mask = table.length - 1;
        for (int i = homeSlot(tokenHash, mask); ; i = (i + 1) & mask) {
            SubjectNode node = table[i];
            if (node == null || node.hasToken(subject, tokenStart, tokenLength, tokenHash)) {
                return node;
            }
        }
    }

    /** Adds a child whose token is not in the table yet. */
    void add(SubjectNode child) {
        if ((size + 1) * 3 > slots.length * 2) {
            resize(slots.length * 2);
        }
        place(slots, child);
        size++;
    }

    void remove(SubjectNode child) {
        int mask = slots.length - 1;
        int hole = homeSlot(child.tokenHash(), mask);
        while (slots[hole] != child) {
            hole = (hole + 1) & mask;
        }
        slots[hole] = null;
        size--;
        closeHole(hole, mask);
        if (slots.length > MINIMUM_CAPACITY && size * 8 < slots.length) {
            resize(Math.max(MINIMUM_CAPACITY, Integer.highestOneBit(Math.max(1, size)) * 4));
        }
    }

    /** The remaining child, once the table is down to one. */
    SubjectNode anyChild() {
        for (SubjectNode node : slots) {
            if (node != null) {
                return node;
            }
        }
        return null;
    }

    void forEach(Consumer<SubjectNode> action) {
        for (SubjectNode node : slots) {
            if (node != null) {
                action.accept(node);
            }
        }
    }

    /** Moves later entries of the probe run back into the hole so lookups never stop early. */
    private void closeHole(int hole, int mask) {
        for (int i = (hole + 1) & mask; slots[i] != null; i = (i + 1) & mask) {
            SubjectNode node = slots[i];
            int home = homeSlot(node.tokenHash(), mask);
            boolean homeBetweenHoleAndHere = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
            if (!homeBetweenHoleAndHere) {
                slots[hole] = node;
                slots[i] = null;
                hole = i;
            }
        }
    }

    private void resize(int capacity) {
        SubjectNode[] bigger = new SubjectNode[capacity];
        for (SubjectNode node : slots) {
            if (node != null) {
                place(bigger, node);
            }
        }
        slots = bigger;
    }

    private static void place(SubjectNode[] table, SubjectNode node) {
        int mask = table.length - 1;
        int i = homeSlot(node.tokenHash(), mask);
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = node;
    }

    /** Tokens are often counters (orders.17, orders.18): mix the hash so they do not form long runs. */
    private static int homeSlot(int tokenHash, int mask) {
        int mixed = tokenHash * 0x9E3779B9;
        return (mixed ^ (mixed >>> 16)) & mask;
    }
}
