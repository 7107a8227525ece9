package dev.verbatim.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoiseTest {

    private static final int RATE = 16000;
    private static final int N = 1 << 16;
    /** Octave bands from 250 Hz to 4 kHz. */
    private static final double[] OCTAVE_EDGES = {250, 500, 1000, 2000, 4000};

    /** Density drop in dB from each octave band to the next, 250 Hz to 4 kHz. */
    private static double[] octaveDropsDb(float[] x) {
        double[] drops = new double[OCTAVE_EDGES.length - 2];
        double previous = TestSignals.bandDensity(x, OCTAVE_EDGES[0], OCTAVE_EDGES[1], RATE);
        for (int b = 0; b < drops.length; b++) {
            double current = TestSignals.bandDensity(x, OCTAVE_EDGES[b + 1], OCTAVE_EDGES[b + 2], RATE);
            drops[b] = 10 * Math.log10(previous / current);
            previous = current;
        }
        return drops;
    }

    /** Density of 100..400 Hz over that of 3.2..6.4 kHz, in dB. */
    private static double lowOverHighDb(float[] x) {
        return 10 * Math.log10(TestSignals.bandDensity(x, 100, 400, RATE)
                / TestSignals.bandDensity(x, 3200, 6400, RATE));
    }

    @Test
    void whiteNoiseIsFlat() {
        float[] x = Augmenter.white(N, new Random(1));
        assertEquals(0, lowOverHighDb(x), 1.0);
        for (double drop : octaveDropsDb(x)) {
            assertEquals(0, drop, 0.5);
        }
        assertEquals(1, TestSignals.rms(x), 0.02);
    }

    @Test
    void pinkNoiseFallsThreeDbPerOctave() {
        float[] x = Augmenter.pink(N, new Random(2));
        double ratio = lowOverHighDb(x);
        // 1/f predicts 13.3 dB between these bands.
        assertTrue(ratio > 11 && ratio < 16.5, "low/high " + ratio + " dB");
        for (double drop : octaveDropsDb(x)) {
            assertEquals(3, drop, 1.0, "octave drop");
        }
    }

    @Test
    void brownNoiseFallsSixDbPerOctave() {
        float[] x = Augmenter.brown(N, new Random(3));
        double ratio = lowOverHighDb(x);
        // 1/f^2 predicts 26.6 dB; the discrete integrator is a little less steep near Nyquist.
        assertTrue(ratio > 23 && ratio < 29, "low/high " + ratio + " dB");
        for (double drop : octaveDropsDb(x)) {
            assertEquals(6, drop, 1.0, "octave drop");
        }
        assertTrue(ratio > lowOverHighDb(Augmenter.pink(N, new Random(3))) + 6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pink", "brown"})
    void colouredNoiseHasZeroMeanAndUnitRms(String colour) {
        BiFunction<Integer, Random, float[]> generator = colour.equals("pink") ? Augmenter::pink : Augmenter::brown;
        for (int n : new int[] {1, 2, 7, 1000, 16000}) {
            float[] x = generator.apply(n, new Random(n));
            assertEquals(n, x.length);
            double mean = 0;
            for (float v : x) {
                assertTrue(Float.isFinite(v));
                mean += v;
            }
            assertEquals(0, mean / n, 1e-5);
            if (n > 1) {
                assertEquals(1, TestSignals.rms(x), 1e-4);
            }
        }
        assertEquals(0, generator.apply(0, new Random(1)).length);
        assertThrows(IllegalArgumentException.class, () -> generator.apply(-1, new Random(1)));
    }

    @Test
    void generatorsAreReproducible() {
        assertArrayEquals(Augmenter.white(500, new Random(9)), Augmenter.white(500, new Random(9)));
        assertArrayEquals(Augmenter.pink(500, new Random(9)), Augmenter.pink(500, new Random(9)));
        assertArrayEquals(Augmenter.brown(500, new Random(9)), Augmenter.brown(500, new Random(9)));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-5, 0, 5, 7.3, 17.5, 30, 45})
    void mixesAtExactlyTheRequestedSnr(double snrDb) {
        float[] speech = TestSignals.speechLike(16000, 4);
        for (float[] noise : new float[][] {Augmenter.white(16000, new Random(5)),
                Augmenter.brown(16000, new Random(6)), TestSignals.tone(50, 16000, 3.0, RATE)}) {
            float[] mixed = Augmenter.mixAtSnr(speech, noise, snrDb);
            assertEquals(speech.length, mixed.length);
            double added = 0;
            for (int i = 0; i < mixed.length; i++) {
                double d = (double) mixed[i] - speech[i];
                added += d * d;
            }
            double measured = 10 * Math.log10(TestSignals.meanSquare(speech) / (added / mixed.length));
            assertEquals(snrDb, measured, 0.01);
        }
    }

    @Test
    void mixingLeavesInputsAloneAndHandlesSilence() {
        float[] speech = TestSignals.speechLike(800, 7);
        float[] noise = Augmenter.white(800, new Random(7));
        float[] speechCopy = speech.clone();
        float[] noiseCopy = noise.clone();
        Augmenter.mixAtSnr(speech, noise, 10);
        assertArrayEquals(speechCopy, speech);
        assertArrayEquals(noiseCopy, noise);

        assertArrayEquals(speech, Augmenter.mixAtSnr(speech, new float[800], 10));
        assertArrayEquals(new float[800], Augmenter.mixAtSnr(new float[800], noise, 10));
        assertEquals(0, Augmenter.mixAtSnr(new float[0], new float[0], 10).length);
        assertThrows(IllegalArgumentException.class, () -> Augmenter.mixAtSnr(speech, new float[799], 10));
        assertThrows(IllegalArgumentException.class, () -> Augmenter.mixAtSnr(speech, noise, Double.NaN));
    }

    @Test
    void babbleSumsThreeToSixLoopedVoices() {
        Set<Integer> talkerCounts = new HashSet<>();
        // One generator throughout: java.util.Random's first draws for adjacent seeds are alike.
        Random random = new Random(12);
        for (int run = 0; run < 60; run++) {
            int[] calls = {0};
            // Every voice is 100 samples long, so the looped sum repeats every 100 samples.
            Augmenter.BabbleSource source = rng -> {
                calls[0]++;
                return TestSignals.tone(160 * (1 + rng.nextInt(5)), 100, 0.01 + rng.nextDouble(), RATE);
            };
            float[] b = Augmenter.babble(source, 1000, random);
            assertEquals(1000, b.length);
            assertTrue(calls[0] >= 3 && calls[0] <= 6, calls[0] + " voices");
            talkerCounts.add(calls[0]);
            for (int i = 0; i + 100 < b.length; i++) {
                assertEquals(b[i], b[i + 100], 1e-5, "sample " + i);
            }
            double power = TestSignals.meanSquare(b);
            assertTrue(power > 0.2 && power < 40, "power " + power);
        }
        assertEquals(Set.of(3, 4, 5, 6), talkerCounts);
    }

    @Test
    void babbleScalesEachVoiceToUnitRmsAndSkipsSilentOnes() {
        float[] loud = TestSignals.tone(400, 16000, 0.9, RATE);
        float[] quiet = TestSignals.tone(400, 16000, 0.001, RATE);
        // A whole number of periods at any offset: every voice is the same unit-RMS sine, shifted.
        float[] fromLoud = Augmenter.babble(rng -> loud, 16000, new Random(11));
        float[] fromQuiet = Augmenter.babble(rng -> quiet, 16000, new Random(11));
        assertArrayEquals(fromLoud, fromQuiet, 1e-3f);
        assertArrayEquals(new float[50], Augmenter.babble(rng -> new float[30], 50, new Random(1)));
        assertArrayEquals(new float[50], Augmenter.babble(rng -> new float[0], 50, new Random(1)));
    }
}
