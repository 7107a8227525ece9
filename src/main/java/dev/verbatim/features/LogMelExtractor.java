package dev.verbatim.features;

import be.tarsos.dsp.util.fft.HannWindow;
import java.util.Arrays;

/**
 * Turns mono audio into log-mel frames, {@code [numFrames][numMelBins]}.
 *
 * <p>Per frame: take {@code windowSamples} samples starting at {@code t * hopSamples}; subtract their
 * mean (DC); pre-emphasise with {@code y[i] = x[i] - 0.97 x[i-1]} (the first sample uses itself as its
 * predecessor, so frames stay independent of each other); multiply by a symmetric Hann window;
 * zero-pad to {@code fftSize}; take the power spectrum {@code |X|^2}; apply the {@link MelFilterbank};
 * take {@code ln(max(energy, logFloor))}.
 *
 * <p>Framing: the audio is treated as if followed by silence. The last frame is the first one that
 * reaches the end of the audio, zero-padded where it runs past it, so no sample is dropped. Hence
 * {@code numFrames = 0} for empty input and {@code 1 + ceil(max(n - window, 0) / hop)} otherwise, as
 * given by {@link FeatureConfig#numFrames(int)}.
 *
 * <p>Samples are expected as floats in {@code [-1, 1]}; the FFT is unnormalised, so a full-scale sine
 * gives filter energies of order {@code (window / 4)^2} and the default floor of 1e-10 sits well below
 * any real recording's noise.
 *
 * <p><b>Not thread-safe</b>: an instance reuses its scratch buffers so that extraction allocates only
 * the output. Construction is cheap (a few hundred microseconds), so give each thread its own instance.
 */
public final class LogMelExtractor {

    private static final float PRE_EMPHASIS = 0.97f;

    private final FeatureConfig config;
    private final MelFilterbank filterbank;
    private final PowerSpectrum spectrum;
    private final float[] window;
    private final float[] frame;
    private final float[] power;

    public LogMelExtractor(FeatureConfig config) {
        this(config, 1.0);
    }

    /**
     * An extractor whose filterbank sees the spectrum {@linkplain MelFilterbank#warpHz warped} by {@code warp}
     * (vocal tract length perturbation, for training); 1 is the plain extractor.
     */
    public LogMelExtractor(FeatureConfig config, double warp) {
        this.config = config;
        this.filterbank = new MelFilterbank(config, warp);
        this.spectrum = new PowerSpectrum(config.fftSize());
        int win = config.windowSamples();
        // TarsosDSP's symmetric Hann divides by (length - 1): a one-sample window would be NaN.
        this.window = win == 1 ? new float[] {1f} : new HannWindow().generateCurve(win);
        this.frame = new float[config.fftSize()];
        this.power = new float[config.fftSize() / 2 + 1];
    }

    /** The configuration this extractor was built from. */
    public FeatureConfig config() {
        return config;
    }

    /**
     * Extracts all frames of {@code samples}.
     *
     * @return {@code [config().numFrames(samples.length)][numMelBins]} natural-log mel energies
     */
    public float[][] extract(float[] samples) {
        int numFrames = config.numFrames(samples.length);
        int hop = config.hopSamples();
        float[][] out = new float[numFrames][config.numMelBins()];
        for (int t = 0; t < numFrames; t++) {
            computeFrame(samples, t * hop, out[t]);
        }
        return out;
    }

    private void computeFrame(float[] samples, int start, float[] out) {
        int win = window.length;
        int available = Math.min(win, samples.length - start);
        System.arraycopy(samples, start, frame, 0, available);
        // Zeros both for the padded tail of the last frame and the FFT padding beyond the window.
        Arrays.fill(frame, available, frame.length, 0f);

        double sum = 0;
        for (int i = 0; i < win; i++) {
            sum += frame[i];
        }
        float mean = (float) (sum / win);
        for (int i = 0; i < win; i++) {
            frame[i] -= mean;
        }
        // Backwards so each step still sees the unfiltered previous sample.
        for (int i = win - 1; i > 0; i--) {
            frame[i] -= PRE_EMPHASIS * frame[i - 1];
        }
        frame[0] -= PRE_EMPHASIS * frame[0];
        for (int i = 0; i < win; i++) {
            frame[i] *= window[i];
        }

        spectrum.compute(frame, power);
        filterbank.apply(power, out);
        double floor = config.logFloor();
        for (int m = 0; m < out.length; m++) {
            out[m] = (float) Math.log(Math.max(out[m], floor));
        }
    }
}
