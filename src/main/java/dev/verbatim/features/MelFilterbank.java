package dev.verbatim.features;

import java.util.Arrays;

/**
 * Triangular mel filters applied to a power spectrum.
 *
 * <p>Uses the HTK mel scale, {@code mel = 2595 log10(1 + f / 700)}. The {@code numMelBins + 2} filter
 * edges are equally spaced in mel between {@code lowFreqHz} and {@code highFreqHz}; filter {@code m}
 * rises linearly (in Hz) from edge {@code m} to a peak of 1 at edge {@code m + 1} and falls back to 0
 * at edge {@code m + 2}. Edges are kept in continuous Hz rather than rounded to FFT bins: each bin is
 * weighted by where its exact frequency {@code k * sampleRate / fftSize} falls in the triangle, so
 * narrow low-frequency filters do not collapse onto the same bin. Filters are not area-normalised.
 *
 * <p>A bank can be built for a vocal tract length perturbation (VTLP, Jaitly and Hinton 2013): every FFT bin is
 * weighted as if its frequency were {@link #warpHz warped} by a factor, which stretches (factor above 1) or squeezes
 * the spectral envelope as a shorter or longer vocal tract would. Training draws a factor per utterance so that the
 * few speakers of the corpus stand for more; inference always uses factor 1, the plain bank.
 *
 * <p>Immutable and thread-safe.
 */
public final class MelFilterbank {

    private final int numSpectrumBins;
    private final double[] centersHz;
    /** Index of the first FFT bin with a non-zero weight, per filter. */
    private final int[] firstBin;
    /** The non-zero weights of each filter, starting at {@link #firstBin}; a sparse row keeps apply() cheap. */
    private final float[][] taps;

    /** Below this frequency (for factor 1) {@link #warpHz} scales linearly; above, it bends to keep Nyquist fixed. */
    public static final double WARP_CUTOFF_HZ = 4800.0;

    /**
     * Builds the filters for {@code config}.
     *
     * @throws IllegalArgumentException if some filter is narrower than the FFT bin spacing and covers
     *                                  no bin at all (it would produce a constant, useless feature)
     */
    public MelFilterbank(FeatureConfig config) {
        this(config, 1.0);
    }

    /**
     * Builds the filters for {@code config} applied to a spectrum whose frequencies are {@link #warpHz warped} by
     * {@code warp}; 1 gives exactly the plain bank.
     *
     * @throws IllegalArgumentException if {@code warp} is not positive and finite, or some filter covers no bin
     */
    public MelFilterbank(FeatureConfig config, double warp) {
        if (!(warp > 0) || !Double.isFinite(warp)) {
            throw new IllegalArgumentException("warp factor must be positive and finite, got " + warp);
        }
        double nyquist = config.sampleRateHz() / 2.0;
        int numFilters = config.numMelBins();
        numSpectrumBins = config.fftSize() / 2 + 1;
        double binHz = (double) config.sampleRateHz() / config.fftSize();

        double lowMel = hzToMel(config.lowFreqHz());
        double melStep = (hzToMel(config.highFreqHz()) - lowMel) / (numFilters + 1);
        double[] edgesHz = new double[numFilters + 2];
        for (int i = 0; i < edgesHz.length; i++) {
            edgesHz[i] = melToHz(lowMel + i * melStep);
        }
        // Pin the outer edges to the configured values instead of their mel round trip.
        edgesHz[0] = config.lowFreqHz();
        edgesHz[numFilters + 1] = config.highFreqHz();

        centersHz = Arrays.copyOfRange(edgesHz, 1, numFilters + 1);
        firstBin = new int[numFilters];
        taps = new float[numFilters][];
        float[] row = new float[numSpectrumBins];
        for (int m = 0; m < numFilters; m++) {
            double left = edgesHz[m];
            double center = edgesHz[m + 1];
            double right = edgesHz[m + 2];
            int first = -1;
            int last = -1;
            for (int k = 0; k < numSpectrumBins; k++) {
                double f = warpHz(k * binHz, warp, nyquist);
                double w = Math.min((f - left) / (center - left), (right - f) / (right - center));
                row[k] = (float) Math.max(w, 0.0);
                if (row[k] > 0) {
                    if (first < 0) {
                        first = k;
                    }
                    last = k;
                }
            }
            if (first < 0) {
                throw new IllegalArgumentException(String.format(
                        "mel filter %d (%.1f..%.1f Hz) covers no FFT bin (bins are %.1f Hz apart); "
                                + "use fewer mel bins, a larger fftSize or a higher lowFreqHz",
                        m, left, right, binHz));
            }
            firstBin[m] = first;
            taps[m] = Arrays.copyOfRange(row, first, last + 1);
        }
    }

    /**
     * VTLP's piecewise-linear frequency warp: {@code f * warp} up to {@code WARP_CUTOFF_HZ * min(warp, 1) / warp},
     * then a straight line to {@code nyquist}, which stays fixed, so the warped spectrum still spans 0..Nyquist.
     * Factor 1 is the identity.
     */
    public static double warpHz(double hz, double warp, double nyquist) {
        if (warp == 1.0) {
            return hz;
        }
        double cutoff = WARP_CUTOFF_HZ * Math.min(warp, 1.0) / warp;
        if (hz <= cutoff) {
            return hz * warp;
        }
        double atCutoff = cutoff * warp;
        return nyquist - (nyquist - atCutoff) * (nyquist - hz) / (nyquist - cutoff);
    }

    /** Hz to mel on the HTK scale: {@code 2595 log10(1 + hz / 700)}. */
    public static double hzToMel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }

    /** Inverse of {@link #hzToMel}: {@code 700 (10^(mel / 2595) - 1)}. */
    public static double melToHz(double mel) {
        return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
    }

    /** Number of filters ({@code numMelBins}). */
    public int numFilters() {
        return taps.length;
    }

    /** Length of the power spectrum the filters expect ({@code fftSize / 2 + 1}). */
    public int numSpectrumBins() {
        return numSpectrumBins;
    }

    /** A fresh dense copy of the weights, {@code [numMelBins][fftSize / 2 + 1]}. */
    public float[][] weights() {
        float[][] dense = new float[taps.length][numSpectrumBins];
        for (int m = 0; m < taps.length; m++) {
            System.arraycopy(taps[m], 0, dense[m], firstBin[m], taps[m].length);
        }
        return dense;
    }

    /** A fresh copy of the filters' peak frequencies in Hz, ascending. */
    public double[] centerFrequenciesHz() {
        return centersHz.clone();
    }

    /**
     * Filter energies: {@code out[m] = sum_k weights[m][k] * powerSpectrum[k]}.
     *
     * @param powerSpectrum {@code |X_k|^2} for {@code k = 0 .. fftSize / 2}
     * @param out           receives {@code numMelBins} values
     */
    public void apply(float[] powerSpectrum, float[] out) {
        if (powerSpectrum.length != numSpectrumBins || out.length != taps.length) {
            throw new IllegalArgumentException("expected a spectrum of " + numSpectrumBins + " and an output of "
                    + taps.length + ", got " + powerSpectrum.length + " and " + out.length);
        }
        for (int m = 0; m < taps.length; m++) {
            float[] w = taps[m];
            int offset = firstBin[m];
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                sum += w[i] * powerSpectrum[offset + i];
            }
            out[m] = (float) sum;
        }
    }
}
