package dev.verbatim.features;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * Per-mel-bin mean and variance normalisation, {@code (x - mean) / max(std, 1e-5)}, with statistics
 * gathered over a training set and saved with the model (Jackson serialises it as
 * {@code {"mean": [...], "std": [...]}}).
 *
 * <p>Immutable and thread-safe. The floor on {@code std} is applied when normalising, not stored,
 * so the saved statistics are exactly those measured.
 */
public final class FeatureNormalizer {

    /** Smallest standard deviation divided by; keeps constant bins (e.g. at the log floor) finite. */
    public static final float MIN_STD = 1e-5f;

    private final float[] mean;
    private final float[] std;
    private final float[] invStd;

    /**
     * @param mean per-bin mean
     * @param std  per-bin (population) standard deviation, non-negative; same length as {@code mean}
     */
    @JsonCreator
    public FeatureNormalizer(@JsonProperty("mean") float[] mean, @JsonProperty("std") float[] std) {
        if (mean == null || std == null || mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("mean and std must be non-empty arrays of equal length");
        }
        this.mean = mean.clone();
        this.std = std.clone();
        this.invStd = new float[std.length];
        for (int i = 0; i < std.length; i++) {
            if (!Float.isFinite(mean[i]) || !(std[i] >= 0) || !Float.isFinite(std[i])) {
                throw new IllegalArgumentException("bad statistics for bin " + i + ": mean " + mean[i]
                        + ", std " + std[i]);
            }
            invStd[i] = 1f / Math.max(std[i], MIN_STD);
        }
    }

    /** A normaliser that leaves frames unchanged (mean 0, std 1). */
    public static FeatureNormalizer identity(int numBins) {
        float[] ones = new float[numBins];
        Arrays.fill(ones, 1f);
        return new FeatureNormalizer(new float[numBins], ones);
    }

    /** Starts gathering statistics over frames that are {@code numBins} wide. */
    public static Accumulator accumulator(int numBins) {
        return new Accumulator(numBins);
    }

    /** A copy of the per-bin means. */
    @JsonProperty("mean")
    public float[] mean() {
        return mean.clone();
    }

    /** A copy of the per-bin standard deviations, as measured (before the {@link #MIN_STD} floor). */
    @JsonProperty("std")
    public float[] std() {
        return std.clone();
    }

    /** Number of bins this normaliser expects per frame. */
    public int numBins() {
        return mean.length;
    }

    /** Normalises every frame in place. */
    public void applyInPlace(float[][] frames) {
        for (float[] frame : frames) {
            applyInPlace(frame);
        }
    }

    /** Normalises one frame in place. */
    public void applyInPlace(float[] frame) {
        if (frame.length != mean.length) {
            throw new IllegalArgumentException("frame has " + frame.length + " bins, expected " + mean.length);
        }
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (frame[i] - mean[i]) * invStd[i];
        }
    }

    /**
     * Running per-bin mean and variance. Each {@link #add} computes its batch's statistics in two
     * passes and merges them into the running totals with Chan et al.'s pairwise update, which stays
     * accurate for hours of audio where a naive sum of squares would cancel catastrophically
     * (log-mel values have means around -10 and variances of a few units). Not thread-safe.
     */
    public static final class Accumulator {

        private final int numBins;
        private long count;
        private final double[] mean;
        private final double[] m2;
        private final double[] batchMean;
        private final double[] batchM2;

        private Accumulator(int numBins) {
            if (numBins < 1) {
                throw new IllegalArgumentException("numBins must be at least 1, got " + numBins);
            }
            this.numBins = numBins;
            this.mean = new double[numBins];
            this.m2 = new double[numBins];
            this.batchMean = new double[numBins];
            this.batchM2 = new double[numBins];
        }

        /** Adds frames of shape {@code [n][numBins]}; returns this for chaining. */
        public Accumulator add(float[][] frames) {
            int n = frames.length;
            if (n == 0) {
                return this;
            }
            Arrays.fill(batchMean, 0);
            Arrays.fill(batchM2, 0);
            for (float[] frame : frames) {
                if (frame.length != numBins) {
                    throw new IllegalArgumentException("frame has " + frame.length + " bins, expected " + numBins);
                }
                for (int i = 0; i < numBins; i++) {
                    batchMean[i] += frame[i];
                }
            }
            for (int i = 0; i < numBins; i++) {
                batchMean[i] /= n;
            }
            for (float[] frame : frames) {
                for (int i = 0; i < numBins; i++) {
                    double d = frame[i] - batchMean[i];
                    batchM2[i] += d * d;
                }
            }
            long total = count + n;
            for (int i = 0; i < numBins; i++) {
                double delta = batchMean[i] - mean[i];
                mean[i] += delta * n / total;
                m2[i] += batchM2[i] + delta * delta * ((double) count * n / total);
            }
            count = total;
            return this;
        }

        /** Number of frames added so far. */
        public long count() {
            return count;
        }

        /**
         * The normaliser for everything added so far (population standard deviation).
         *
         * @throws IllegalStateException if no frames were added
         */
        public FeatureNormalizer finish() {
            if (count == 0) {
                throw new IllegalStateException("no frames were added");
            }
            float[] meanOut = new float[numBins];
            float[] stdOut = new float[numBins];
            for (int i = 0; i < numBins; i++) {
                meanOut[i] = (float) mean[i];
                stdOut[i] = (float) Math.sqrt(m2[i] / count);
            }
            return new FeatureNormalizer(meanOut, stdOut);
        }
    }
}
