package dev.verbatim.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MelFilterbankTest {

    @Test
    void htkMelScale() {
        // 2595 log10(1 + 1000/700) = 999.9855...: the HTK scale puts 1 kHz at (almost exactly) 1000 mel.
        assertEquals(999.9855371, MelFilterbank.hzToMel(1000), 1e-6);
        assertEquals(0.0, MelFilterbank.hzToMel(0), 0.0);
        for (double hz : new double[] {0, 20, 300, 1000, 3000, 7600, 8000, 22050}) {
            assertEquals(hz, MelFilterbank.melToHz(MelFilterbank.hzToMel(hz)), 1e-9 * Math.max(1, hz));
        }
    }

    /**
     * 4 filters over 0..4000 Hz at 8 kHz with a 16-point FFT (bins every 500 Hz, 9 bins).
     *
     * <pre>
     * mel(4000) = 2595 log10(1 + 4000/700) = 2146.0645; 6 edges 429.2129 mel apart:
     *   edges (mel) 0, 429.2129, 858.4258, 1287.6387, 1716.8516, 2146.0645
     *   edges (Hz)  0, 324.4671, 799.3325, 1494.3097, 2511.4258, 4000
     * filter m rises from edge m to edge m+1 and falls to edge m+2:
     *   f0 (0, 324.47, 799.33):   bin 500 Hz -> (799.33 - 500) / (799.33 - 324.47)   = 0.630352
     *   f1 (324.47, 799.33, 1494.31): 500 -> (500 - 324.47) / (799.33 - 324.47)     = 0.369648
     *                                1000 -> (1494.31 - 1000) / (1494.31 - 799.33)  = 0.711260
     *   f2 (799.33, 1494.31, 2511.43): 1000 -> 0.288740, 1500 -> 0.994405, 2000 -> 0.502820,
     *                                  2500 -> 0.011234
     *   f3 (1494.31, 2511.43, 4000): 1500 -> 0.005595, 2000 -> 0.497180, 2500 -> 0.988766,
     *                                3000 -> 0.671784, 3500 -> 0.335892, 4000 -> 0 (right edge)
     * </pre>
     */
    @Test
    void tinyFilterbankMatchesHandComputedValues() {
        FeatureConfig tiny = new FeatureConfig(8000, 2, 1, 16, 4, 0, 4000, 1e-10);
        MelFilterbank fb = new MelFilterbank(tiny);
        assertArrayEquals(new double[] {324.4671, 799.3325, 1494.3097, 2511.4258}, fb.centerFrequenciesHz(), 1e-4);

        float[][] expected = {
                {0, 0.630352f, 0, 0, 0, 0, 0, 0, 0},
                {0, 0.369648f, 0.711260f, 0, 0, 0, 0, 0, 0},
                {0, 0, 0.288740f, 0.994405f, 0.502820f, 0.011234f, 0, 0, 0},
                {0, 0, 0, 0.005595f, 0.497180f, 0.988766f, 0.671784f, 0.335892f, 0},
        };
        float[][] w = fb.weights();
        assertEquals(4, w.length);
        for (int m = 0; m < 4; m++) {
            assertArrayEquals(expected[m], w[m], 1e-5f, "filter " + m);
        }
    }

    @Test
    void defaultFiltersAreNonNegativeTrianglesThatTileTheBand() {
        FeatureConfig c = FeatureConfig.defaults();
        MelFilterbank fb = new MelFilterbank(c);
        float[][] w = fb.weights();
        assertEquals(80, w.length);
        assertEquals(257, w[0].length);
        double binHz = 16000.0 / 512;
        for (int m = 0; m < w.length; m++) {
            float peak = 0;
            for (float x : w[m]) {
                assertTrue(x >= 0 && x <= 1, "weight out of [0, 1] in filter " + m);
                peak = Math.max(peak, x);
            }
            assertTrue(peak > 0, "empty filter " + m);
        }
        // Between the first and last centres, neighbouring triangles overlap so their weights sum to 1.
        double[] centers = fb.centerFrequenciesHz();
        for (int k = 0; k < w[0].length; k++) {
            double f = k * binHz;
            if (f >= centers[0] && f <= centers[centers.length - 1]) {
                double sum = 0;
                for (float[] row : w) {
                    sum += row[k];
                }
                assertEquals(1.0, sum, 1e-5, "bin " + k);
            }
        }
    }

    @Test
    void filtersPeakAtOneWhenTheSpectrumIsFine() {
        // With 2 Hz bins a bin always lies within a small fraction of a filter's half-width of its centre.
        FeatureConfig fine = new FeatureConfig(16000, 25, 10, 8192, 80, 20, 7600, 1e-10);
        MelFilterbank fb = new MelFilterbank(fine);
        double[] centers = fb.centerFrequenciesHz();
        float[][] w = fb.weights();
        for (int m = 0; m < w.length; m++) {
            int argmax = 0;
            for (int k = 1; k < w[m].length; k++) {
                if (w[m][k] > w[m][argmax]) {
                    argmax = k;
                }
            }
            assertTrue(w[m][argmax] > 0.9 && w[m][argmax] <= 1, "filter " + m + " peaks at " + w[m][argmax]);
            assertEquals(centers[m], argmax * 16000.0 / 8192, 16000.0 / 8192, "filter " + m + " peak position");
        }
    }

    @Test
    void applyIsTheDenseMatrixProduct() {
        MelFilterbank fb = new MelFilterbank(FeatureConfig.defaults());
        float[][] w = fb.weights();
        Random random = new Random(1);
        float[] power = new float[257];
        for (int k = 0; k < power.length; k++) {
            power[k] = random.nextFloat() * 100;
        }
        float[] out = new float[80];
        fb.apply(power, out);
        for (int m = 0; m < 80; m++) {
            double expected = 0;
            for (int k = 0; k < power.length; k++) {
                expected += w[m][k] * power[k];
            }
            assertEquals(expected, out[m], 1e-4 * Math.abs(expected));
        }
        assertThrows(IllegalArgumentException.class, () -> fb.apply(new float[256], new float[80]));
    }

    @Test
    void rejectsFiltersThatCoverNoBin() {
        // 200 filters below 2 kHz with 31.25 Hz bins: the lowest ones are narrower than a bin.
        FeatureConfig tooMany = new FeatureConfig(16000, 25, 10, 512, 200, 0, 2000, 1e-10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MelFilterbank(tooMany));
        assertTrue(e.getMessage().contains("covers no FFT bin"), e.getMessage());
    }

    @Test
    void warpIsVtlpsPiecewiseLinearMap() {
        double nyquist = 8000;
        for (double hz : new double[] {0, 100, 3000, 4800, 6000, 8000}) {
            assertEquals(hz, MelFilterbank.warpHz(hz, 1.0, nyquist), 0.0, "factor 1 is the identity");
        }
        // Factor 1.1: linear up to 4800 / 1.1 = 4363.6 Hz (which lands on 4800), then straight on to 8000 -> 8000.
        assertEquals(1100.0, MelFilterbank.warpHz(1000, 1.1, nyquist), 1e-9);
        assertEquals(4800.0, MelFilterbank.warpHz(4800 / 1.1, 1.1, nyquist), 1e-9);
        assertEquals(4800 + (8000 - 4800) * (6000 - 4800 / 1.1) / (8000 - 4800 / 1.1),
                MelFilterbank.warpHz(6000, 1.1, nyquist), 1e-9);
        // Factor 0.9: linear up to 4800 (-> 4320), then to 8000 -> 8000.
        assertEquals(900.0, MelFilterbank.warpHz(1000, 0.9, nyquist), 1e-9);
        assertEquals(4320.0, MelFilterbank.warpHz(4800, 0.9, nyquist), 1e-9);
        for (double warp : new double[] {0.8, 0.9, 1.1, 1.25}) {
            assertEquals(nyquist, MelFilterbank.warpHz(nyquist, warp, nyquist), 1e-9, "Nyquist stays fixed");
            double previous = -1;
            for (double hz = 0; hz <= nyquist; hz += 10) {
                double w = MelFilterbank.warpHz(hz, warp, nyquist);
                assertTrue(w > previous, "increasing at " + hz + " Hz, factor " + warp);
                previous = w;
            }
        }
    }

    @Test
    void factorOneIsThePlainBankAndOtherFactorsMoveAToneAcrossBands() {
        FeatureConfig config = FeatureConfig.defaults();
        MelFilterbank plain = new MelFilterbank(config);
        float[][] one = new MelFilterbank(config, 1.0).weights();
        float[][] want = plain.weights();
        for (int m = 0; m < want.length; m++) {
            assertArrayEquals(want[m], one[m], 0f, "filter " + m);
        }
        // A 1 kHz tone peaks in the band centred nearest 1 kHz; seen through factor 1.1 (a shorter vocal tract)
        // nearest 1.1 kHz, through 0.9 nearest 900 Hz.
        double[] centers = plain.centerFrequenciesHz();
        float[] tone = new float[config.sampleRateHz()];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / config.sampleRateHz()));
        }
        for (double warp : new double[] {0.9, 1.0, 1.1}) {
            float[] frame = new LogMelExtractor(config, warp).extract(tone)[20];
            int peak = 0;
            for (int m = 1; m < frame.length; m++) {
                if (frame[m] > frame[peak]) {
                    peak = m;
                }
            }
            int nearest = 0;
            for (int m = 1; m < centers.length; m++) {
                if (Math.abs(centers[m] - 1000 * warp) < Math.abs(centers[nearest] - 1000 * warp)) {
                    nearest = m;
                }
            }
            assertTrue(Math.abs(peak - nearest) <= 1, "factor " + warp + ": peak band " + peak + " ("
                    + centers[peak] + " Hz), expected about band " + nearest + " (" + centers[nearest] + " Hz)");
        }
        assertThrows(IllegalArgumentException.class, () -> new MelFilterbank(config, 0));
        assertThrows(IllegalArgumentException.class, () -> new MelFilterbank(config, Double.NaN));
    }
}
