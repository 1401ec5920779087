package io.jnatsd.subject;

import java.util.Arrays;

/**
 * A growable array of interests with removal by identity. Starts with room for one, because most
 * subjects (inboxes, per-entity subjects) have a single interest and the index may hold millions.
 * Order is not kept: removal moves the last element into the hole.
 */
class InterestList {

    private Interest[] items = new Interest[1];
    private int size;

    final int size() {
        return size;
    }

    final Interest get(int index) {
        return items[index];
    }

    final void add(Interest interest) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = interest;
    }

    final void addAll(InterestList other) {
        int needed = size + other.size;
        if (needed > items.length) {
            items = Arrays.copyOf(items, Math.max(needed, items.length * 2));
        }
        System.arraycopy(other.items, 0, items, size, other.size);
        size = needed;
    }

    /** Removes one occurrence of this instance; gives memory back when the list has shrunk a lot. */
    final boolean remove(Interest interest) {
        for (int i = 0; i < size; i++) {
            if (items[i] == interest) {
                items[i] = items[--size];
                items[size] = null;
                if (items.length >= 16 && size < items.length / 4) {
                    items = Arrays.copyOf(items, items.length / 2);
                }
                return true;
            }
        }
        return false;
    }

    final Object[] toArray() {
        return Arrays.copyOf(items, size, Object[].class);
    }
}
