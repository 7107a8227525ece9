package dev.verbatim.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.verbatim.text.Vocabulary;
import org.junit.jupiter.api.Test;

class BlankPenaltyTest {
    private static final Vocabulary V = Vocabulary.english();

    private static float[] frame(double blank, char c, double pc) {
        float[] f = new float[V.size()];
        double rest = (1 - blank - pc) / (V.size() - 2);
        for (int k = 0; k < f.length; k++) {
            f[k] = (float) Math.log(k == V.blankId() ? blank : k == V.id(c) ? pc : rest);
        }
        return f;
    }

    @Test
    void zeroLeavesTheFramesAlone() {
        float[][] lp = {frame(0.6, 'a', 0.3)};
        assertSame(lp, BlankPenalty.apply(lp, V.blankId(), 0));
    }

    @Test
    void theBlankLosesExactlyThePenaltyAgainstEverySymbolAndFramesStayNormalised() {
        float[][] lp = {frame(0.6, 'a', 0.3), frame(0.1, 'b', 0.8)};
        float[][] out = BlankPenalty.apply(lp, V.blankId(), 1.5);
        for (int t = 0; t < lp.length; t++) {
            double sum = 0;
            for (float v : out[t]) {
                sum += Math.exp(v);
            }
            assertEquals(1.0, sum, 1e-5, "frame " + t + " is a distribution");
            int a = V.id('a');
            int z = V.id('z');
            assertEquals(lp[t][a] - lp[t][z], out[t][a] - out[t][z], 1e-5, "symbols keep their ratios");
            assertEquals(lp[t][V.blankId()] - lp[t][a] - 1.5, out[t][V.blankId()] - out[t][a], 1e-5);
        }
        assertEquals((float) Math.log(0.6), lp[0][V.blankId()], "the input is not changed");
    }

    @Test
    void aLetterTheBlankNarrowlyHidWithoutItIsEmittedWithIt() {
        float[][] lp = {frame(0.9, 'a', 0.05), frame(0.5, 'a', 0.4), frame(0.9, 'b', 0.05)};
        GreedyDecoder greedy = new GreedyDecoder(V, 0.02);
        assertEquals("", greedy.decode(lp).text());
        assertEquals("a", greedy.decode(BlankPenalty.apply(lp, V.blankId(), 0.5)).text());
    }
}
