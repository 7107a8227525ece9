package dev.verbatim.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verbatim.lm.KneserNey;
import dev.verbatim.lm.NgramModel;
import dev.verbatim.text.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BeamSearchDecoderTest {
    private static final Vocabulary V = Vocabulary.english();
    private static final int K = V.size();
    private static final double FRAME = 0.02;
    private static final Map<String, Double> NONE = Map.of();

    /** Log-probabilities with the given probabilities on some symbols and the rest spread thinly. */
    private static float[] frame(Object... symbolAndProb) {
        double[] p = new double[K];
        double used = 0;
        for (int i = 0; i < symbolAndProb.length; i += 2) {
            char c = (Character) symbolAndProb[i];
            int id = c == '_' ? V.blankId() : V.id(c);
            p[id] = (Double) symbolAndProb[i + 1];
            used += p[id];
        }
        double rest = Math.max(1e-9, 1 - used) / K;
        float[] lp = new float[K];
        for (int i = 0; i < K; i++) {
            lp[i] = (float) Math.log(p[i] + rest);
        }
        return lp;
    }

    private static BeamSearchDecoder decoder(int beam, NgramModel lm, WordList words, Map<String, Double> hot,
            double alpha, double beta) {
        return decoder(beam, lm, words, hot, alpha, beta, 0);
    }

    private static BeamSearchDecoder decoder(int beam, NgramModel lm, WordList words, Map<String, Double> hot,
            double alpha, double beta, double oovPenalty) {
        return new BeamSearchDecoder(V, FRAME, new BeamSearchDecoder.Options(beam, 1.0, K, alpha, beta, oovPenalty),
                lm, words, hot);
    }

    /** Sum over every alignment of the frames (symbols limited to those given), the best label sequence. */
    private static String bruteForce(float[][] lp, int[] symbols) {
        Map<String, Double> total = new HashMap<>();
        int t = lp.length;
        int[] idx = new int[t];
        while (true) {
            double logp = 0;
            StringBuilder sb = new StringBuilder();
            int prev = -1;
            for (int i = 0; i < t; i++) {
                int s = symbols[idx[i]];
                logp += lp[i][s];
                if (s != prev && s != V.blankId()) {
                    sb.append(V.symbol(s));
                }
                prev = s;
            }
            total.merge(sb.toString(), Math.exp(logp), Double::sum);
            int k = t - 1;
            while (k >= 0 && ++idx[k] == symbols.length) {
                idx[k] = 0;
                k--;
            }
            if (k < 0) {
                break;
            }
        }
        return total.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
    }

    @Test
    void findsTheMostProbableLabelingWhereBestPathDoesNot() {
        // Blank wins every frame, but the alignments of "a" together outweigh the all-blank path.
        float[][] lp = {frame('_', 0.4, 'a', 0.35, 'b', 0.25), frame('_', 0.4, 'a', 0.35, 'b', 0.25),
            frame('_', 0.4, 'a', 0.35, 'b', 0.25)};
        assertEquals("", new GreedyDecoder(V, FRAME).decode(lp).text());
        String beam = decoder(16, null, null, NONE, 0, 0).decode(lp).text();
        assertEquals(bruteForce(lp, new int[] {V.blankId(), V.id('a'), V.id('b')}), beam);
        assertNotEquals("", beam);
    }

    @Test
    void agreesWithExhaustiveSearchOnRandomSmallCases() {
        Random rng = new Random(7);
        int[] symbols = {V.blankId(), V.id('a'), V.id('b'), V.id(' ')};
        for (int trial = 0; trial < 40; trial++) {
            float[][] lp = new float[6][];
            for (int t = 0; t < lp.length; t++) {
                double b = rng.nextDouble();
                double a = rng.nextDouble();
                double c = rng.nextDouble();
                double s = rng.nextDouble() * 0.3;
                double z = b + a + c + s;
                lp[t] = frame('_', b / z, 'a', a / z, 'b', c / z, ' ', s / z);
            }
            String beam = decoder(64, null, null, NONE, 0, 0).decode(lp).text();
            String exact = bruteForce(lp, symbols).trim().replaceAll(" +", " ");
            // the search forbids leading and double spaces; compare where the exact best has none
            String raw = bruteForce(lp, symbols);
            if (raw.equals(exact)) {
                assertEquals(exact, beam, "trial " + trial);
            }
        }
    }

    @Test
    void beamOneWithoutLanguageModelIsGreedyDecoding() {
        Random rng = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            float[][] lp = new float[50][K];
            for (float[] f : lp) {
                double[] p = new double[K];
                double z = 0;
                for (int i = 0; i < K; i++) {
                    p[i] = Math.pow(rng.nextDouble(), 6);
                    z += p[i];
                }
                for (int i = 0; i < K; i++) {
                    f[i] = (float) Math.log(p[i] / z);
                }
            }
            Transcript greedy = new GreedyDecoder(V, FRAME).decode(lp);
            BeamSearchDecoder one = decoder(1, null, null, NONE, 0, 0);
            assertTrue(one.isBestPath());
            assertEquals(greedy, one.decode(lp));
        }
    }

    private static float[][] spell(String text, double confidence, Map<Integer, float[]> overrides) {
        List<float[]> frames = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            float[] f = overrides.get(i);
            frames.add(f != null ? f : frame(text.charAt(i), confidence));
            frames.add(frame('_', 0.9));
        }
        return frames.toArray(new float[0][]);
    }

    @Test
    void aLanguageModelPrefersTheWordItKnows() {
        // "there" spelt with an uncertain second-to-last letter: 'a' slightly ahead of 'e'
        Map<Integer, float[]> o = Map.of(3, frame('a', 0.5, 'e', 0.45));
        float[][] lp = spell("i went there", 0.95, Map.of(9, frame('a', 0.5, 'e', 0.45)));
        assertEquals("i went thare", decoder(16, null, null, NONE, 0, 0).decode(lp).text());
        List<String[]> text = new ArrayList<>();
        for (String s : new String[] {"i went there", "we went there today", "there it is", "they went home"}) {
            text.add(s.split(" "));
        }
        NgramModel lm = KneserNey.estimate(text, 3, null, null);
        assertEquals("i went there", decoder(16, lm, null, NONE, 0.8, 1.0).decode(lp).text());
        assertTrue(o.size() == 1);
    }

    @Test
    void aPartialWordLeavingTheVocabularyLosesRankBeforeItEnds() {
        // "the cat" with the 'a' slightly behind an 'x': "cx" starts no word the language model knows.
        float[][] lp = spell("the cat", 0.95, Map.of(5, frame('x', 0.5, 'a', 0.45)));
        assertEquals("the cxt", decoder(1, null, null, NONE, 0, 0).decode(lp).text());
        List<String[]> text = new ArrayList<>();
        for (String s : new String[] {"the cat sat", "the cat", "a cat ran", "the dog sat"}) {
            text.add(s.split(" "));
        }
        NgramModel lm = KneserNey.estimate(text, 2, null, null);
        assertTrue(lm.isPrefix("ca") && !lm.isPrefix("cx"));
        // With one prefix kept per frame, only a check on the partial word can save "cat": by the end of the word
        // "cx" has already pushed "ca" out of the beam.
        assertEquals("the cat", decoder(1, lm, null, NONE, 0.8, 1.0).decode(lp).text());
        assertEquals("the cat", decoder(16, lm, null, NONE, 0.8, 1.0).decode(lp).text());
        // A hot word counts as known: its prefixes are not charged early, and the boost can still win.
        assertEquals("the cxt", decoder(1, lm, null, Map.of("cxt", 8.0), 0.8, 1.0).decode(lp).text());
        // The early charge is no double charge: the n-best scores equal those of a search that cannot prune.
        List<BeamSearchDecoder.Hypothesis> wide = decoder(64, lm, null, NONE, 0.8, 1.0).decode(lp, 2);
        assertEquals("the cat", wide.get(0).transcript().text());
        assertEquals("the cxt", wide.get(1).transcript().text());
        double cxtWords = 2 * 1.0 + 0.8 * Math.log(10) * (lm.log10Prob(new int[] {lm.bos()}, lm.id("the"))
                + lm.log10Prob(new int[] {lm.id("the")}, lm.unk())
                + lm.log10Prob(new int[] {lm.unk()}, lm.eos()));
        List<BeamSearchDecoder.Hypothesis> acoustic = decoder(64, null, null, NONE, 0, 0).decode(lp, 2);
        assertEquals("the cxt", acoustic.get(0).transcript().text());
        assertEquals(acoustic.get(0).score() + cxtWords, wide.get(1).score(), 1e-4);
    }

    @Test
    void anOutOfVocabularyPenaltyIsChargedOncePerUnknownWord() {
        // "the cat" heard as a clear "cxt": the language model alone does not outweigh the acoustics
        float[][] lp = spell("the cat", 0.95, Map.of(5, frame('x', 0.9, 'a', 0.02)));
        List<String[]> text = new ArrayList<>();
        for (String s : new String[] {"the cat sat", "the cat", "a cat ran", "the dog sat"}) {
            text.add(s.split(" "));
        }
        NgramModel lm = KneserNey.estimate(text, 2, null, null);
        assertEquals("the cxt", decoder(16, lm, null, NONE, 0.8, 1.0).decode(lp).text());
        assertEquals("the cat", decoder(16, lm, null, NONE, 0.8, 1.0, 6).decode(lp).text());
        // the penalty moves the unknown word's hypothesis by its amount, and the known word's not (up to the little
        // probability that pruning loses when other prefixes fill the beam)
        List<BeamSearchDecoder.Hypothesis> without = decoder(64, lm, null, NONE, 0.8, 1.0).decode(lp, 2);
        List<BeamSearchDecoder.Hypothesis> with = decoder(64, lm, null, NONE, 0.8, 1.0, 6).decode(lp, 2);
        assertEquals("the cat", with.get(0).transcript().text());
        assertEquals("the cxt", with.get(1).transcript().text());
        assertEquals(without.get(1).score(), with.get(0).score(), 0.01);
        assertEquals(without.get(0).score() - 6, with.get(1).score(), 0.01);
        // a hot word is not charged, and nothing is without a language model
        assertEquals("the cxt", decoder(16, lm, null, Map.of("cxt", 0.0), 0.8, 1.0, 6).decode(lp).text());
        assertEquals(decoder(16, null, null, NONE, 0, 0).decode(lp, 1).get(0).score(),
                decoder(16, null, null, NONE, 0, 0, 6).decode(lp, 1).get(0).score(), 0);
    }

    @Test
    void aRestrictedVocabularyNeverEmitsAnotherWord() {
        WordList digits = new WordList(List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
                "eight", "nine"));
        Random rng = new Random(5);
        BeamSearchDecoder d = decoder(16, null, digits, NONE, 0, 0);
        for (int trial = 0; trial < 30; trial++) {
            float[][] lp = new float[40][K];
            for (float[] f : lp) {
                double z = 0;
                double[] p = new double[K];
                for (int i = 0; i < K; i++) {
                    p[i] = Math.pow(rng.nextDouble(), 4);
                    z += p[i];
                }
                for (int i = 0; i < K; i++) {
                    f[i] = (float) Math.log(p[i] / z);
                }
            }
            for (BeamSearchDecoder.Hypothesis h : d.decode(lp, 5)) {
                for (Transcript.Word w : h.transcript().words()) {
                    assertTrue(digits.contains(w.word()), "out-of-list word '" + w.word() + "'");
                }
            }
        }
        // and a clear spelling of a listed word comes through
        assertEquals("two five", d.decode(spell("two five", 0.9, Map.of())).text());
    }

    @Test
    void aHotWordFlipsANearTie() {
        float[][] lp = spell("the cat sat", 0.95, Map.of(5, frame('a', 0.5, 'o', 0.46)));
        assertEquals("the cat sat", decoder(16, null, null, NONE, 0, 0).decode(lp).text());
        assertEquals("the cot sat", decoder(16, null, null, Map.of("cot", 1.0), 0, 0).decode(lp).text());
        // a clear spelling is not overridden by a small boost
        float[][] clear = spell("the cat sat", 0.95, Map.of());
        assertEquals("the cat sat", decoder(16, null, null, Map.of("cot", 1.0), 0, 0).decode(clear).text());
    }

    @Test
    void theNBestListHasNoTwoEqualTexts() {
        // a last frame that may be a space: "the cat" and "the cat " are two prefixes with one text
        float[][] spelt = spell("the cat", 0.9, Map.of());
        float[][] lp = Arrays.copyOf(spelt, spelt.length + 1);
        lp[spelt.length] = frame(' ', 0.45, '_', 0.5);
        List<String[]> text = List.of("the cat".split(" "), "the dog".split(" "));
        NgramModel lm = KneserNey.estimate(text, 2, null, null);
        for (NgramModel m : java.util.Arrays.asList(null, lm)) {
            List<BeamSearchDecoder.Hypothesis> nbest = decoder(16, m, null, NONE, 0.5, 1.0).decode(lp, 5);
            assertEquals("the cat", nbest.get(0).transcript().text());
            Set<String> seen = new java.util.HashSet<>();
            for (BeamSearchDecoder.Hypothesis h : nbest) {
                assertTrue(seen.add(h.transcript().text()), "twice: " + h.transcript().text());
            }
            assertTrue(nbest.size() > 1);
        }
    }

    @Test
    void incrementalDecodingEqualsDecodingAllAtOnce() {
        float[][] lp = spell("hello there general", 0.7, Map.of(4, frame('o', 0.4, 'a', 0.35)));
        List<String[]> text = List.of("hello there".split(" "), "general kenobi".split(" "));
        NgramModel lm = KneserNey.estimate(text, 2, null, null);
        BeamSearchDecoder d = decoder(8, lm, null, NONE, 0.5, 0.5);
        BeamSearchDecoder.State s = d.start();
        for (int at = 0; at < lp.length; at += 5) {
            s.accept(Arrays.copyOfRange(lp, at, Math.min(lp.length, at + 5)));
            assertTrue(s.best() != null);
        }
        assertEquals(d.decode(lp, 3), s.finish(3));
        List<BeamSearchDecoder.Hypothesis> nbest = d.decode(lp, 3);
        assertTrue(nbest.size() > 1 && nbest.get(0).score() >= nbest.get(1).score());
        // word times come from the frames where the letters were emitted
        Transcript t = nbest.get(0).transcript();
        assertEquals(0.0, t.words().get(0).startSec(), 1e-9);
        assertTrue(t.words().get(1).startSec() > t.words().get(0).endSec());
        assertTrue(Set.of("hello there general", "hella there general").contains(t.text()), t.text());
    }
}
