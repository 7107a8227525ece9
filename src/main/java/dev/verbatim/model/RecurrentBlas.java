package dev.verbatim.model;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The LSTM recurrence's per-step matrix products ({@code [N, h] x [h, 4h]} and its transpose) as OpenBLAS calls on
 * native buffers: the OpenBLAS library that ND4J itself loads, called directly, because each product is too small
 * for an ND4J op to pay its overhead and ten times too slow as a Java loop (measured: 2 threads, N = 48, h = 256:
 * 12 GFLOPS in Java, 128 GFLOPS with one BLAS thread per LSTM direction).
 *
 * <p>An instance belongs to one thread (one LSTM direction of one training step) and must be closed.
 */
final class RecurrentBlas implements AutoCloseable {
    static {
        Loader.load(openblas_nolapack.class);
    }

    private final int n;
    private final int h;
    private final int g;
    private final FloatPointer weights; // [h, 4h] row-major
    private final FloatPointer small;   // [n, h]
    private final FloatPointer large;   // [n, 4h]

    /** @param wr the recurrent weights {@code [h, 4h]}, row-major */
    RecurrentBlas(float[] wr, int n, int h) {
        this.n = n;
        this.h = h;
        this.g = 4 * h;
        this.weights = new FloatPointer(wr);
        this.small = new FloatPointer((long) n * h);
        this.large = new FloatPointer((long) n * g);
    }

    /** {@code z[zOff ..] += hPrev x Wr}: {@code [n, 4h] += [n, h] x [h, 4h]}. */
    void addRecurrent(float[] hPrev, float[] z, int zOff) {
        small.put(hPrev, 0, n * h).position(0);
        large.put(z, zOff, n * g).position(0);
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                openblas_nolapack.CblasNoTrans, n, g, h, 1f, small, h, weights, g, 1f, large, g);
        large.get(z, zOff, n * g);
    }

    /** {@code dh = dz[dzOff ..] x Wr^T}: {@code [n, h] = [n, 4h] x [4h, h]}. */
    void backRecurrent(float[] dz, int dzOff, float[] dh) {
        large.put(dz, dzOff, n * g).position(0);
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                openblas_nolapack.CblasTrans, n, h, g, 1f, large, g, weights, g, 0f, small, h);
        small.get(dh, 0, n * h);
    }

    /**
     * Runs the two directions of a layer in parallel with one BLAS thread each (two concurrent multi-threaded calls
     * only contend for the same cores), then restores ND4J's BLAS thread count.
     */
    static void inParallelSingleThreaded(Runnable first, Runnable second) {
        int before = openblas_nolapack.blas_get_num_threads();
        openblas_nolapack.blas_set_num_threads(1);
        try {
            InferenceNetwork.inParallel(first, second);
        } finally {
            if (before > 0) {
                openblas_nolapack.blas_set_num_threads(before);
            }
        }
    }

    @Override
    public void close() {
        weights.close();
        small.close();
        large.close();
    }
}
