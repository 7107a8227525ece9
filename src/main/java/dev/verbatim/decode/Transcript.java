package dev.verbatim.decode;

import java.util.List;

/**
 * A decoded utterance: its text and its words with times (seconds from the start of the audio) and confidences.
 *
 * @param text       the words joined by single spaces
 * @param words      the words in order
 * @param confidence the mean per-word confidence, or 1 for an empty transcript
 */
public record Transcript(String text, List<Word> words, double confidence) {

    public Transcript {
        words = List.copyOf(words);
    }

    public static Transcript empty() {
        return new Transcript("", List.of(), 1.0);
    }

    /** The same transcript with every word time moved by {@code offsetSec} (a piece placed in a longer stream). */
    public Transcript shiftedBy(double offsetSec) {
        if (offsetSec == 0) {
            return this;
        }
        List<Word> shifted = new java.util.ArrayList<>(words.size());
        for (Word w : words) {
            shifted.add(new Word(w.word(), w.startSec() + offsetSec, w.endSec() + offsetSec, w.confidence()));
        }
        return new Transcript(text, shifted, confidence);
    }

    /**
     * One recognised word.
     *
     * @param word       the spelling
     * @param startSec   time of its first character's frame
     * @param endSec     end of its last character's frame
     * @param confidence the mean posterior of its characters' frames, in [0, 1]
     */
    public record Word(String word, double startSec, double endSec, double confidence) {
    }
}
