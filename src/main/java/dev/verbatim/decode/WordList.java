package dev.verbatim.decode;

import dev.verbatim.text.SortedWords;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * A fixed set of words with prefix queries: the restricted vocabulary of a grammar-style decoder ("zero" .. "nine",
 * commands), as Vosk's word lists are.
 */
public final class WordList {
    private final String[] sorted;

    public WordList(Collection<String> words) {
        this.sorted = words.stream().map(w -> w.trim().toLowerCase(Locale.ROOT)).filter(w -> !w.isEmpty())
                .distinct().sorted().toArray(String[]::new);
        if (sorted.length == 0) {
            throw new IllegalArgumentException("the word list is empty");
        }
    }

    public boolean contains(String word) {
        return Arrays.binarySearch(sorted, word) >= 0;
    }

    /** Whether some word starts with {@code prefix}. */
    public boolean isPrefix(String prefix) {
        return SortedWords.anyStartsWith(sorted, prefix);
    }

    public int size() {
        return sorted.length;
    }
}
