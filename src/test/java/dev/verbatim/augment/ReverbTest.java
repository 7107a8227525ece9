package dev.verbatim.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReverbTest {

    private static final int RATE = 16000;

    private static double[] directConvolution(float[] x, float[] h) {
        double[] y = new double[x.length + h.length - 1];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < h.length; k++) {
                y[i + k] += (double) x[i] * h[k];
            }
        }
        return y;
    }

    private static float[] gaussian(int n, Random rng) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    private static double energy(float[] x, int from, int to) {
        return TestSignals.meanSquare(x, from, to) * (to - from);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "1, 9", "5, 3", "17, 1", "8, 8", "100, 37", "3, 200", "1000, 255", "1023, 2", "4097, 999",
        "7800, 100", "20000, 300", "300, 20000"})
    void convolveMatchesDirectConvolution(int xLength, int hLength) {
        Random rng = new Random(xLength * 1000L + hLength);
        float[] x = gaussian(xLength, rng);
        float[] h = gaussian(hLength, rng);
        float[] xCopy = x.clone();
        float[] hCopy = h.clone();
        double[] expected = directConvolution(x, h);
        float[] actual = Augmenter.convolve(x, h);
        assertEquals(expected.length, actual.length);
        double tolerance = 1e-5 * Math.sqrt(Math.min(xLength, hLength)) + 1e-6;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, "sample " + i);
        }
        assertArrayEquals(xCopy, x);
        assertArrayEquals(hCopy, h);
    }

    @Test
    void convolvingWithAnImpulseShiftsAndScales() {
        float[] x = gaussian(300, new Random(1));
        float[] h = {0, 0, 0.5f};
        float[] y = Augmenter.convolve(x, h);
        assertEquals(302, y.length);
        assertEquals(0, y[0], 1e-6);
        assertEquals(0, y[1], 1e-6);
        for (int i = 0; i < x.length; i++) {
            assertEquals(0.5 * x[i], y[i + 2], 1e-6);
        }
        assertEquals(0, Augmenter.convolve(new float[0], h).length);
        assertEquals(0, Augmenter.convolve(x, new float[0]).length);
    }

    @ParameterizedTest
    @CsvSource({"0.15, 2880", "0.5, 9600", "0.7, 13440", "0.9, 16000", "3.0, 16000"})
    void impulseResponseHasTheDocumentedShape(double rt60, int length) {
        for (int seed = 0; seed < 20; seed++) {
            float[] h = Augmenter.impulseResponse(rt60, new Random(seed), RATE);
            assertEquals(length, h.length);
            assertEquals(1f, h[0]);
            int firstReflection = 1;
            while (h[firstReflection] == 0) {
                firstReflection++;
            }
            assertTrue(firstReflection >= 16 && firstReflection <= 80, "pre-delay " + firstReflection);
            // The tail carries rt60 / 0.5 s times the direct path's energy.
            assertEquals(rt60 / 0.5, energy(h, 1, h.length), 1e-4 * rt60);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 0.5, 0.7})
    void tailEnergyFallsSixtyDbPerRt60(double rt60) {
        // Average a few responses to steady the estimate; compare 50 ms windows 200 ms apart.
        double early = 0;
        double late = 0;
        for (int seed = 0; seed < 8; seed++) {
            float[] h = Augmenter.impulseResponse(rt60, new Random(seed), RATE);
            early += energy(h, 1600, 2400);
            late += energy(h, 4800, 5600);
        }
        double dropDb = 10 * Math.log10(early / late);
        assertEquals(60 * 0.2 / rt60, dropDb, 0.6);
    }

    @Test
    void longerRt60PutsMoreEnergyLate() {
        double previousFraction = 0;
        for (double rt60 : new double[] {0.15, 0.3, 0.5, 0.7}) {
            float[] h = Augmenter.impulseResponse(rt60, new Random(4), RATE);
            double lateFraction = energy(h, 800, h.length) / energy(h, 0, h.length);
            assertTrue(lateFraction > 1.5 * previousFraction,
                    "rt60 " + rt60 + ": energy after 50 ms " + lateFraction + " vs " + previousFraction);
            previousFraction = lateFraction;
        }
    }

    @Test
    void reverbKeepsLengthAndLoudnessAndChangesTheSignal() {
        float[] x = TestSignals.speechLike(32000, 5);
        float[] xCopy = x.clone();
        float[] y = Augmenter.reverb(x, 0.5, new Random(6), RATE);
        assertArrayEquals(xCopy, x);
        assertEquals(x.length, y.length);
        assertFalse(Arrays.equals(x, y));
        for (float v : y) {
            assertTrue(Float.isFinite(v));
        }
        assertEquals(TestSignals.rms(x), TestSignals.rms(y), 1e-4 * TestSignals.rms(x));
        // Reverberation smears the 4 Hz syllable envelope: quiet stretches fill up.
        double dip = TestSignals.meanSquare(x, 2800, 3200) / TestSignals.meanSquare(x);
        double filled = TestSignals.meanSquare(y, 2800 + 16000, 3200 + 16000) / TestSignals.meanSquare(y);
        assertTrue(filled > 5 * dip, "quiet stretch at " + dip + " of the mean before, " + filled + " after");
    }

    @Test
    void reverbOfAClickIsTheTruncatedImpulseResponse() {
        float[] click = new float[4000];
        click[0] = 1;
        float[] y = Augmenter.reverb(click, 0.6, new Random(7), RATE);
        float[] h = Augmenter.impulseResponse(0.6, new Random(7), RATE);
        assertEquals(4000, y.length);
        float scale = y[0] / h[0];
        for (int i = 0; i < y.length; i++) {
            assertEquals(h[i] * scale, y[i], 1e-5, "sample " + i);
        }
    }

    @Test
    void reverbHandlesSilenceAndEmptyInputAndRejectsBadArguments() {
        assertArrayEquals(new float[100], Augmenter.reverb(new float[100], 0.3, new Random(1), RATE), 0f);
        assertEquals(0, Augmenter.reverb(new float[0], 0.3, new Random(1), RATE).length);
        assertThrows(IllegalArgumentException.class, () -> Augmenter.impulseResponse(0, new Random(1), RATE));
        assertThrows(IllegalArgumentException.class,
                () -> Augmenter.impulseResponse(Double.NaN, new Random(1), RATE));
        assertThrows(IllegalArgumentException.class, () -> Augmenter.impulseResponse(0.3, new Random(1), 0));
    }
}
