package dev.verbatim.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureNormalizerTest {

    @Test
    void statisticsOfAKnownArray() {
        // Bin 0: 1, 2, 3, 4 -> mean 2.5, population variance 1.25. Bin 1: constant 7 -> std 0.
        float[][] frames = {{1, 7}, {2, 7}, {3, 7}, {4, 7}};
        FeatureNormalizer n = FeatureNormalizer.accumulator(2).add(frames).finish();
        assertArrayEquals(new float[] {2.5f, 7f}, n.mean(), 1e-6f);
        assertArrayEquals(new float[] {(float) Math.sqrt(1.25), 0f}, n.std(), 1e-6f);

        // Splitting the data across add() calls must not change the result.
        FeatureNormalizer split = FeatureNormalizer.accumulator(2)
                .add(new float[][] {{1, 7}}).add(new float[0][]).add(new float[][] {{2, 7}, {3, 7}, {4, 7}}).finish();
        assertArrayEquals(n.mean(), split.mean(), 1e-6f);
        assertArrayEquals(n.std(), split.std(), 1e-6f);

        // The constant bin is divided by the 1e-5 floor instead of 0: it maps to 0, not NaN.
        n.applyInPlace(frames);
        assertArrayEquals(new float[] {(float) (-1.5 / Math.sqrt(1.25)), 0f}, frames[0], 1e-5f);
    }

    @Test
    void normalisedFramesHaveZeroMeanAndUnitStd() {
        Random random = new Random(3);
        int bins = 5;
        FeatureNormalizer.Accumulator acc = FeatureNormalizer.accumulator(bins);
        float[][][] batches = new float[7][][];
        for (int b = 0; b < batches.length; b++) {
            batches[b] = new float[100 + 37 * b][bins];
            for (float[] frame : batches[b]) {
                for (int i = 0; i < bins; i++) {
                    // Log-mel-like values: large offset, modest spread, so cancellation would show.
                    frame[i] = (float) (-12 + 3 * i + (0.5 + i) * random.nextGaussian());
                }
            }
            acc.add(batches[b]);
        }
        FeatureNormalizer normalizer = acc.finish();
        double[] sum = new double[bins];
        double[] sumSq = new double[bins];
        long count = 0;
        for (float[][] batch : batches) {
            normalizer.applyInPlace(batch);
            for (float[] frame : batch) {
                for (int i = 0; i < bins; i++) {
                    sum[i] += frame[i];
                    sumSq[i] += frame[i] * frame[i];
                }
                count++;
            }
        }
        assertEquals(count, acc.count());
        for (int i = 0; i < bins; i++) {
            double mean = sum[i] / count;
            assertEquals(0, mean, 1e-5, "mean of bin " + i);
            assertEquals(1, Math.sqrt(sumSq[i] / count - mean * mean), 1e-4, "std of bin " + i);
        }
    }

    @Test
    void jsonRoundTrip() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        FeatureNormalizer n = new FeatureNormalizer(new float[] {-11.25f, 0.1f, 3e-7f}, new float[] {2.5f, 1e-6f, 0f});
        String json = mapper.writeValueAsString(n);
        assertEquals("{\"mean\":[-11.25,0.1,3.0E-7],\"std\":[2.5,1.0E-6,0.0]}", json);
        FeatureNormalizer back = mapper.readValue(json, FeatureNormalizer.class);
        assertArrayEquals(n.mean(), back.mean(), 0f);
        assertArrayEquals(n.std(), back.std(), 0f);
    }

    @Test
    void identityLeavesFramesUnchanged() {
        float[][] frames = {{1.5f, -2f, 30f}};
        FeatureNormalizer.identity(3).applyInPlace(frames);
        assertArrayEquals(new float[] {1.5f, -2f, 30f}, frames[0], 0f);
    }

    @Test
    void rejectsMismatchedShapes() {
        assertThrows(IllegalArgumentException.class, () -> new FeatureNormalizer(new float[2], new float[3]));
        assertThrows(IllegalArgumentException.class, () -> new FeatureNormalizer(new float[] {0}, new float[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> FeatureNormalizer.identity(2).applyInPlace(new float[1][3]));
        assertThrows(IllegalArgumentException.class, () -> FeatureNormalizer.accumulator(2).add(new float[1][3]));
        assertThrows(IllegalStateException.class, () -> FeatureNormalizer.accumulator(2).finish());
    }
}
