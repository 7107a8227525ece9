package dev.verbatim.eval;

import dev.verbatim.eval.EditDistance.Counts;
import dev.verbatim.text.TextNormalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Accumulates scored utterances and reports corpus-level word and character error rates.
 *
 * <p>Rates are corpus-level: total errors over total reference length, not the mean of per-utterance rates, so a
 * two-word prompt with one error does not weigh as much as a forty-word sentence with one error. With an empty
 * total reference the rate is errors / 1, as in {@link Counts#rate()}.
 *
 * <p>Not thread-safe: add from one thread, or synchronise externally.
 */
public final class EvalReport {

    /**
     * One scored utterance.
     *
     * @param id    caller's name for it (usually the audio path)
     * @param ref   the normalised reference, as scored
     * @param hyp   the normalised hypothesis, as scored
     * @param words word-level counts
     * @param chars character-level counts (spaces included)
     */
    public record Entry(String id, String ref, String hyp, Counts words, Counts chars) {

        /** This utterance's word error rate. */
        public double wer() {
            return words.rate();
        }

        /** This utterance's character error rate. */
        public double cer() {
            return chars.rate();
        }
    }

    /**
     * Corpus-level totals, for printing as JSON.
     *
     * @param utterances number of utterances added
     * @param wer        total word errors / total reference words
     * @param cer        total character errors / total reference characters
     * @param words      summed word-level counts
     * @param chars      summed character-level counts
     */
    public record Summary(int utterances, double wer, double cer, Counts words, Counts chars) {
    }

    /** Highest WER first, then highest CER; the stable sort keeps insertion order among equals. */
    private static final Comparator<Entry> WORST_FIRST =
            Comparator.comparingDouble(Entry::wer).thenComparingDouble(Entry::cer).reversed();

    private final List<Entry> entries = new ArrayList<>();
    private Counts words = Counts.ZERO;
    private Counts chars = Counts.ZERO;

    /** An empty report. */
    public EvalReport() {
    }

    /**
     * Scores one utterance. Both texts are normalised with {@link TextNormalizer#normalize(String)} first.
     *
     * @return the scored entry
     */
    public Entry add(String id, String ref, String hyp) {
        Objects.requireNonNull(id, "id");
        String r = TextNormalizer.normalize(ref);
        String h = TextNormalizer.normalize(hyp);
        Entry e = new Entry(id, r, h,
                EditDistance.align(ErrorRates.words(r), ErrorRates.words(h)),
                EditDistance.align(ErrorRates.chars(r), ErrorRates.chars(h)));
        entries.add(e);
        words = words.plus(e.words());
        chars = chars.plus(e.chars());
        return e;
    }

    /** Number of utterances added. */
    public int count() {
        return entries.size();
    }

    /** Corpus-level word error rate as a fraction (0.123 = 12.3 %); 0 for an empty report. */
    public double wer() {
        return words.rate();
    }

    /** Corpus-level character error rate as a fraction; 0 for an empty report. */
    public double cer() {
        return chars.rate();
    }

    /** Summed word-level counts. */
    public Counts wordCounts() {
        return words;
    }

    /** Summed character-level counts. */
    public Counts charCounts() {
        return chars;
    }

    /** All entries in the order they were added. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * The {@code n} worst utterances: highest per-utterance WER first, then highest CER, ties in the order added.
     * Utterances without any error are left out, so the list can be shorter than {@code n}.
     */
    public List<Entry> worst(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        return entries.stream()
                .filter(e -> e.words().errors() > 0 || e.chars().errors() > 0)
                .sorted(WORST_FIRST)
                .limit(n)
                .toList();
    }

    /** Corpus-level totals. */
    public Summary summary() {
        return new Summary(count(), wer(), cer(), words, chars);
    }

    /**
     * A JSON-ready view (plain maps, lists and numbers; key order fixed) with the totals and the
     * {@code worstN} worst utterances: {@code utterances, wer, cer, words{ref,sub,del,ins,errors},
     * chars{...}, worst[{id, wer, cer, ref, hyp}]}. Rates are fractions.
     */
    public Map<String, Object> toJson(int worstN) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("utterances", count());
        out.put("wer", wer());
        out.put("cer", cer());
        out.put("words", countsJson(words));
        out.put("chars", countsJson(chars));
        List<Map<String, Object>> worst = new ArrayList<>();
        for (Entry e : worst(worstN)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("wer", e.wer());
            m.put("cer", e.cer());
            m.put("ref", e.ref());
            m.put("hyp", e.hyp());
            worst.add(m);
        }
        out.put("worst", worst);
        return out;
    }

    private static Map<String, Object> countsJson(Counts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ref", c.refLength());
        m.put("sub", c.substitutions());
        m.put("del", c.deletions());
        m.put("ins", c.insertions());
        m.put("errors", c.errors());
        return m;
    }

    /**
     * A human-readable report, ending with a newline:
     * <pre>
     * utterances: 27   WER: 12.3 %  (words 410, sub 30 del 12 ins 8)   CER: 5.1 %  (chars 2051, sub 60 del 31 ins 14)
     * worst:
     *   WER 66.7 %  CER 8.3 %  LJ001-0045.wav
     *     ref: fourteen sixty nine fourteen seventy
     *     hyp: fourteen sixty nine forty seventy
     * </pre>
     * The "worst" section lists up to {@code worstN} utterances with errors and is omitted when there are none.
     */
    public String format(int worstN) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "utterances: %d   WER: %s  (words %d, sub %d del %d ins %d)   "
                        + "CER: %s  (chars %d, sub %d del %d ins %d)%n",
                count(), percent(wer()), words.refLength(), words.substitutions(), words.deletions(),
                words.insertions(), percent(cer()), chars.refLength(), chars.substitutions(), chars.deletions(),
                chars.insertions()));
        List<Entry> worst = worst(worstN);
        if (!worst.isEmpty()) {
            sb.append("worst:").append(System.lineSeparator());
            for (Entry e : worst) {
                sb.append(String.format(Locale.ROOT, "  WER %s  CER %s  %s%n    ref: %s%n    hyp: %s%n",
                        percent(e.wer()), percent(e.cer()), e.id(), e.ref(), e.hyp()));
            }
        }
        return sb.toString();
    }

    /** Column names of {@link #perUtteranceTsv()}. */
    public static final String TSV_HEADER = "id\tref\thyp\tword_errors\tref_words\tchar_errors\tref_chars";

    /**
     * One line per utterance in the order added, after a {@link #TSV_HEADER} line: id, normalised reference and
     * hypothesis, word errors and reference words, character errors and reference characters. Summing the error and
     * length columns over any group of lines (a voice, a speaker) gives that group's corpus-level WER and CER.
     */
    public String perUtteranceTsv() {
        StringBuilder sb = new StringBuilder(TSV_HEADER).append('\n');
        for (Entry e : entries) {
            sb.append(e.id().replace('\t', ' ').replace('\n', ' ')).append('\t').append(e.ref()).append('\t')
                    .append(e.hyp()).append('\t').append(e.words().errors()).append('\t')
                    .append(e.words().refLength()).append('\t').append(e.chars().errors()).append('\t')
                    .append(e.chars().refLength()).append('\n');
        }
        return sb.toString();
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "EvalReport[%d utterances, WER %s, CER %s]", count(), percent(wer()),
                percent(cer()));
    }
}
