package io.jnatsd.protocol;

import java.util.Arrays;

/** A reusable list of queue-group names: those an RMSG lists, or those picked for one route by one message. */
public final class QueueNames {
    private String[] names = new String[4];
    private int size;

    public void clear() {
        Arrays.fill(names, 0, size, null);
        size = 0;
    }

    public void add(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return;
            }
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
        }
        names[size++] = name;
    }

    public int size() {
        return size;
    }

    public String get(int i) {
        return names[i];
    }

    public boolean contains(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return true;
            }
        }
        return false;
    }
}
