package dev.verbatim.features;

/**
 * Parameters of the log-mel front end. Saved verbatim in a model's {@code config.json}, so a model is
 * always decoded with the features it was trained on.
 *
 * <p>The compact constructor validates every field, so an instance (including one read back from
 * JSON) is always usable by {@link MelFilterbank} and {@link LogMelExtractor}.
 *
 * @param sampleRateHz audio sample rate the features expect
 * @param windowMs     analysis window length in milliseconds
 * @param hopMs        distance between the starts of consecutive frames, in milliseconds; at most
 *                     {@code windowMs} so that no audio is skipped
 * @param fftSize      FFT length; a power of two, at least {@link #windowSamples()}
 * @param numMelBins   number of triangular mel filters, i.e. the width of a feature frame
 * @param lowFreqHz    lower edge of the lowest mel filter
 * @param highFreqHz   upper edge of the highest mel filter; at most the Nyquist frequency
 * @param logFloor     filter energies are clamped to at least this before taking the log
 */
public record FeatureConfig(int sampleRateHz, double windowMs, double hopMs, int fftSize, int numMelBins,
                            double lowFreqHz, double highFreqHz, double logFloor) {

    public FeatureConfig {
        require(sampleRateHz > 0, "sampleRateHz must be positive, got " + sampleRateHz);
        require(windowMs > 0 && Double.isFinite(windowMs), "windowMs must be positive, got " + windowMs);
        require(hopMs > 0 && Double.isFinite(hopMs), "hopMs must be positive, got " + hopMs);
        long window = toSamples(sampleRateHz, windowMs);
        long hop = toSamples(sampleRateHz, hopMs);
        require(window >= 1, "windowMs " + windowMs + " is shorter than one sample at " + sampleRateHz + " Hz");
        require(hop >= 1, "hopMs " + hopMs + " is shorter than one sample at " + sampleRateHz + " Hz");
        require(hop <= window, "hopMs " + hopMs + " must not exceed windowMs " + windowMs
                + " (frames would skip audio)");
        require(fftSize > 0 && Integer.bitCount(fftSize) == 1,
                "fftSize must be a positive power of two, got " + fftSize);
        require(fftSize >= window, "fftSize " + fftSize + " must be at least the window length of "
                + window + " samples (" + windowMs + " ms at " + sampleRateHz + " Hz)");
        require(numMelBins >= 1, "numMelBins must be at least 1, got " + numMelBins);
        require(lowFreqHz >= 0 && Double.isFinite(lowFreqHz), "lowFreqHz must be >= 0, got " + lowFreqHz);
        require(highFreqHz > lowFreqHz && Double.isFinite(highFreqHz),
                "highFreqHz " + highFreqHz + " must be greater than lowFreqHz " + lowFreqHz);
        require(highFreqHz <= sampleRateHz / 2.0, "highFreqHz " + highFreqHz
                + " must not exceed the Nyquist frequency " + sampleRateHz / 2.0 + " Hz");
        require(logFloor > 0 && Double.isFinite(logFloor), "logFloor must be positive, got " + logFloor);
    }

    /** 16 kHz, 25 ms windows every 10 ms, 512-point FFT, 80 mel bins over 20..7600 Hz, floor 1e-10. */
    public static FeatureConfig defaults() {
        return new FeatureConfig(16000, 25.0, 10.0, 512, 80, 20.0, 7600.0, 1e-10);
    }

    /** Window length in samples ({@code windowMs} at the sample rate, rounded to the nearest sample). */
    public int windowSamples() {
        return (int) toSamples(sampleRateHz, windowMs);
    }

    /** Hop length in samples ({@code hopMs} at the sample rate, rounded to the nearest sample). */
    public int hopSamples() {
        return (int) toSamples(sampleRateHz, hopMs);
    }

    /**
     * Number of frames {@link LogMelExtractor#extract} produces for {@code numSamples} samples: 0 for
     * no audio, otherwise {@code 1 + ceil(max(n - window, 0) / hop)}. A final partial window is padded
     * with zeros rather than dropped, so every sample is covered by at least one frame.
     */
    public int numFrames(int numSamples) {
        if (numSamples < 0) {
            throw new IllegalArgumentException("numSamples must be >= 0, got " + numSamples);
        }
        if (numSamples == 0) {
            return 0;
        }
        int window = windowSamples();
        int hop = hopSamples();
        long beyondFirst = Math.max(numSamples - window, 0);
        return (int) (1 + (beyondFirst + hop - 1) / hop);
    }

    private static long toSamples(int sampleRateHz, double ms) {
        // Rounding, not truncation: 25 ms * 16 kHz may come out as 399.99999 after JSON round trips.
        double samples = sampleRateHz * ms / 1000.0;
        require(samples < Integer.MAX_VALUE, ms + " ms is too long");
        return Math.round(samples);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
