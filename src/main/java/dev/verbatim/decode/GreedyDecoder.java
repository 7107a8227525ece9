package dev.verbatim.decode;

import dev.verbatim.text.Vocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * Best-path CTC decoding: take the most likely symbol in every frame, collapse repeats, drop blanks.
 *
 * <p>Word times come from the frames where each word's characters were emitted; a word's confidence is the mean
 * posterior probability of those frames.
 */
public final class GreedyDecoder {
    private final Vocabulary vocabulary;
    private final double frameSec;

    /**
     * @param vocabulary the model's output symbols (blank at index 0)
     * @param frameSec   duration of one output frame (feature hop times the model's time stride)
     */
    public GreedyDecoder(Vocabulary vocabulary, double frameSec) {
        this.vocabulary = vocabulary;
        this.frameSec = frameSec;
    }

    /** The symbol ids of the best path after collapsing repeats and dropping blanks. */
    public int[] bestPath(float[][] logProbs) {
        List<Integer> ids = new ArrayList<>();
        int previous = -1;
        for (float[] frame : logProbs) {
            int best = argmax(frame);
            if (best != previous && best != vocabulary.blankId()) {
                ids.add(best);
            }
            previous = best;
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Decodes {@code [frames][vocabulary]} log-probabilities into a transcript with word times. */
    public Transcript decode(float[][] logProbs) {
        int space = vocabulary.id(' ');
        List<Transcript.Word> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int wordStart = -1;
        int wordEnd = -1;
        double probSum = 0;
        int probCount = 0;
        int previous = -1;
        for (int t = 0; t < logProbs.length; t++) {
            int best = argmax(logProbs[t]);
            boolean emitted = best != previous && best != vocabulary.blankId();
            previous = best;
            if (best != vocabulary.blankId() && best != space && !emitted && wordStart >= 0) {
                // A repeated frame of the same character still belongs to the word.
                wordEnd = t;
                probSum += Math.exp(logProbs[t][best]);
                probCount++;
            }
            if (!emitted) {
                continue;
            }
            if (best == space) {
                Transcript.addWord(words, word, wordStart, wordEnd, frameSec, probSum, probCount);
                wordStart = -1;
                probSum = 0;
                probCount = 0;
                continue;
            }
            if (wordStart < 0) {
                wordStart = t;
            }
            wordEnd = t;
            word.append(vocabulary.symbol(best));
            probSum += Math.exp(logProbs[t][best]);
            probCount++;
        }
        Transcript.addWord(words, word, wordStart, wordEnd, frameSec, probSum, probCount);
        return Transcript.of(words);
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
