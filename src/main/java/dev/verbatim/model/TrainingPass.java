package dev.verbatim.model;

import static dev.verbatim.model.InferenceNetwork.copy;
import static dev.verbatim.model.InferenceNetwork.matmul;
import static dev.verbatim.model.InferenceNetwork.sigmoid;
import static dev.verbatim.model.InferenceNetwork.tanh;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One training step's loss and parameter gradients for a padded batch: the function of {@link AcousticModel}'s graph
 * and the mean of the gradients the graph gives for each utterance alone (a test holds them equal), computed about
 * three times faster, without native memory leaks, and right on padded batches, where libnd4j's LSTM backward op is
 * not.
 *
 * <p>Why: profiling a training step (2 cores, 128 units, 8,000-frame batch) put 91 % of its time in libnd4j's
 * {@code lstmLayer} op and its backward op, which run every time step's input projection and weight gradient as a
 * small matrix product, and whose backward op leaks native memory on every call (so training had to restart its
 * process every 50-100 steps). Here:
 * <ul>
 *   <li>the Conv1D is one BLAS product over unfolded frames, its weight gradient another;</li>
 *   <li>each LSTM layer's input projections, weight gradients and input gradient are single BLAS products over all
 *       time steps of the batch; only the recurrence (one {@code [N, h] x [h, 4h]} product per step) and the gate
 *       arithmetic run step by step, in Java, the two directions in parallel;</li>
 *   <li>the dense output layer, log-softmax and CTC loss stay a SameDiff graph,
 *       whose gradient with respect to its input starts the backward pass
 *       ({@link AcousticModel#headGradients}).</li>
 * </ul>
 * Arrays inside are time-major: row {@code t * N + n} is frame t of example n. The backward direction of an LSTM
 * works on each example reversed within its own length, so padding always comes after the real frames.
 */
public final class TrainingPass {
    /** The mean CTC loss over the batch, and d(loss)/d(parameter) by parameter name. */
    public record Result(double loss, Map<String, INDArray> gradients) {
    }

    private final AcousticModel model;
    private final ModelConfig config;

    TrainingPass(AcousticModel model) {
        this.model = model;
        this.config = model.config();
    }

    /**
     * Loss and gradients.
     *
     * @param features     {@code [N, T, bins]} normalised frames, zero past each example's length
     * @param outputFrames output frames per example ({@link ModelConfig#outputFrames} of its input frames)
     * @param labels       {@code [N, S]} int32 label indices
     * @param labelLengths {@code [N]} int32
     */
    Result run(INDArray features, int[] outputFrames, INDArray labels, INDArray labelLengths) {
        Map<String, INDArray> p = model.parameters();
        int n = (int) features.size(0);
        int frames = (int) features.size(1);
        int t = config.outputFrames(frames);
        int[] len = clampLengths(outputFrames, t);

        // ---- forward
        float[] unfolded = unfold(features, n, frames, t, len);
        int kb = config.convKernel() * config.inputBins();
        int channels = config.convChannels();
        INDArray kernel = p.get("conv_W").reshape(kb, channels);
        float[] conv = matmul(unfolded, n * t, kb, kernel);
        float[] convBias = p.get("conv_b").data().asFloat();
        for (int row = 0; row < n * t; row++) {
            boolean valid = row / n < len[row % n];
            for (int c = 0; c < channels; c++) {
                int i = row * channels + c;
                conv[i] = valid ? Math.max(0f, conv[i] + convBias[c]) : 0f;
            }
        }
        Layer[] layers = new Layer[config.lstmLayers()];
        float[] x = conv;
        int width = channels;
        for (int l = 0; l < layers.length; l++) {
            layers[l] = new Layer(x, width, n, t, len, p.get("lstm" + l + "_Wx"), p.get("lstm" + l + "_Wr"),
                    p.get("lstm" + l + "_b"));
            layers[l].forward();
            x = layers[l].output;
            width = 2 * config.lstmHidden();
        }

        // ---- head (SameDiff): loss and its gradient with respect to the encoder output
        INDArray encoded = Nd4j.create(toBatchMajor(x, n, t, width), new long[] {n, t, width}, 'c');
        INDArray lengths = Nd4j.createFromArray(len);
        Map<String, INDArray> ph = new LinkedHashMap<>();
        ph.put(AcousticModel.ENCODED, encoded);
        ph.put(AcousticModel.FRAME_LENGTHS, lengths);
        ph.put(AcousticModel.LABELS, labels);
        ph.put(AcousticModel.LABEL_LENGTHS, labelLengths);
        var headResult = model.headGradients(ph);
        double loss = headResult.getOutputs().get(AcousticModel.LOSS).getDouble(0);
        Map<String, INDArray> grads = new LinkedHashMap<>();
        INDArray dEncoded = headResult.getGradients().get(AcousticModel.ENCODED);
        float[] dx = toTimeMajor(copy(dEncoded), n, t, width);

        // ---- backward
        for (int l = layers.length - 1; l >= 0; l--) {
            dx = layers[l].backward(dx);
            grads.put("lstm" + l + "_Wx", layers[l].dWx);
            grads.put("lstm" + l + "_Wr", layers[l].dWr);
            grads.put("lstm" + l + "_b", layers[l].db);
        }
        for (int i = 0; i < dx.length; i++) {
            if (conv[i] <= 0f) {
                dx[i] = 0f; // ReLU (and padding, whose output is 0)
            }
        }
        INDArray dConvOut = Nd4j.create(dx, new long[] {(long) n * t, channels}, 'c');
        INDArray u = Nd4j.create(unfolded, new long[] {(long) n * t, kb}, 'c');
        INDArray dKernel = Nd4j.gemm(u, dConvOut, true, false);
        grads.put("conv_W", dKernel.reshape(config.convKernel(), config.inputBins(), channels));
        grads.put("conv_b", dConvOut.sum(0));
        grads.put("out_W", headResult.getGradients().get("out_W"));
        grads.put("out_b", headResult.getGradients().get("out_b"));
        AcousticModel.close(u, dConvOut, encoded, lengths);
        Map<String, INDArray> ordered = new LinkedHashMap<>();
        for (String name : model.parameterNames()) {
            ordered.put(name, grads.get(name));
        }
        return new Result(loss, ordered);
    }

    private static int[] clampLengths(int[] outputFrames, int t) {
        int[] len = new int[outputFrames.length];
        for (int i = 0; i < len.length; i++) {
            len[i] = Math.max(0, Math.min(t, outputFrames[i]));
        }
        return len;
    }

    /**
     * Conv1D input rows, time-major: row {@code i * N + n} holds example n's input frames {@code i*s - (k-1)/2 ...
     * i*s + (k-1)/2} (zero outside the padded batch, as the graph's explicit padding), for valid output frames only.
     */
    private float[] unfold(INDArray features, int n, int frames, int t, int[] len) {
        int k = config.convKernel();
        int bins = config.inputBins();
        int pad = (k - 1) / 2;
        float[] x = copy(features);
        float[] u = new float[n * t * k * bins];
        for (int i = 0; i < t; i++) {
            for (int e = 0; e < n; e++) {
                if (i >= len[e]) {
                    continue;
                }
                int row = i * n + e;
                for (int j = 0; j < k; j++) {
                    int src = i * config.convStride() + j - pad;
                    if (src >= 0 && src < frames) {
                        System.arraycopy(x, (e * frames + src) * bins, u, (row * k + j) * bins, bins);
                    }
                }
            }
        }
        return u;
    }

    /** Time-major {@code [t*n, width]} rows to batch-major {@code [n*t, width]}. */
    private static float[] toBatchMajor(float[] x, int n, int t, int width) {
        return swapMajor(x, t, n, width);
    }

    /** Batch-major {@code [n*t, width]} rows to time-major {@code [t*n, width]}. */
    private static float[] toTimeMajor(float[] x, int n, int t, int width) {
        return swapMajor(x, n, t, width);
    }

    /** Rows {@code i * inner + j} (i < outer) of width {@code width} moved to {@code j * outer + i}. */
    private static float[] swapMajor(float[] x, int outer, int inner, int width) {
        float[] out = new float[x.length];
        for (int i = 0; i < outer; i++) {
            for (int j = 0; j < inner; j++) {
                System.arraycopy(x, (i * inner + j) * width, out, (j * outer + i) * width, width);
            }
        }
        return out;
    }

    /** One bidirectional LSTM layer of a batch: forward keeps what backward needs. */
    private final class Layer {
        final float[] input;      // [t*n, width], time-major, natural time order
        final int width;
        final int n;
        final int t;
        final int[] len;
        final INDArray wxAll;
        final INDArray wrAll;
        final INDArray bAll;
        final int h = config.lstmHidden();
        final Direction[] dirs = new Direction[2];
        float[] output;           // [t*n, 2h]
        INDArray dWx;
        INDArray dWr;
        INDArray db;

        Layer(float[] input, int width, int n, int t, int[] len, INDArray wx, INDArray wr, INDArray b) {
            this.input = input;
            this.width = width;
            this.n = n;
            this.t = t;
            this.len = len;
            this.wxAll = wx;
            this.wrAll = wr;
            this.bAll = b;
        }

        void forward() {
            for (int d = 0; d < 2; d++) {
                float[] x = d == 0 ? input : reverse(input, width);
                INDArray wx = wxAll.get(NDArrayIndex.point(d), NDArrayIndex.all(), NDArrayIndex.all());
                float[] z = matmul(x, t * n, width, wx); // every step's input projection at once
                float[] wr = copy(wrAll.get(NDArrayIndex.point(d), NDArrayIndex.all(), NDArrayIndex.all()));
                dirs[d] = new Direction(x, z, wr, copy(bAll.get(NDArrayIndex.point(d), NDArrayIndex.all())));
            }
            RecurrentBlas.inParallelSingleThreaded(dirs[0]::forward, dirs[1]::forward);
            output = new float[t * n * 2 * h];
            float[] back = reverse(dirs[1].hs, h);
            for (int row = 0; row < t * n; row++) {
                System.arraycopy(dirs[0].hs, row * h, output, row * 2 * h, h);
                System.arraycopy(back, row * h, output, row * 2 * h + h, h);
            }
        }

        /** Takes d(loss)/d(output) {@code [t*n, 2h]}; sets the weight gradients; returns d(loss)/d(input). */
        float[] backward(float[] dOutput) {
            float[] dh0 = new float[t * n * h];
            float[] dh1 = new float[t * n * h];
            for (int row = 0; row < t * n; row++) {
                System.arraycopy(dOutput, row * 2 * h, dh0, row * h, h);
                System.arraycopy(dOutput, row * 2 * h + h, dh1, row * h, h);
            }
            float[] dh1r = reverse(dh1, h);
            RecurrentBlas.inParallelSingleThreaded(() -> dirs[0].backward(dh0), () -> dirs[1].backward(dh1r));
            int g = 4 * h;
            dWx = Nd4j.create(DataType.FLOAT, 2, width, g);
            dWr = Nd4j.create(DataType.FLOAT, 2, h, g);
            db = Nd4j.create(DataType.FLOAT, 2, g);
            float[] dInput = new float[t * n * width];
            for (int d = 0; d < 2; d++) {
                Direction dir = dirs[d];
                INDArray dz = Nd4j.create(dir.dz, new long[] {(long) t * n, g}, 'c');
                INDArray x = Nd4j.create(dir.x, new long[] {(long) t * n, width}, 'c');
                // h_{s-1} for every step: the step outputs shifted down by one step (n rows), zeros first
                float[] prev = new float[t * n * h];
                System.arraycopy(dir.hs, 0, prev, n * h, (t - 1) * n * h);
                INDArray hPrev = Nd4j.create(prev, new long[] {(long) t * n, h}, 'c');
                dWx.get(NDArrayIndex.point(d), NDArrayIndex.all(), NDArrayIndex.all())
                        .assign(Nd4j.gemm(x, dz, true, false));
                dWr.get(NDArrayIndex.point(d), NDArrayIndex.all(), NDArrayIndex.all())
                        .assign(Nd4j.gemm(hPrev, dz, true, false));
                db.get(NDArrayIndex.point(d), NDArrayIndex.all()).assign(dz.sum(0));
                INDArray wx = wxAll.get(NDArrayIndex.point(d), NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
                INDArray dxd = Nd4j.gemm(dz, wx, false, true);
                float[] part = copy(dxd);
                if (d == 1) {
                    part = reverse(part, width);
                }
                for (int i = 0; i < part.length; i++) {
                    dInput[i] += part[i];
                }
                AcousticModel.close(wx, dxd);
                AcousticModel.close(dz, x, hPrev);
            }
            return dInput;
        }

        /** Each example's rows reversed within its own length; rows past the length are zero. */
        float[] reverse(float[] a, int cols) {
            float[] out = new float[a.length];
            for (int e = 0; e < n; e++) {
                for (int s = 0; s < len[e]; s++) {
                    System.arraycopy(a, ((len[e] - 1 - s) * n + e) * cols, out, (s * n + e) * cols, cols);
                }
            }
            return out;
        }

        /** One direction, in its processing order (step s, example e at row s*n + e). */
        private final class Direction {
            final float[] x;    // [t*n, width] its input
            final float[] z;    // [t*n, 4h] input projections, then the gate activations (i, f, g, o)
            final float[] wr;   // [h, 4h]
            final float[] bias; // [4h]
            final float[] cs;   // [t*n, h] cell states
            final float[] hs;   // [t*n, h] outputs
            float[] dz;         // [t*n, 4h] d(loss)/d(gate pre-activations)

            Direction(float[] x, float[] z, float[] wr, float[] bias) {
                this.x = x;
                this.z = z;
                this.wr = wr;
                this.bias = bias;
                this.cs = new float[t * n * h];
                this.hs = new float[t * n * h];
            }

            void forward() {
                int g = 4 * h;
                float[] hPrev = new float[n * h];
                float[] cPrev = new float[n * h];
                try (RecurrentBlas blas = new RecurrentBlas(wr, n, h)) {
                    for (int s = 0; s < t; s++) {
                        if (s > 0) {
                            blas.addRecurrent(hPrev, z, s * n * g); // every example's h_{s-1} x Wr at once
                        }
                        for (int e = 0; e < n; e++) {
                            int row = s * n + e;
                            int zo = row * g;
                            if (s >= len[e]) {
                                java.util.Arrays.fill(z, zo, zo + g, 0f);
                                continue;
                            }
                            int ho = e * h;
                            int so = row * h;
                            for (int u = 0; u < h; u++) {
                                float in = sigmoid(z[zo + u] + bias[u]);
                                float forget = sigmoid(z[zo + h + u] + bias[h + u]);
                                float cell = tanh(z[zo + 2 * h + u] + bias[2 * h + u]);
                                float out = sigmoid(z[zo + 3 * h + u] + bias[3 * h + u]);
                                z[zo + u] = in;
                                z[zo + h + u] = forget;
                                z[zo + 2 * h + u] = cell;
                                z[zo + 3 * h + u] = out;
                                float c = forget * cPrev[ho + u] + in * cell;
                                cPrev[ho + u] = c;
                                cs[so + u] = c;
                                float hv = out * tanh(c);
                                hPrev[ho + u] = hv;
                                hs[so + u] = hv;
                            }
                        }
                    }
                }
            }

            /** {@code dh}: d(loss)/d(output) in processing order. */
            void backward(float[] dh) {
                int g = 4 * h;
                dz = new float[t * n * g];
                float[] dhNext = new float[n * h];
                float[] dcNext = new float[n * h];
                try (RecurrentBlas blas = new RecurrentBlas(wr, n, h)) {
                    for (int s = t - 1; s >= 0; s--) {
                        for (int e = 0; e < n; e++) {
                            if (s >= len[e]) {
                                continue; // its dz rows stay zero, so its dhNext stays zero too
                            }
                            int row = s * n + e;
                            int zo = row * g;
                            int so = row * h;
                            int po = so - n * h; // previous step's row of example e
                            int ho = e * h;
                            for (int u = 0; u < h; u++) {
                                float in = z[zo + u];
                                float forget = z[zo + h + u];
                                float cell = z[zo + 2 * h + u];
                                float out = z[zo + 3 * h + u];
                                float c = cs[so + u];
                                float cPrev = s > 0 ? cs[po + u] : 0f;
                                float tc = tanh(c);
                                float dhv = dh[so + u] + dhNext[ho + u];
                                float dc = dcNext[ho + u] + dhv * out * (1 - tc * tc);
                                dz[zo + u] = dc * cell * in * (1 - in);
                                dz[zo + h + u] = dc * cPrev * forget * (1 - forget);
                                dz[zo + 2 * h + u] = dc * in * (1 - cell * cell);
                                dz[zo + 3 * h + u] = dhv * tc * out * (1 - out);
                                dcNext[ho + u] = dc * forget;
                            }
                        }
                        if (s > 0) {
                            blas.backRecurrent(dz, s * n * g, dhNext); // dhNext = dz_s x Wr^T, every example
                        }
                    }
                }
            }
        }
    }
}
