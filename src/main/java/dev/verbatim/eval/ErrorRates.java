package dev.verbatim.eval;

import dev.verbatim.eval.EditDistance.Counts;
import dev.verbatim.text.TextNormalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Word and character error counts between a reference transcript and a recognizer hypothesis.
 *
 * <p>Both texts first go through {@link TextNormalizer#normalize(String)}, so case, punctuation, numerals and
 * annotations never count as errors, and training and evaluation see the same spelling.
 */
public final class ErrorRates {

    private ErrorRates() {
    }

    /** Word-level counts: the normalised texts split on spaces; an empty text has no words. */
    public static Counts words(String ref, String hyp) {
        return EditDistance.align(words(TextNormalizer.normalize(ref)), words(TextNormalizer.normalize(hyp)));
    }

    /**
     * Character-level counts over the normalised strings, spaces included (the standard CER): a wrongly split or
     * merged word ("every day" / "everyday") then costs one character error rather than none, matching what the
     * character-based acoustic model actually has to emit.
     */
    public static Counts chars(String ref, String hyp) {
        return EditDistance.align(chars(TextNormalizer.normalize(ref)), chars(TextNormalizer.normalize(hyp)));
    }

    static List<String> words(String normalized) {
        return normalized.isEmpty() ? List.of() : Arrays.asList(normalized.split(" "));
    }

    static List<Character> chars(String normalized) {
        List<Character> out = new ArrayList<>(normalized.length());
        for (int i = 0; i < normalized.length(); i++) {
            out.add(normalized.charAt(i));
        }
        return out;
    }
}
