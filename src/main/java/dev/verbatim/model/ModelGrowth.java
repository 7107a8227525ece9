package dev.verbatim.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Starts a larger model from a trained smaller one, so that the compute already spent on the small one is not thrown
 * away (widening in the manner of Net2Net, Chen et al. 2016, with zero-initialised outgoing weights).
 *
 * <p>Wider LSTM layers and more Conv1D channels keep the small model's function exactly: every old unit keeps its
 * weights, the new units get fresh incoming weights (as {@link AcousticModel#initialise} draws them) and zero outgoing
 * weights, so at the start they change nothing downstream, yet they receive gradient through those outgoing weights
 * and start learning at once. A different conv stride keeps every weight (the Conv1D kernel does not depend on it) but
 * not the function: the LSTMs then see frames at a new rate and must adapt. Layer count, kernel width, input bins and
 * vocabulary must stay the same.
 */
public final class ModelGrowth {
    private ModelGrowth() {
    }

    /** Whether {@link #grow} can start a model of {@code to} from one of {@code from}, or why not. */
    public static String incompatibility(ModelConfig from, ModelConfig to) {
        if (from.inputBins() != to.inputBins()) {
            return "input bins differ (" + from.inputBins() + " vs " + to.inputBins() + ")";
        }
        if (from.vocabularySize() != to.vocabularySize()) {
            return "vocabulary sizes differ (" + from.vocabularySize() + " vs " + to.vocabularySize() + ")";
        }
        if (from.convKernel() != to.convKernel()) {
            return "conv kernel widths differ (" + from.convKernel() + " vs " + to.convKernel() + ")";
        }
        if (from.lstmLayers() != to.lstmLayers()) {
            return "LSTM layer counts differ (" + from.lstmLayers() + " vs " + to.lstmLayers() + ")";
        }
        if (to.convChannels() < from.convChannels()) {
            return "conv channels can only grow (" + from.convChannels() + " -> " + to.convChannels() + ")";
        }
        if (to.lstmHidden() < from.lstmHidden()) {
            return "LSTM units can only grow (" + from.lstmHidden() + " -> " + to.lstmHidden() + ")";
        }
        return null;
    }

    /**
     * A model of size {@code to} whose old units carry {@code small}'s parameters.
     *
     * @throws IllegalArgumentException if {@link #incompatibility} names a reason
     */
    public static AcousticModel grow(AcousticModel small, ModelConfig to, long seed) {
        ModelConfig from = small.config();
        String why = incompatibility(from, to);
        if (why != null) {
            throw new IllegalArgumentException("cannot grow " + from + " into " + to + ": " + why);
        }
        Map<String, INDArray> old = small.parameters();
        Map<String, INDArray> fresh = AcousticModel.initialParameters(to, seed);
        Map<String, INDArray> p = new LinkedHashMap<>();
        int c0 = from.convChannels();
        int c1 = to.convChannels();
        p.put("conv_W", embed(fresh.get("conv_W"), old.get("conv_W"),
                NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, c0)));
        p.put("conv_b", embed(fresh.get("conv_b"), old.get("conv_b"), NDArrayIndex.interval(0, c0)));
        int h0 = from.lstmHidden();
        int h1 = to.lstmHidden();
        // Inputs of layer 0 are the conv channels; of later layers, [forward units | backward units].
        int[][] inputsOld = {{0, c0}};
        int[][] inputsNew = {{0, c0}};
        int newInputs = c1;
        for (int layer = 0; layer < to.lstmLayers(); layer++) {
            String n = "lstm" + layer;
            INDArray wx = zeroOutgoing(fresh.get(n + "_Wx"), inputsNew, newInputs, h0, h1);
            INDArray wr = zeroOutgoing(fresh.get(n + "_Wr"), new int[][] {{0, h0}}, h1, h0, h1);
            INDArray b = fresh.get(n + "_b").dup();
            for (int gate = 0; gate < 4; gate++) {
                for (int rows = 0; rows < inputsOld.length; rows++) {
                    wx.get(NDArrayIndex.all(), NDArrayIndex.interval(inputsNew[rows][0], inputsNew[rows][1]),
                            NDArrayIndex.interval(gate * h1, gate * h1 + h0))
                            .assign(old.get(n + "_Wx").get(NDArrayIndex.all(),
                                    NDArrayIndex.interval(inputsOld[rows][0], inputsOld[rows][1]),
                                    NDArrayIndex.interval(gate * h0, (gate + 1) * h0)));
                }
                wr.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h0),
                        NDArrayIndex.interval(gate * h1, gate * h1 + h0))
                        .assign(old.get(n + "_Wr").get(NDArrayIndex.all(), NDArrayIndex.all(),
                                NDArrayIndex.interval(gate * h0, (gate + 1) * h0)));
                b.get(NDArrayIndex.all(), NDArrayIndex.interval(gate * h1, gate * h1 + h0))
                        .assign(old.get(n + "_b").get(NDArrayIndex.all(),
                                NDArrayIndex.interval(gate * h0, (gate + 1) * h0)));
            }
            p.put(n + "_Wx", wx);
            p.put(n + "_Wr", wr);
            p.put(n + "_b", b);
            inputsOld = new int[][] {{0, h0}, {h0, 2 * h0}};
            inputsNew = new int[][] {{0, h0}, {h1, h1 + h0}};
            newInputs = 2 * h1;
        }
        INDArray outW = Nd4j.zeros(DataType.FLOAT, fresh.get("out_W").shape());
        for (int rows = 0; rows < inputsOld.length; rows++) {
            outW.get(NDArrayIndex.interval(inputsNew[rows][0], inputsNew[rows][1]), NDArrayIndex.all())
                    .assign(old.get("out_W").get(NDArrayIndex.interval(inputsOld[rows][0], inputsOld[rows][1]),
                            NDArrayIndex.all()));
        }
        p.put("out_W", outW);
        p.put("out_b", old.get("out_b").dup());
        return AcousticModel.withParameters(to, p);
    }

    /** {@code fresh} with the sub-array at {@code where} replaced by {@code old}. */
    private static INDArray embed(INDArray fresh, INDArray old, INDArrayIndex... where) {
        INDArray out = fresh.dup();
        out.get(where).assign(old);
        return out;
    }

    /**
     * A copy of the fresh input weights {@code [2, inputs, 4 * h1]} in which the rows of new inputs (outside
     * {@code oldRows}) feed none of the old units' gate columns: old units must not see the new ones.
     */
    private static INDArray zeroOutgoing(INDArray fresh, int[][] oldRows, int inputs, int h0, int h1) {
        INDArray out = fresh.dup();
        boolean[] isOld = new boolean[inputs];
        for (int[] r : oldRows) {
            for (int i = r[0]; i < r[1]; i++) {
                isOld[i] = true;
            }
        }
        for (int i = 0; i < inputs; i++) {
            if (!isOld[i]) {
                for (int gate = 0; gate < 4; gate++) {
                    out.get(NDArrayIndex.all(), NDArrayIndex.point(i),
                            NDArrayIndex.interval(gate * h1, gate * h1 + h0)).assign(0);
                }
            }
        }
        return out;
    }
}
