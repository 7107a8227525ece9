package dev.verbatim.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogMelExtractorTest {

    private static final FeatureConfig CONFIG = FeatureConfig.defaults();

    @ParameterizedTest
    @ValueSource(doubles = {300, 1000, 3000})
    void pureToneLandsInTheNearestBand(double toneHz) {
        float[] tone = sine(toneHz, 0.5, 16000);
        float[][] frames = new LogMelExtractor(CONFIG).extract(tone);
        double[] centers = new MelFilterbank(CONFIG).centerFrequenciesHz();
        int nearest = 0;
        for (int m = 1; m < centers.length; m++) {
            if (Math.abs(centers[m] - toneHz) < Math.abs(centers[nearest] - toneHz)) {
                nearest = m;
            }
        }
        // Every frame, including the zero-padded last one, must put the tone in the nearest band.
        for (int t = 0; t < frames.length; t++) {
            assertEquals(nearest, argmax(frames[t]), "frame " + t + " of a " + toneHz + " Hz tone");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 399, 400, 401, 559, 560, 561, 720, 16000, 16001})
    void numFramesMatchesExtract(int numSamples) {
        float[] samples = noise(numSamples, 3);
        float[][] frames = new LogMelExtractor(CONFIG).extract(samples);
        assertEquals(CONFIG.numFrames(numSamples), frames.length);
        for (float[] frame : frames) {
            assertEquals(80, frame.length);
        }
    }

    @Test
    void partialLastFrameEqualsExplicitZeroPadding() {
        LogMelExtractor extractor = new LogMelExtractor(CONFIG);
        float[] samples = noise(1000, 5); // frames at 0, 160, .., 640; the last runs to 1040
        float[] padded = Arrays.copyOf(samples, 1040);
        float[][] a = extractor.extract(samples);
        float[][] b = extractor.extract(padded);
        assertEquals(a.length, b.length);
        for (int t = 0; t < a.length; t++) {
            assertArrayEquals(b[t], a[t], 0f, "frame " + t);
        }
    }

    @Test
    void dcOffsetIsRemoved() {
        LogMelExtractor extractor = new LogMelExtractor(CONFIG);
        float[] samples = noise(4000, 9);
        float[] shifted = samples.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 0.25f;
        }
        float[][] a = extractor.extract(samples);
        float[][] b = extractor.extract(shifted);
        // Full frames only: the zero padding of the last, partial frame turns the offset into a step.
        for (int t = 0; t < a.length - 1; t++) {
            assertArrayEquals(a[t], b[t], 1e-3f, "frame " + t);
        }
    }

    @Test
    void silenceSitsAtTheLogFloor() {
        float[][] frames = new LogMelExtractor(CONFIG).extract(new float[1600]);
        float floor = (float) Math.log(1e-10);
        for (float[] frame : frames) {
            for (float x : frame) {
                assertEquals(floor, x, 1e-5f);
            }
        }
    }

    @Test
    void reusingAnInstanceGivesIdenticalResults() {
        LogMelExtractor extractor = new LogMelExtractor(CONFIG);
        float[] samples = noise(3000, 11);
        float[][] first = extractor.extract(samples);
        extractor.extract(sine(440, 0.3, 5000));
        float[][] again = extractor.extract(samples);
        for (int t = 0; t < first.length; t++) {
            assertArrayEquals(first[t], again[t], 0f);
        }
    }

    static float[] sine(double hz, double amplitude, int numSamples) {
        float[] x = new float[numSamples];
        for (int i = 0; i < numSamples; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / 16000.0));
        }
        return x;
    }

    static float[] noise(int numSamples, long seed) {
        Random random = new Random(seed);
        float[] x = new float[numSamples];
        for (int i = 0; i < numSamples; i++) {
            x[i] = (float) (0.1 * random.nextGaussian());
        }
        return x;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
