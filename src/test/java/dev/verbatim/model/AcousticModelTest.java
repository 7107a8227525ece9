package dev.verbatim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AcousticModelTest {
    private static final ModelConfig TINY = new ModelConfig(80, 16, 5, 2, 2, 12, 29);

    /** Rounding the input length up (zero frames, true length passed on) changes no output value. */
    @Test
    void paddedInputGivesTheExactLengthOutput() {
        AcousticModel model = AcousticModel.initialise(TINY, 3);
        Random rng = new Random(9);
        for (int frames : new int[] {5, 37, 129, 301}) {
            assertTrue(AcousticModel.paddedLength(frames) > frames, frames + " frames are padded in this test");
            float[][] x = new float[frames][80];
            float[] flat = new float[frames * 80];
            for (int t = 0; t < frames; t++) {
                for (int b = 0; b < 80; b++) {
                    x[t][b] = (float) rng.nextGaussian();
                    flat[t * 80 + b] = x[t][b];
                }
            }
            float[][] viaPadding = model.logProbs(x);
            INDArray exact = model.logProbs(Nd4j.create(flat, new long[] {1, frames, 80}, 'c'), new int[] {frames});
            assertEquals(TINY.outputFrames(frames), viaPadding.length);
            assertEquals(TINY.outputFrames(frames), exact.size(1));
            for (int t = 0; t < viaPadding.length; t++) {
                for (int k = 0; k < 29; k++) {
                    assertEquals(exact.getFloat(0, t, k), viaPadding[t][k], 1e-5, frames + " frames, t " + t);
                }
            }
        }
    }

    @Test
    void paddedLengthsAreFewAndAtMostAQuarterLonger() {
        Set<Integer> shapes = new HashSet<>();
        for (int frames = 1; frames <= 3000; frames++) {
            int p = AcousticModel.paddedLength(frames);
            assertTrue(p >= frames && (frames <= 32 || p <= frames * 1.25), frames + " -> " + p);
            shapes.add(p);
        }
        assertTrue(shapes.size() <= 30, shapes.size() + " shapes for lengths up to 30 s");
    }
}
