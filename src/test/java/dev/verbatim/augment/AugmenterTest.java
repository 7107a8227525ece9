package dev.verbatim.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AugmenterTest {

    private static final int RATE = Augmenter.SAMPLE_RATE;
    private static final float[] SPEECH = TestSignals.speechLike(RATE, 1);

    /** Voices for babble: other speech-like clips, picked with the augmentation's generator. */
    private static final Augmenter.BabbleSource BABBLE =
            rng -> TestSignals.speechLike(4000 + rng.nextInt(12000), rng.nextLong());

    /** Everything off except the stages given probability 1 (speed, reverb, noise, silence, gain). */
    private static Augmenter only(boolean speed, boolean reverb, boolean noise, boolean silence, boolean gain) {
        return new Augmenter(new AugmentConfig(speed ? 1 : 0, 0.9, 1.1, reverb ? 1 : 0, 0.15, 0.7,
                noise ? 1 : 0, 5, 30, gain ? 1 : 0, -12, 6, silence ? 1 : 0, 0.5, 0, 0, 0, 0));
    }

    private static void assertUsable(float[] out) {
        for (int i = 0; i < out.length; i++) {
            assertTrue(Float.isFinite(out[i]) && out[i] >= -1 && out[i] <= 1, "sample " + i + " = " + out[i]);
        }
    }

    @Test
    void noneReturnsAnEqualCopy() {
        Augmenter augmenter = new Augmenter(AugmentConfig.none());
        float[] out = augmenter.waveform(SPEECH, new Random(1), BABBLE);
        assertArrayEquals(SPEECH, out);
        assertNotSame(SPEECH, out);
        assertArrayEquals(new float[0], augmenter.waveform(new float[0], new Random(1), null));
    }

    @Test
    void defaultsGiveFiniteSamplesInRangeAndLeaveTheInputAlone() {
        Augmenter augmenter = new Augmenter(AugmentConfig.defaults());
        float[] loud = new float[RATE];
        for (int i = 0; i < loud.length; i++) {
            loud[i] = SPEECH[i] / 0.6f;
        }
        float[] copy = loud.clone();
        Set<Integer> lengths = new HashSet<>();
        for (int seed = 0; seed < 40; seed++) {
            float[] out = augmenter.waveform(loud, new Random(seed), seed % 2 == 0 ? BABBLE : null);
            assertUsable(out);
            lengths.add(out.length);
            // Speed 0.9..1.1 and up to 0.5 s of padding on each side.
            assertTrue(out.length >= RATE / 1.1 - 1 && out.length <= RATE / 0.9 + RATE + 1, "length " + out.length);
        }
        assertArrayEquals(copy, loud);
        assertTrue(lengths.size() > 10, lengths.size() + " distinct lengths");
        assertUsable(augmenter.waveform(new float[0], new Random(3), BABBLE));
        assertUsable(augmenter.waveform(new float[1], new Random(3), BABBLE));
    }

    @Test
    void sameSeedGivesTheSameResultAndAnotherSeedAnother() {
        Augmenter augmenter = only(true, true, true, true, true);
        float[] a = augmenter.waveform(SPEECH, new Random(42), BABBLE);
        float[] b = augmenter.waveform(SPEECH, new Random(42), BABBLE);
        float[] c = augmenter.waveform(SPEECH, new Random(43), BABBLE);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));

        Augmenter defaults = new Augmenter(AugmentConfig.defaults());
        for (int seed = 0; seed < 10; seed++) {
            assertArrayEquals(defaults.waveform(SPEECH, new Random(seed), BABBLE),
                    defaults.waveform(SPEECH, new Random(seed), BABBLE));
        }
    }

    @Test
    void adjacentSeedsMakeIndependentChoices() {
        // java.util.Random's first nextDouble() is almost the same for seeds 0..99; the augmenter
        // must not inherit that, or one utterance's coin flips would be every utterance's.
        Augmenter augmenter = new Augmenter(new AugmentConfig(0.5, 1.1, 1.1, 0, 0.15, 0.7, 0, 5, 30, 0, 0, 0,
                0, 0, 1, 10, 0, 0));
        int sped = 0;
        Set<Integer> maskStarts = new HashSet<>();
        for (int seed = 0; seed < 100; seed++) {
            if (augmenter.waveform(SPEECH, new Random(seed), null).length != SPEECH.length) {
                sped++;
            }
            float[][] f = frames(1, 80, seed);
            augmenter.specAugment(f, new Random(seed));
            for (int b = 0; b < 80; b++) {
                if (f[0][b] == 0) {
                    maskStarts.add(b);
                    break;
                }
            }
        }
        assertTrue(sped >= 30 && sped <= 70, sped + " of 100 sped up");
        assertTrue(maskStarts.size() >= 30, maskStarts.size() + " distinct mask positions");
    }

    @Test
    void warpFactorIsOneWithoutVtlpAndDrawsInItsRangeWithIt() {
        Random rng = new Random(7);
        Random twin = new Random(7);
        assertEquals(1.0, new Augmenter(AugmentConfig.none()).warpFactor(rng));
        assertEquals(twin.nextLong(), rng.nextLong(), "VTLP off takes nothing from the random stream");

        Augmenter always = new Augmenter(new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 1, 0.9, 1.1));
        Augmenter half = new Augmenter(new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0.5, 0.9, 1.1));
        java.util.Set<Double> seen = new java.util.HashSet<>();
        int unwarped = 0;
        for (int seed = 0; seed < 200; seed++) {
            double w = always.warpFactor(new Random(seed));
            assertTrue(w >= 0.9 && w <= 1.1, "factor " + w);
            seen.add(w);
            assertEquals(w, always.warpFactor(new Random(seed)), "same seed, same factor");
            if (half.warpFactor(new Random(seed)) == 1.0) {
                unwarped++;
            }
        }
        assertTrue(seen.size() > 190, "factors vary: " + seen.size() + " distinct of 200");
        assertTrue(unwarped > 70 && unwarped < 130, "probability 0.5 leaves about half unwarped: " + unwarped);
    }

    @Test
    void speedAloneChangesTheLengthWithinTheRange() {
        Augmenter augmenter = only(true, false, false, false, false);
        for (int seed = 0; seed < 10; seed++) {
            float[] out = augmenter.waveform(SPEECH, new Random(seed), null);
            assertTrue(out.length >= Math.round(RATE / 1.1) && out.length <= Math.round(RATE / 0.9),
                    "length " + out.length);
        }
    }

    @Test
    void noiseAloneKeepsTheLengthAndAddsNoiseWithinTheSnrRange() {
        Augmenter augmenter = only(false, false, true, false, false);
        int babbleRuns = 0;
        for (int seed = 0; seed < 40; seed++) {
            int[] calls = {0};
            Augmenter.BabbleSource counting = rng -> {
                calls[0]++;
                return BABBLE.randomUtterance(rng);
            };
            float[] out = augmenter.waveform(SPEECH, new Random(seed), counting);
            assertEquals(SPEECH.length, out.length);
            double added = 0;
            for (int i = 0; i < out.length; i++) {
                double d = (double) out[i] - SPEECH[i];
                added += d * d;
            }
            double snr = 10 * Math.log10(TestSignals.meanSquare(SPEECH) / (added / out.length));
            assertTrue(snr >= 5 - 0.01 && snr <= 30 + 0.01, "SNR " + snr);
            if (calls[0] > 0) {
                babbleRuns++;
            }
        }
        // One noise type in four is babble.
        assertTrue(babbleRuns >= 3 && babbleRuns <= 20, babbleRuns + " of 40 runs used babble");
    }

    @Test
    void silencePaddingSurroundsTheUntouchedSignalWithQuietNoise() {
        Augmenter augmenter = only(false, false, false, true, false);
        int padded = 0;
        for (int seed = 0; seed < 20; seed++) {
            float[] out = augmenter.waveform(SPEECH, new Random(seed), null);
            int extra = out.length - SPEECH.length;
            assertTrue(extra >= 0 && extra <= RATE, "padding " + extra);
            int lead = -1;
            for (int start = 0; start <= extra && lead < 0; start++) {
                if (Arrays.equals(SPEECH, 0, SPEECH.length, out, start, start + SPEECH.length)) {
                    lead = start;
                }
            }
            assertTrue(lead >= 0 && lead <= RATE / 2, "speech not found intact, lead " + lead);
            float[] pad = new float[extra];
            System.arraycopy(out, 0, pad, 0, lead);
            System.arraycopy(out, lead + SPEECH.length, pad, lead, extra - lead);
            if (extra > 100) {
                double dbfs = 20 * Math.log10(TestSignals.rms(pad));
                assertTrue(dbfs >= -73 && dbfs <= -47, "padding at " + dbfs + " dBFS");
                padded++;
            }
        }
        assertTrue(padded > 10);
    }

    @Test
    void gainAloneScalesEverySampleByOneFactorInTheRange() {
        Augmenter augmenter = only(false, false, false, false, true);
        for (int seed = 0; seed < 20; seed++) {
            float[] out = augmenter.waveform(SPEECH, new Random(seed), null);
            assertEquals(SPEECH.length, out.length);
            int peak = 0;
            for (int i = 1; i < SPEECH.length; i++) {
                if (Math.abs(SPEECH[i]) > Math.abs(SPEECH[peak])) {
                    peak = i;
                }
            }
            double gain = out[peak] / SPEECH[peak];
            double gainDb = 20 * Math.log10(gain);
            assertTrue(gainDb >= -12.001 && gainDb <= 6.001, "gain " + gainDb + " dB");
            for (int i = 0; i < SPEECH.length; i++) {
                double expected = Math.max(-1, Math.min(1, SPEECH[i] * gain));
                assertEquals(expected, out[i], 1e-5, "sample " + i);
            }
        }
    }

    @Test
    void clipsLoudResultsToFullScale() {
        Augmenter augmenter = new Augmenter(new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 1, 6, 6, 0, 0,
                0, 0, 0, 0));
        float[] out = augmenter.waveform(new float[] {0.9f, -0.9f, 0.25f}, new Random(1), null);
        assertArrayEquals(new float[] {1f, -1f, (float) (0.25 * Math.pow(10, 0.3))}, out, 1e-6f);
    }

    @Test
    void rejectsNullSamplesAndGenerator() {
        Augmenter augmenter = new Augmenter(AugmentConfig.defaults());
        assertThrows(NullPointerException.class, () -> augmenter.waveform(null, new Random(1), null));
        assertThrows(NullPointerException.class, () -> augmenter.waveform(SPEECH, null, null));
        assertThrows(NullPointerException.class, () -> new Augmenter(null));
    }

    // ---- SpecAugment ----

    private static float[][] frames(int t, int bins, long seed) {
        Random rng = new Random(seed);
        float[][] f = new float[t][bins];
        for (float[] row : f) {
            for (int b = 0; b < bins; b++) {
                row[b] = 0.5f + rng.nextFloat();
            }
        }
        return f;
    }

    private static boolean columnZero(float[][] f, int b) {
        for (float[] row : f) {
            if (row[b] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean rowZero(float[] row) {
        for (float v : row) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** Number of maximal runs of true values. */
    private static int runs(boolean[] flags) {
        int runs = 0;
        for (int i = 0; i < flags.length; i++) {
            if (flags[i] && (i == 0 || !flags[i - 1])) {
                runs++;
            }
        }
        return runs;
    }

    @Test
    void specAugmentMasksAtMostTheConfiguredBandsAndFrames() {
        // 2 x <= 15 bins, 2 x <= 5% of frames
        Augmenter augmenter = new Augmenter(new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 0, 0, 0, 0, 0,
                2, 15, 2, 0.05));
        int t = 200;
        int bins = 80;
        int maskedColumnsSeen = 0;
        int maskedRowsSeen = 0;
        for (int seed = 0; seed < 50; seed++) {
            float[][] original = frames(t, bins, seed);
            float[][] f = frames(t, bins, seed);
            augmenter.specAugment(f, new Random(seed));
            assertEquals(t, f.length);
            boolean[] zeroColumns = new boolean[bins];
            boolean[] zeroRows = new boolean[t];
            int columns = 0;
            int rows = 0;
            for (int b = 0; b < bins; b++) {
                zeroColumns[b] = columnZero(f, b);
                columns += zeroColumns[b] ? 1 : 0;
            }
            for (int i = 0; i < t; i++) {
                assertEquals(bins, f[i].length);
                zeroRows[i] = rowZero(f[i]);
                rows += zeroRows[i] ? 1 : 0;
            }
            assertTrue(columns <= 2 * 15, columns + " masked bins");
            assertTrue(rows <= 2 * 10, rows + " masked frames");
            assertTrue(runs(zeroColumns) <= 2 && runs(zeroRows) <= 2);
            // Every other value is untouched.
            for (int i = 0; i < t; i++) {
                for (int b = 0; b < bins; b++) {
                    if (!zeroRows[i] && !zeroColumns[b]) {
                        assertEquals(original[i][b], f[i][b]);
                    }
                }
            }
            maskedColumnsSeen += columns;
            maskedRowsSeen += rows;
        }
        // Mean widths are 7.5 bins and 5 frames per mask.
        assertTrue(maskedColumnsSeen > 50 * 2 * 5, maskedColumnsSeen + " bins masked in all");
        assertTrue(maskedRowsSeen > 50 * 2 * 3, maskedRowsSeen + " frames masked in all");
    }

    @Test
    void specAugmentCanMaskExactlyTheWidestConfiguredBand() {
        // One mask of up to all 10 bins: over many seeds every width 0..10 appears, none wider.
        Augmenter augmenter = new Augmenter(new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 0, 0, 0, 0, 0,
                1, 10, 0, 0));
        Set<Integer> widths = new HashSet<>();
        for (int seed = 0; seed < 300; seed++) {
            float[][] f = frames(5, 10, seed);
            augmenter.specAugment(f, new Random(seed));
            int width = 0;
            for (int b = 0; b < 10; b++) {
                width += columnZero(f, b) ? 1 : 0;
            }
            widths.add(width);
        }
        assertEquals(11, widths.size());
        assertTrue(widths.contains(0) && widths.contains(10));
    }

    @Test
    void specAugmentIsReproducibleAndOffWithNone() {
        Augmenter augmenter = new Augmenter(AugmentConfig.defaults());
        float[][] a = frames(100, 40, 1);
        float[][] b = frames(100, 40, 1);
        augmenter.specAugment(a, new Random(5));
        augmenter.specAugment(b, new Random(5));
        assertTrue(Arrays.deepEquals(a, b));

        float[][] untouched = frames(100, 40, 1);
        new Augmenter(AugmentConfig.none()).specAugment(untouched, new Random(5));
        assertTrue(Arrays.deepEquals(frames(100, 40, 1), untouched));
    }

    @Test
    void specAugmentHandlesEdgeShapes() {
        Augmenter augmenter = new Augmenter(AugmentConfig.defaults());
        augmenter.specAugment(new float[0][], new Random(1));
        float[][] narrow = frames(3, 4, 1); // masks wider than the frames are clamped
        augmenter.specAugment(narrow, new Random(1));
        assertEquals(3, narrow.length);
        assertThrows(IllegalArgumentException.class,
                () -> augmenter.specAugment(new float[][] {new float[4], new float[3]}, new Random(1)));
    }

    @Test
    void bandLimitRemovesWhatLiesAboveHalfTheRateAndKeepsWhatLiesBelow() {
        float[] low = TestSignals.tone(1000, RATE, 0.3, RATE);
        float[] high = TestSignals.tone(5000, RATE, 0.3, RATE);
        float[] both = new float[RATE];
        for (int i = 0; i < RATE; i++) {
            both[i] = low[i] + high[i];
        }
        float[] copy = both.clone();
        float[] out = Augmenter.bandLimit(both, 8000);
        assertEquals(RATE, out.length);
        assertArrayEquals(copy, both);
        // Away from the edges, where the resampler's filters start up.
        int from = RATE / 10;
        int to = RATE - RATE / 10;
        assertEquals(0.3, TestSignals.amplitudeAt(out, from, to, 1000, RATE), 0.02);
        assertTrue(TestSignals.amplitudeAt(out, from, to, 5000, RATE) < 0.003,
                "5 kHz left at " + TestSignals.amplitudeAt(out, from, to, 5000, RATE));
        // At 11025 Hz the band reaches past 4 kHz (flat to 0.8 of its Nyquist frequency, 4.4 kHz).
        float[] mid = TestSignals.tone(4000, RATE, 0.3, RATE);
        assertEquals(0.3, TestSignals.amplitudeAt(Augmenter.bandLimit(mid, 11025), from, to, 4000, RATE), 0.01);
        assertTrue(TestSignals.amplitudeAt(Augmenter.bandLimit(mid, 7000), from, to, 4000, RATE) < 0.003);
        assertArrayEquals(both, Augmenter.bandLimit(both, RATE));
        assertThrows(IllegalArgumentException.class, () -> Augmenter.bandLimit(both, 3000));
    }

    @Test
    void bandLimitingStageRunsWithItsProbability() {
        float[] high = TestSignals.tone(6000, RATE, 0.3, RATE);
        Augmenter always = new Augmenter(new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 1, 7000, 11025));
        for (int seed = 0; seed < 5; seed++) {
            float[] out = always.waveform(high, new Random(seed), null);
            assertEquals(RATE, out.length);
            assertTrue(TestSignals.rms(out) < 0.01, "6 kHz tone kept at RMS " + TestSignals.rms(out));
        }
    }

    @Test
    void gainScalesByDecibelsAndClipsLikeARecorder() {
        float[] x = {0.1f, -0.2f, 0.6f, -0.9f, 0f};
        float[] doubled = Augmenter.gain(x, 20 * Math.log10(2));
        assertArrayEquals(new float[] {0.2f, -0.4f, 1f, -1f, 0f}, doubled, 1e-6f);
        float[] tenth = Augmenter.gain(x, -20);
        assertArrayEquals(new float[] {0.01f, -0.02f, 0.06f, -0.09f, 0f}, tenth, 1e-7f);
        float[] same = Augmenter.gain(x, 0);
        assertArrayEquals(x, same);
        assertNotSame(x, same);
        assertArrayEquals(new float[] {0.1f, -0.2f, 0.6f, -0.9f, 0f}, x, "input left alone");
        assertThrows(IllegalArgumentException.class, () -> Augmenter.gain(x, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Augmenter.gain(x, Double.POSITIVE_INFINITY));
    }
}
