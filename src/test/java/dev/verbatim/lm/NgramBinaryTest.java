package dev.verbatim.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NgramBinaryTest {
    private static final Path TINY = Path.of("src/test/resources/lm");

    /** A corpus with a large vocabulary and Zipf-like word frequencies, so that n-gram values are many. */
    private static List<String[]> zipfCorpus(long seed, int sentences, int vocabulary) {
        Random rng = new Random(seed);
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < sentences; i++) {
            String[] s = new String[3 + rng.nextInt(10)];
            for (int j = 0; j < s.length; j++) {
                s[j] = "w" + (int) Math.floor(Math.pow(vocabulary, rng.nextDouble()));
            }
            out.add(s);
        }
        return out;
    }

    private static Path write(NgramModel lm, Path file, boolean quantize) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            lm.writeBinary(out, quantize);
        }
        return file;
    }

    @Test
    void quantizedFormIsSmallAndCloseToTheExactOne(@TempDir Path dir) throws IOException {
        NgramModel lm = KneserNey.estimate(zipfCorpus(3, 6000, 3000), 4, null, new int[] {0, 1, 1, 1});
        assertTrue(lm.count(2) > 10 * NgramBinary.LEVELS, "enough distinct values to need binning");
        Path exact = write(lm, dir.resolve("exact.bin"), false);
        Path small = write(lm, dir.resolve("small.bin"), true);
        assertFalse(NgramModel.isQuantized(exact));
        assertTrue(NgramModel.isQuantized(small));
        assertTrue(Files.size(small) < 0.6 * Files.size(exact), Files.size(small) + " vs " + Files.size(exact));

        NgramModel back = NgramModel.read(small);
        for (int k = 1; k <= 4; k++) {
            assertEquals(lm.count(k), back.count(k));
        }
        Random rng = new Random(4);
        double sumError = 0;
        double maxError = 0;
        int n = 3000;
        for (int i = 0; i < n; i++) {
            // histories and words drawn from the text's own n-grams half of the time, so that stored 4-grams and
            // trigrams are queried and not only backed-off unigrams
            String[] s = zipfCorpus(100 + i, 1, 3000).get(0);
            int[] h = {lm.id(s[0]), lm.id(s[1]), lm.id(s[2])};
            int w = i % 2 == 0 ? lm.id(s[3 % s.length]) : rng.nextInt(lm.vocabularySize());
            double error = Math.abs(lm.log10Prob(h, w) - back.log10Prob(h, w));
            sumError += error;
            maxError = Math.max(maxError, error);
        }
        assertTrue(sumError / n < 0.01, "mean |error| in log10 " + sumError / n);
        assertTrue(maxError < 0.05, "max |error| in log10 " + maxError);
        // unigrams are kept exactly
        assertEquals(lm.storedLog10Prob("w1"), back.storedLog10Prob("w1"), 0f);
        // which n-grams have a backoff is kept
        assertEquals(Float.isNaN(lm.storedLog10Backoff("w1", "w2")), Float.isNaN(back.storedLog10Backoff("w1", "w2")));
    }

    @Test
    void keysWithTheTopBitSetSurviveTheDeltaCoding(@TempDir Path dir) throws IOException {
        // 40,000 words: ids above 0x8000 as the first word of a 4-gram make its packed key negative
        List<String> vocab = new ArrayList<>(List.of(NgramModel.BOS, NgramModel.EOS, NgramModel.UNK));
        for (int i = vocab.size(); i < 40_000; i++) {
            vocab.add("w" + i);
        }
        LongFloatMap[] prob = new LongFloatMap[4];
        LongFloatMap[] backoff = new LongFloatMap[4];
        for (int k = 0; k < 4; k++) {
            prob[k] = new LongFloatMap(16);
            backoff[k] = new LongFloatMap(16);
        }
        for (int i = 0; i < vocab.size(); i++) {
            prob[0].put(i, -4.5f);
        }
        int[][] grams = {{39_999, 5, 6, 7}, {3, 4, 5, 6}, {0x8000, 39_998, 3, 4}, {0x7FFF, 1, 2, 3}};
        for (int[] g : grams) {
            for (int k = 2; k <= 4; k++) {
                long key = NgramModel.key(g, 4 - k, 4);
                prob[k - 1].put(key, -1f - k - g[0] / 100_000f);
                if (k < 4) {
                    backoff[k - 1].put(key, -0.25f);
                }
            }
        }
        NgramModel lm = new NgramModel(vocab, prob, backoff);
        for (boolean quantize : new boolean[] {false, true}) {
            NgramModel back = NgramModel.read(write(lm, dir.resolve("big-" + quantize + ".bin"), quantize));
            for (int[] g : grams) {
                String[] words = {vocab.get(g[0]), vocab.get(g[1]), vocab.get(g[2]), vocab.get(g[3])};
                assertEquals(lm.storedLog10Prob(words), back.storedLog10Prob(words), 0f, String.join(" ", words));
            }
        }
    }

    @Test
    void theFirstBinaryFormStillLoads() throws IOException {
        // tiny-v1.bin and tiny.arpa were written from tiny.txt by build-lm --order 3 --min-count 1,1,1 before the
        // second form existed
        NgramModel v1 = NgramModel.read(TINY.resolve("tiny-v1.bin"));
        NgramModel arpa = NgramModel.read(TINY.resolve("tiny.arpa"));
        assertEquals(3, v1.order());
        for (int k = 1; k <= 3; k++) {
            assertEquals(arpa.count(k), v1.count(k));
        }
        int checked = 0;
        for (String a : List.of("<s>", "the", "a", "cat", "dog", "sat")) {
            for (String b : List.of("the", "cat", "sat", "on", "ran", "mat")) {
                for (String c : List.of("on", "the", "mat", "to", "</s>")) {
                    int[] h = {v1.id(a), v1.id(b)};
                    int[] ha = {arpa.id(a), arpa.id(b)};
                    assertEquals(arpa.log10Prob(ha, arpa.id(c)), v1.log10Prob(h, v1.id(c)), 2e-6);
                    checked++;
                }
            }
        }
        assertEquals(180, checked);
        assertEquals(arpa.storedLog10Prob("the", "cat", "sat"), v1.storedLog10Prob("the", "cat", "sat"), 2e-6);
        assertFalse(Float.isNaN(v1.storedLog10Prob("the", "cat", "sat")));
    }

    @Test
    void corruptQuantizedFilesAreRejectedWithTheirName(@TempDir Path dir) throws IOException {
        NgramModel lm = NgramModel.read(TINY.resolve("tiny.arpa"));
        byte[] bytes = Files.readAllBytes(write(lm, dir.resolve("q.bin"), true));
        for (int at : new int[] {bytes.length / 3, bytes.length / 2, bytes.length - 12}) {
            byte[] bad = bytes.clone();
            bad[at] ^= 0x04;
            Path file = Files.write(dir.resolve("bad" + at + ".bin"), bad);
            IOException e = assertThrows(IOException.class, () -> NgramModel.read(file));
            assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("corrupt"),
                    e.getMessage());
        }
        Path cut = Files.write(dir.resolve("cut.bin"), java.util.Arrays.copyOf(bytes, bytes.length - 30));
        assertThrows(IOException.class, () -> NgramModel.read(cut));
    }

    @Test
    void aFolderGivenAsTheLanguageModelIsNamedAsAFolder(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> NgramModel.read(dir));
        assertTrue(e.getMessage().startsWith(dir + ": is a folder, not a language model"), e.getMessage());
    }

    @Test
    void codebookEncodesToTheNearestLevelAndKeepsTheSpecials() throws IOException {
        float[] values = new float[2000];
        for (int i = 0; i < values.length; i++) {
            values[i] = -i / 100f;
        }
        values[7] = Float.NaN;
        values[8] = NgramModel.LOG_ZERO;
        NgramBinary.Codebook c = NgramBinary.Codebook.fit(values);
        assertEquals(NgramBinary.LEVELS, c.levels.length);
        for (int i = 1; i < c.levels.length; i++) {
            assertTrue(c.levels[i] >= c.levels[i - 1]);
        }
        double worst = 0;
        for (float v : values) {
            if (!Float.isNaN(v) && v > NgramModel.LOG_ZERO) {
                float decoded = c.decode(c.encode(v), Float.NaN);
                worst = Math.max(worst, Math.abs(decoded - v));
                // no level is nearer than the chosen one
                for (float level : c.levels) {
                    assertTrue(Math.abs(level - v) >= Math.abs(decoded - v) - 1e-6);
                }
            }
        }
        assertTrue(worst < 0.05, "bins of about 0.08 wide: " + worst);
        assertEquals(-99f, c.decode(c.encode(NgramModel.LOG_ZERO), -99f));
        assertTrue(Float.isNaN(c.decode(c.encode(Float.NaN), Float.NaN)));
        // few distinct values are kept exactly
        NgramBinary.Codebook few = NgramBinary.Codebook.fit(new float[] {-1.5f, -0.25f, -1.5f, -3f});
        assertEquals(3, few.levels.length);
        assertEquals(-0.25f, few.decode(few.encode(-0.25f), Float.NaN));
    }
}
