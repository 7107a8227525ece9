package dev.verbatim.lm;

import java.util.Arrays;

/**
 * Perplexity of a word n-gram model on text, counted as SRILM's {@code ngram -ppl} and KenLM's {@code query} do:
 * every sentence is scored from {@code <s>} and ends with {@code </s>}; words the model lacks are counted as
 * out-of-vocabulary and left out of the sum (they still enter the history, as {@code <unk>}). {@link #perplexity()}
 * divides by the scored words and sentence ends, {@link #perplexityWithoutEnds()} by the scored words only.
 * Add sentences with {@link #add(String[])}; the totals are read at any time.
 */
public final class Perplexity {
    private final NgramModel lm;
    private long sentences;
    private long words;
    private long oov;
    private double log10Prob;

    public Perplexity(NgramModel lm) {
        this.lm = lm;
    }

    /** Scores one normalised sentence (its words in order) and returns its log10 probability. */
    public double add(String[] sentence) {
        int[] history = new int[sentence.length + 2];
        history[0] = lm.bos();
        int n = 1;
        double sum = 0;
        for (String w : sentence) {
            int id = lm.id(w);
            if (lm.contains(w)) {
                sum += lm.log10Prob(Arrays.copyOf(history, n), id);
            } else {
                oov++;
            }
            history[n++] = id;
        }
        sum += lm.log10Prob(Arrays.copyOf(history, n), lm.eos());
        sentences++;
        words += sentence.length;
        log10Prob += sum;
        return sum;
    }

    public long sentences() {
        return sentences;
    }

    public long words() {
        return words;
    }

    public long outOfVocabulary() {
        return oov;
    }

    /** Share of the words the model lacks, 0 to 1. */
    public double oovRate() {
        return words == 0 ? 0 : (double) oov / words;
    }

    /** Sum of log10 probabilities of the scored words and sentence ends. */
    public double log10Prob() {
        return log10Prob;
    }

    /** 10^(-log10 P / (scored words + sentence ends)): SRILM's "ppl". */
    public double perplexity() {
        long n = words - oov + sentences;
        return n == 0 ? Double.NaN : Math.pow(10, -log10Prob / n);
    }

    /** 10^(-log10 P / scored words): SRILM's "ppl1". */
    public double perplexityWithoutEnds() {
        long n = words - oov;
        return n == 0 ? Double.NaN : Math.pow(10, -log10Prob / n);
    }
}
