package dev.verbatim.lm;

import java.util.Arrays;

/**
 * A map from long keys to float values with open addressing (linear probing): n-gram tables hold millions of
 * entries, and boxed {@code HashMap<Long, Float>} entries cost several times the memory.
 */
final class LongFloatMap {
    // No key is all ones: word ids are below 0xFFFF (see NgramModel.MAX_WORDS).
    private static final long EMPTY = -1L;

    private long[] keys;
    private float[] values;
    private int size;

    LongFloatMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new float[capacity];
        Arrays.fill(keys, EMPTY);
    }

    int size() {
        return size;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & (keys.length - 1);
    }

    void put(long key, float value) {
        if (key == EMPTY) {
            throw new IllegalArgumentException("reserved key");
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int i = slot(key);
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & (keys.length - 1);
        }
        if (keys[i] == EMPTY) {
            keys[i] = key;
            size++;
        }
        values[i] = value;
    }

    boolean containsKey(long key) {
        return find(key) >= 0;
    }

    /** The value of {@code key}, or {@code missing}. */
    float get(long key, float missing) {
        int i = find(key);
        return i < 0 ? missing : values[i];
    }

    private int find(long key) {
        int i = slot(key);
        while (keys[i] != EMPTY) {
            if (keys[i] == key) {
                return i;
            }
            i = (i + 1) & (keys.length - 1);
        }
        return -1;
    }

    private void grow() {
        long[] oldKeys = keys;
        float[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new float[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    /** Calls {@code visitor} for every entry (in no particular order). */
    void forEach(Visitor visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                visitor.visit(keys[i], values[i]);
            }
        }
    }

    interface Visitor {
        void visit(long key, float value);
    }
}
