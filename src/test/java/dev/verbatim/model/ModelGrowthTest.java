package dev.verbatim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ModelGrowthTest {
    private static final ModelConfig SMALL = new ModelConfig(80, 16, 5, 2, 2, 12, 29);
    private static final ModelConfig WIDE = new ModelConfig(80, 24, 5, 2, 2, 20, 29);

    /** The wider model computes exactly what the small one did: new units start with zero outgoing weights. */
    @Test
    void widerLayersKeepTheSmallModelsOutput() {
        AcousticModel small = AcousticModel.initialise(SMALL, 7);
        AcousticModel wide = ModelGrowth.grow(small, WIDE, 8);
        assertTrue(wide.parameterCount() > small.parameterCount() * 2, "the model grew");
        float[][] x = ModelBundleTest.randomFrames(41, 3);
        float[][] a = small.logProbs(x);
        float[][] b = wide.logProbs(x);
        assertEquals(a.length, b.length);
        double maxDiff = 0;
        for (int t = 0; t < a.length; t++) {
            for (int k = 0; k < a[t].length; k++) {
                maxDiff = Math.max(maxDiff, Math.abs(a[t][k] - b[t][k]));
            }
        }
        assertTrue(maxDiff < 1e-4, "largest log-prob difference " + maxDiff);
    }

    /** The new units learn: the loss has a non-zero gradient on their outgoing weights from the first step. */
    @Test
    void newUnitsReceiveGradient() {
        AcousticModel wide = ModelGrowth.grow(AcousticModel.initialise(SMALL, 7), WIDE, 8);
        wide.prepareForTraining();
        Map<String, INDArray> ph = new LinkedHashMap<>();
        float[][] x = ModelBundleTest.randomFrames(30, 4);
        float[] flat = new float[30 * 80];
        for (int t = 0; t < 30; t++) {
            System.arraycopy(x[t], 0, flat, t * 80, 80);
        }
        ph.put(AcousticModel.FEATURES, Nd4j.create(flat, new long[] {1, 30, 80}, 'c'));
        ph.put(AcousticModel.FRAME_LENGTHS, wide.outputLengths(new int[] {30}));
        ph.put(AcousticModel.LABELS, Nd4j.createFromArray(new int[][] {{3, 1, 20}}));
        ph.put(AcousticModel.LABEL_LENGTHS, Nd4j.createFromArray(new int[] {3}));
        INDArray grad = wide.graph().calculateGradients(ph, "out_W").get("out_W");
        int h0 = SMALL.lstmHidden();
        int h1 = WIDE.lstmHidden();
        INDArray newForward = grad.get(NDArrayIndex.interval(h0, h1), NDArrayIndex.all());
        INDArray newBackward = grad.get(NDArrayIndex.interval(h1 + h0, 2 * h1), NDArrayIndex.all());
        assertTrue(newForward.norm2Number().doubleValue() > 1e-6, "forward new units");
        assertTrue(newBackward.norm2Number().doubleValue() > 1e-6, "backward new units");
        INDArray weights = wide.parameters().get("out_W");
        assertEquals(0.0, weights.get(NDArrayIndex.interval(h0, h1), NDArrayIndex.all()).norm2Number().doubleValue());
    }

    /** A new stride keeps every weight (the kernel does not depend on it) and gives the new frame rate. */
    @Test
    void strideChangeKeepsWeights() {
        AcousticModel small = AcousticModel.initialise(SMALL, 7);
        ModelConfig stride3 = new ModelConfig(80, 16, 5, 3, 2, 12, 29);
        AcousticModel grown = ModelGrowth.grow(small, stride3, 8);
        small.parameters().forEach((name, value) -> assertEquals(value, grown.parameters().get(name), name));
        assertEquals(14, grown.logProbs(ModelBundleTest.randomFrames(41, 3)).length, "ceil(41 / 3) output frames");
    }

    @Test
    void incompatibleSizesAreRefusedWithTheReason() {
        assertNull(ModelGrowth.incompatibility(SMALL, WIDE));
        assertNotNull(ModelGrowth.incompatibility(WIDE, SMALL));
        ModelConfig deeper = new ModelConfig(80, 16, 5, 2, 3, 12, 29);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelGrowth.grow(AcousticModel.initialise(SMALL, 1), deeper, 2));
        assertTrue(e.getMessage().contains("layer counts differ"), e.getMessage());
        ModelConfig otherKernel = new ModelConfig(80, 16, 7, 2, 2, 12, 29);
        assertTrue(ModelGrowth.incompatibility(SMALL, otherKernel).contains("kernel"));
    }
}
