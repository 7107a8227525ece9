package dev.verbatim.model;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The acoustic model's forward pass for one utterance, computed without SameDiff's LSTM op: the large matrix
 * products (the Conv1D as one product over unfolded frames, each LSTM layer's input projection) go to ND4J's BLAS, and
 * the LSTM recurrence runs in Java, the two directions of a layer in parallel.
 *
 * <p>Why: libnd4j 1.0.0-M2.1's {@code lstmLayer} op leaks native memory on every forward call, in proportion to the
 * sequence length (measured: about 0.6 MB per call on 15 s of audio at 192 units, growing without bound; a one-hour
 * recording ended at over 1 GB resident). Transcribing folders overnight or listening for hours must not grow. The
 * graph in {@link AcousticModel} stays the reference (training uses it) and a test holds the two to the same
 * output.
 *
 * <p>It reads the model's live parameter arrays on every call, so it always computes with the current weights (the
 * REPL fine-tunes a loaded model in place). Stateless, so safe to call from several threads.
 */
final class InferenceNetwork {
    /**
     * Runs the backward directions. Cached threads (daemons, so they never keep the JVM alive): one per caller that is
     * decoding at the same moment, reused afterwards.
     */
    private static final ExecutorService BACKWARD = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "verbatim-lstm-backward");
        t.setDaemon(true);
        return t;
    });

    private final ModelConfig config;

    InferenceNetwork(ModelConfig config) {
        this.config = config;
    }

    /** Log-probabilities {@code [outputFrames][vocabulary]} for normalised frames {@code [T][bins]}, T > 0. */
    float[][] logProbs(float[][] frames, Map<String, INDArray> p) {
        int t = config.outputFrames(frames.length);
        float[] x = conv(frames, p.get("conv_W"), p.get("conv_b"), t);
        int width = config.convChannels();
        for (int layer = 0; layer < config.lstmLayers(); layer++) {
            String n = "lstm" + layer;
            x = biLstm(x, t, width, p.get(n + "_Wx"), p.get(n + "_Wr"), p.get(n + "_b"));
            width = 2 * config.lstmHidden();
        }
        float[] logits = matmul(x, t, width, p.get("out_W"));
        float[] bias = p.get("out_b").data().asFloat();
        int vocab = config.vocabularySize();
        float[][] out = new float[t][vocab];
        for (int i = 0; i < t; i++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < vocab; k++) {
                out[i][k] = logits[i * vocab + k] + bias[k];
                max = Math.max(max, out[i][k]);
            }
            double sum = 0;
            for (int k = 0; k < vocab; k++) {
                sum += Math.exp(out[i][k] - max);
            }
            float logZ = (float) (max + Math.log(sum));
            for (int k = 0; k < vocab; k++) {
                out[i][k] -= logZ;
            }
        }
        return out;
    }

    /**
     * Conv1D (kernel k, stride s, (k-1)/2 zero frames each side) + ReLU as one product: row i of the unfolded matrix
     * holds input frames i*s - (k-1)/2 ... i*s + (k-1)/2, which times the kernel {@code [k * bins, channels]} gives
     * output frame i.
     */
    private float[] conv(float[][] frames, INDArray w, INDArray b, int outFrames) {
        int k = config.convKernel();
        int bins = config.inputBins();
        int pad = (k - 1) / 2;
        float[] unfolded = new float[outFrames * k * bins];
        for (int i = 0; i < outFrames; i++) {
            for (int j = 0; j < k; j++) {
                int src = i * config.convStride() + j - pad;
                if (src >= 0 && src < frames.length) {
                    System.arraycopy(frames[src], 0, unfolded, (i * k + j) * bins, bins);
                }
            }
        }
        INDArray kernel = w.reshape(k * (long) bins, config.convChannels());
        float[] y = matmul(unfolded, outFrames, k * bins, kernel);
        float[] bias = b.data().asFloat();
        int c = config.convChannels();
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(0f, y[i] + bias[i % c]);
        }
        return y;
    }

    /** {@code [rows, cols]} (row-major) times {@code w [cols, n]}, via ND4J. */
    static float[] matmul(float[] a, int rows, int cols, INDArray w) {
        INDArray x = Nd4j.create(a, new long[] {rows, cols}, 'c');
        INDArray y = x.mmul(w);
        float[] out = copy(y);
        AcousticModel.close(x, y);
        return out;
    }

    /** One bidirectional LSTM layer: input {@code [t, width]}, output {@code [t, 2 * hidden]} (forward | backward). */
    private float[] biLstm(float[] x, int t, int width, INDArray wx, INDArray wr, INDArray b) {
        int h = config.lstmHidden();
        float[] out = new float[t * 2 * h];
        inParallel(() -> direction(x, t, width, wx, wr, b, 0, out), () -> direction(x, t, width, wx, wr, b, 1, out));
        return out;
    }

    /** Runs {@code first} on this thread and {@code second} on a pool thread (an LSTM layer's two directions). */
    static void inParallel(Runnable first, Runnable second) {
        Future<?> other = BACKWARD.submit(second);
        first.run();
        try {
            other.get();
        } catch (InterruptedException e) {
            other.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * One direction ({@code d} 0 forward, 1 backward) of an LSTM layer with libnd4j's gate order (input, forget,
     * cell, output) and activations (sigmoid gates, tanh cell and output), written into columns
     * {@code [d * hidden, (d + 1) * hidden)} of {@code out}.
     */
    private void direction(float[] x, int t, int width, INDArray wxAll, INDArray wrAll, INDArray bAll, int d,
            float[] out) {
        int h = config.lstmHidden();
        int g = 4 * h;
        INDArray wx = wxAll.get(NDArrayIndex.point(d), NDArrayIndex.all(), NDArrayIndex.all());
        float[] z = matmul(x, t, width, wx); // [t, 4h]: every step's input projection in one product
        float[] wr = copy(wrAll.get(NDArrayIndex.point(d), NDArrayIndex.all(), NDArrayIndex.all())); // [h, 4h]
        float[] bias = copy(bAll.get(NDArrayIndex.point(d), NDArrayIndex.all()));
        float[] hPrev = new float[h];
        float[] c = new float[h];
        float[] gates = new float[g];
        for (int step = 0; step < t; step++) {
            int time = d == 0 ? step : t - 1 - step;
            System.arraycopy(z, time * g, gates, 0, g);
            for (int i = 0; i < g; i++) {
                gates[i] += bias[i];
            }
            if (step > 0) {
                addRecurrent(hPrev, wr, gates);
            }
            int o = time * 2 * h + d * h;
            for (int u = 0; u < h; u++) {
                float in = sigmoid(gates[u]);
                float forget = sigmoid(gates[h + u]);
                float cell = tanh(gates[2 * h + u]);
                float output = sigmoid(gates[3 * h + u]);
                c[u] = forget * c[u] + in * cell;
                hPrev[u] = output * tanh(c[u]);
                out[o + u] = hPrev[u];
            }
        }
    }

    /**
     * {@code gates += hPrev x Wr} ({@code [h] x [h, 4h]}, row-major), four rows of {@code Wr} per pass over the gates:
     * a loop the JIT vectorises, loading and storing the gates a quarter as often as one row per pass. The recurrence
     * is most of inference time; at h = 384 this form took {@code bench file}'s real-time factor from about 0.08 to
     * 0.05.
     */
    static void addRecurrent(float[] hPrev, float[] wr, float[] gates) {
        int h = hPrev.length;
        int g = gates.length;
        int j = 0;
        for (; j + 4 <= h; j += 4) {
            float h0 = hPrev[j];
            float h1 = hPrev[j + 1];
            float h2 = hPrev[j + 2];
            float h3 = hPrev[j + 3];
            int r0 = j * g;
            int r1 = r0 + g;
            int r2 = r1 + g;
            int r3 = r2 + g;
            for (int i = 0; i < g; i++) {
                gates[i] += (h0 * wr[r0 + i] + h1 * wr[r1 + i]) + (h2 * wr[r2 + i] + h3 * wr[r3 + i]);
            }
        }
        for (; j < h; j++) {
            float hj = hPrev[j];
            int row = j * g;
            for (int i = 0; i < g; i++) {
                gates[i] += hj * wr[row + i];
            }
        }
    }

    /** The values of an array or a (possibly strided) view, in row-major order. */
    static float[] copy(INDArray a) {
        if (a.ordering() == 'c' && !a.isView()) {
            return a.data().asFloat();
        }
        INDArray dense = a.dup('c');
        float[] out = dense.data().asFloat();
        AcousticModel.close(dense);
        return out;
    }

    /**
     * tanh through one {@link Math#exp} (an intrinsic; {@link Math#tanh} is not, and was a tenth of a training step
     * and of inference): {@code 1 - 2 / (e^{2x} + 1)}, within 1e-7 of it, exact at the limits.
     */
    static float tanh(float x) {
        return (float) (1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0));
    }

    static float sigmoid(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-v)));
    }
}
