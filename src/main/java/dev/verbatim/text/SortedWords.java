package dev.verbatim.text;

import java.util.Arrays;

/** Prefix queries on a sorted array of words (word lists, language-model vocabularies). */
public final class SortedWords {
    private SortedWords() {
    }

    /** Whether some word of {@code sorted} (in {@link Arrays#sort} order) starts with {@code prefix}. */
    public static boolean anyStartsWith(String[] sorted, String prefix) {
        int i = Arrays.binarySearch(sorted, prefix);
        if (i >= 0) {
            return true;
        }
        int next = -i - 1;
        return next < sorted.length && sorted[next].startsWith(prefix);
    }
}
