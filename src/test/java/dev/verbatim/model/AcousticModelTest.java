package dev.verbatim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AcousticModelTest {
    /**
     * The single-utterance path ({@link InferenceNetwork}: BLAS products and a Java LSTM recurrence) computes what the
     * SameDiff graph computes, for both strides used, for lengths that do and do not divide by the stride, and for
     * hidden sizes that do and do not divide by the recurrence's four-row unrolling.
     */
    @Test
    void inferencePathMatchesTheGraph() {
        Random rng = new Random(9);
        for (int[] sizes : new int[][] {{2, 16}, {3, 16}, {2, 19}}) {
            int stride = sizes[0];
            ModelConfig config = new ModelConfig(80, 24, 5, stride, 2, sizes[1], 29);
            AcousticModel model = AcousticModel.initialise(config, 3 + stride);
            for (int frames : new int[] {1, 6, 37, 301}) {
                float[][] x = new float[frames][80];
                float[] flat = new float[frames * 80];
                for (int t = 0; t < frames; t++) {
                    for (int b = 0; b < 80; b++) {
                        x[t][b] = (float) rng.nextGaussian();
                        flat[t * 80 + b] = x[t][b];
                    }
                }
                float[][] java = model.logProbs(x);
                INDArray graph = model.logProbs(Nd4j.create(flat, new long[] {1, frames, 80}, 'c'),
                        new int[] {frames});
                assertEquals(config.outputFrames(frames), java.length);
                assertEquals(config.outputFrames(frames), graph.size(1));
                for (int t = 0; t < java.length; t++) {
                    for (int k = 0; k < 29; k++) {
                        assertEquals(graph.getFloat(0, t, k), java[t][k], 1e-4,
                                "stride " + stride + ", hidden " + sizes[1] + ", " + frames + " frames, t " + t + ", k " + k);
                    }
                }
            }
        }
    }

    /** Several threads share one model (transcribe --jobs): each gets exactly what it gets alone. */
    @Test
    void concurrentCallsGiveTheSequentialResults() throws Exception {
        AcousticModel model = AcousticModel.initialise(new ModelConfig(80, 24, 5, 2, 2, 16, 29), 5);
        Random rng = new Random(2);
        float[][][] inputs = new float[6][][];
        float[][][] alone = new float[6][][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = new float[80 + 40 * i][80];
            for (float[] row : inputs[i]) {
                for (int b = 0; b < 80; b++) {
                    row[b] = (float) rng.nextGaussian();
                }
            }
            alone[i] = model.logProbs(inputs[i]);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 3; round++) {
                java.util.List<java.util.concurrent.Future<float[][]>> results = new java.util.ArrayList<>();
                for (float[][] in : inputs) {
                    results.add(pool.submit(() -> model.logProbs(in)));
                }
                for (int i = 0; i < inputs.length; i++) {
                    float[][] got = results.get(i).get();
                    for (int t = 0; t < got.length; t++) {
                        org.junit.jupiter.api.Assertions.assertArrayEquals(alone[i][t], got[t], "input " + i);
                    }
                }
            }
        } finally {
            pool.shutdown();
        }
    }
}
