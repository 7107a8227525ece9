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

    /** The words in order: their spellings joined by single spaces, confidence their mean ({@link #empty} if none). */
    public static Transcript of(List<Word> words) {
        if (words.isEmpty()) {
            return empty();
        }
        StringBuilder text = new StringBuilder();
        double confidence = 0;
        for (Word w : words) {
            text.append(text.length() == 0 ? "" : " ").append(w.word());
            confidence += w.confidence();
        }
        return new Transcript(text.toString(), words, confidence / words.size());
    }

    /**
     * Ends a word being spelt: adds {@code spelling} to {@code words} as spanning output frames {@code first} to
     * {@code last} (inclusive) of {@code frameSec} each, with the mean of {@code probCount} character posteriors
     * summing to {@code probSum} as its confidence, then clears {@code spelling}. Nothing happens when it is empty.
     */
    static void addWord(List<Word> words, StringBuilder spelling, int first, int last, double frameSec,
            double probSum, int probCount) {
        if (spelling.length() == 0) {
            return;
        }
        words.add(new Word(spelling.toString(), first * frameSec, (last + 1) * frameSec,
                probCount == 0 ? 0 : probSum / probCount));
        spelling.setLength(0);
    }

    /** How many characters its words spell (spaces not counted). */
    public int characters() {
        int n = 0;
        for (Word w : words) {
            n += w.word().length();
        }
        return n;
    }

    /**
     * The words' confidences weighted by their length: about the mean posterior of the emitted characters, what
     * {@link dev.verbatim.SpeakerWarp} and a {@linkplain DecoderConfig#confidentAbove confidence-dependent language
     * model weight} go by; 0 when nothing was emitted.
     */
    public double characterConfidence() {
        double weighted = 0;
        for (Word w : words) {
            weighted += w.confidence() * w.word().length();
        }
        int n = characters();
        return n == 0 ? 0 : weighted / n;
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
