package dev.verbatim.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KneserNeyTest {
    private static List<String[]> corpus(String... sentences) {
        List<String[]> out = new ArrayList<>();
        for (String s : sentences) {
            out.add(s.split(" "));
        }
        return out;
    }

    @Test
    void bigramValuesMatchAHandComputation() {
        // <s> a b </s> twice, <s> b a </s> once. Worked out by hand in the comments.
        NgramModel lm = KneserNey.estimate(corpus("a b", "a b", "b a"), 2, null, null);
        // unigrams: continuation counts a=b=</s>=2, discount 0.5 (no singletons), gamma = 0.5*3/6 = 0.25,
        // P(a) = (2-0.5)/6 + 0.25/4 = 0.3125, P(<unk>) = 0.25/4
        assertEquals(Math.log10(0.3125), lm.storedLog10Prob("a"), 1e-6);
        assertEquals(Math.log10(0.3125), lm.storedLog10Prob("</s>"), 1e-6);
        assertEquals(Math.log10(0.0625), lm.storedLog10Prob("<unk>"), 1e-6);
        // bigrams: counts 2,2,2,1,1,1: n1 = n2 = 3, Y = 1/3, D1 = D2 = D3 = 1/3;
        // context <s>: c = 3, N1 = N2 = 1, gamma = (1/3 + 1/3)/3 = 2/9
        assertEquals(Math.log10((2 - 1.0 / 3) / 3 + 2.0 / 9 * 0.3125), lm.storedLog10Prob("<s>", "a"), 1e-6);
        assertEquals(Math.log10((1 - 1.0 / 3) / 3 + 2.0 / 9 * 0.3125), lm.storedLog10Prob("<s>", "b"), 1e-6);
        assertEquals(Math.log10(2.0 / 9), lm.storedLog10Backoff("<s>"), 1e-6);
        // an unseen bigram backs off: P(</s> | <s>) = 2/9 * P(</s>)
        assertEquals(Math.log10(2.0 / 9 * 0.3125), lm.log10Prob(new int[] {lm.bos()}, lm.eos()), 1e-6);
        assertTrue(Float.isNaN(lm.storedLog10Prob("<s>", "</s>")));
    }

    private static List<String[]> randomCorpus(long seed, int sentences) {
        Random rng = new Random(seed);
        String[] words = "the a cat dog sat on mat ran to house big small red and".split(" ");
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < sentences; i++) {
            String[] s = new String[2 + rng.nextInt(8)];
            for (int j = 0; j < s.length; j++) {
                // a skewed distribution, so that some n-grams are frequent and many are rare
                s[j] = words[(int) Math.min(words.length - 1, Math.abs(rng.nextGaussian()) * 4)];
            }
            out.add(s);
        }
        return out;
    }

    private static void assertNormalised(NgramModel lm, int[] history) {
        double sum = 0;
        for (int w = 0; w < lm.vocabularySize(); w++) {
            if (w != lm.bos()) {
                sum += Math.pow(10, lm.log10Prob(history, w));
            }
        }
        assertEquals(1.0, sum, 1e-4, "P(. | " + java.util.Arrays.toString(history) + ")");
    }

    @Test
    void everyDistributionSumsToOnePrunedOrNot() {
        List<String[]> text = randomCorpus(4, 400);
        for (int order = 2; order <= 4; order++) {
            for (int[] prune : new int[][] {null, {0, 2, 2, 3}}) {
                NgramModel lm = KneserNey.estimate(text, order, null, prune);
                Random rng = new Random(order);
                assertNormalised(lm, new int[0]);
                assertNormalised(lm, new int[] {lm.bos()});
                for (int i = 0; i < 25; i++) {
                    int[] h = new int[order - 1];
                    for (int j = 0; j < h.length; j++) {
                        int w;
                        do {
                            w = rng.nextInt(lm.vocabularySize());
                        } while (w == lm.eos());
                        h[j] = w;
                    }
                    assertNormalised(lm, h);
                }
            }
        }
    }

    @Test
    void addedWordsGetTheUnseenShareAndDistributionsStillSumToOne() {
        // the corpus of the hand computation above, with "zebra" added (and "a", already there): five predictable
        // words now, so P(a) = (2-0.5)/6 + 0.25/5 = 0.3 and P(zebra) = P(<unk>) = 0.25/5
        NgramModel lm = KneserNey.estimate(corpus("a b", "a b", "b a"), 2, null, null, List.of("zebra", "a"));
        assertEquals(6, lm.vocabularySize());
        assertTrue(lm.contains("zebra"));
        assertEquals(Math.log10(0.3), lm.storedLog10Prob("a"), 1e-6);
        assertEquals(Math.log10(0.05), lm.storedLog10Prob("zebra"), 1e-6);
        assertEquals(Math.log10(0.05), lm.storedLog10Prob("<unk>"), 1e-6);
        List<String[]> text = randomCorpus(5, 300);
        for (int order = 2; order <= 4; order++) {
            NgramModel big = KneserNey.estimate(text, order, null, new int[] {0, 1, 2, 2},
                    List.of("zebra", "yak", "the", "<x>"));
            assertTrue(big.contains("yak") && !big.contains("<x>"));
            assertNormalised(big, new int[0]);
            assertNormalised(big, new int[] {big.bos(), big.id("the")});
            assertNormalised(big, new int[] {big.id("yak")});
        }
    }

    @Test
    void pruningDropsRareNgramsAndKeepsContexts() {
        List<String[]> text = randomCorpus(9, 400);
        NgramModel full = KneserNey.estimate(text, 3, null, null);
        NgramModel pruned = KneserNey.estimate(text, 3, null, new int[] {0, 2, 3});
        assertTrue(pruned.count(3) < full.count(3) && pruned.count(2) < full.count(2));
        assertEquals(full.count(1), pruned.count(1));
    }

    @Test
    void arpaRoundTripKeepsEveryProbability() throws IOException {
        NgramModel lm = KneserNey.estimate(randomCorpus(5, 300), 3, null, new int[] {0, 1, 2});
        StringWriter w = new StringWriter();
        lm.writeArpa(w);
        NgramModel back = NgramModel.readArpa(new BufferedReader(new StringReader(w.toString())), "test.arpa");
        assertEquals(lm.order(), back.order());
        assertEquals(lm.count(3), back.count(3));
        Random rng = new Random(1);
        for (int i = 0; i < 500; i++) {
            int[] h = {rng.nextInt(lm.vocabularySize()), rng.nextInt(lm.vocabularySize())};
            int word = rng.nextInt(lm.vocabularySize());
            int[] hb = {back.id(lm.word(h[0])), back.id(lm.word(h[1]))};
            assertEquals(lm.log10Prob(h, word), back.log10Prob(hb, back.id(lm.word(word))), 2e-6);
        }
        assertTrue(w.toString().startsWith("\n\\data\\\nngram 1="));
    }

    @Test
    void badArpaFilesAreReportedWithTheLine() {
        String bad = "\\data\\\nngram 1=2\n\n\\1-grams:\n-1.0\t<s>\nnot-a-number\t</s>\n\\end\\\n";
        IOException e = assertThrows(IOException.class,
                () -> NgramModel.readArpa(new BufferedReader(new StringReader(bad)), "x.arpa"));
        assertTrue(e.getMessage().contains("x.arpa:6"), e.getMessage());
        assertThrows(IOException.class,
                () -> NgramModel.readArpa(new BufferedReader(new StringReader("hello")), "y.arpa"));
    }

    @Test
    void vocabularyPrefixes() {
        NgramModel lm = KneserNey.estimate(corpus("the cat sat", "then they ran"), 2, null, null);
        assertTrue(lm.isPrefix("th") && lm.isPrefix("the") && lm.isPrefix("then") && lm.isPrefix(""));
        assertTrue(!lm.isPrefix("thx") && !lm.isPrefix("cats"));
        assertTrue(lm.contains("ran") && !lm.contains("<s>"));
    }

    @Test
    void binaryRoundTripIsExactAndCorruptionIsDetected(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        NgramModel lm = KneserNey.estimate(randomCorpus(6, 300), 4, null, new int[] {0, 1, 2, 2});
        java.nio.file.Path bin = dir.resolve("lm.bin");
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(bin)) {
            lm.writeBinary(out);
        }
        NgramModel back = NgramModel.read(bin);
        assertEquals(lm.vocabularySize(), back.vocabularySize());
        for (int k = 1; k <= 4; k++) {
            assertEquals(lm.count(k), back.count(k));
        }
        Random rng = new Random(2);
        for (int i = 0; i < 500; i++) {
            int[] h = {rng.nextInt(lm.vocabularySize()), rng.nextInt(lm.vocabularySize()),
                rng.nextInt(lm.vocabularySize())};
            int w = rng.nextInt(lm.vocabularySize());
            assertEquals(lm.log10Prob(h, w), back.log10Prob(h, w), 0.0f, "binary is exact");
        }
        // ARPA files are read by the same entry point
        java.nio.file.Path arpa = dir.resolve("lm.arpa");
        try (java.io.Writer w = java.nio.file.Files.newBufferedWriter(arpa)) {
            lm.writeArpa(w);
        }
        assertEquals(lm.count(4), NgramModel.read(arpa).count(4));
        // one flipped byte in the middle is caught by the checksum
        byte[] bytes = java.nio.file.Files.readAllBytes(bin);
        bytes[bytes.length / 2] ^= 0x10;
        java.nio.file.Path bad = dir.resolve("bad.bin");
        java.nio.file.Files.write(bad, bytes);
        IOException e = assertThrows(IOException.class, () -> NgramModel.read(bad));
        assertTrue(e.getMessage().contains("bad.bin") && e.getMessage().contains("corrupt"), e.getMessage());
        java.nio.file.Files.write(bad, java.util.Arrays.copyOf(bytes, 100));
        assertThrows(IOException.class, () -> NgramModel.read(bad));
    }
}
