package dev.verbatim.augment;

import dev.verbatim.audio.Resampling;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * On-the-fly training data augmentation: random speed, reverberation, noise, silence padding and
 * gain on 16 kHz mono waveforms in [-1, 1], and SpecAugment masks on log-mel frames.
 *
 * <p>The acoustic model is trained on a modest corpus of fairly clean recordings; distorting every
 * utterance a little differently each time it is seen teaches it to ignore speaking rate, rooms,
 * background noise and level, and SpecAugment keeps it from leaning on any single band or moment.
 *
 * <p>Every random choice comes from the {@link Random} passed in, so a given seed always gives the
 * same result. {@link #waveform} and {@link #specAugment} take one {@code long} from it to seed a
 * private generator: {@code java.util.Random}'s first outputs for nearby seeds (say {@code seed +
 * utteranceIndex}) are nearly equal, and would otherwise make the same choices for every utterance.
 * Instances are immutable and thread-safe (give each thread its own {@code Random}); the static
 * signal helpers are pure functions of their arguments and never change their inputs.
 */
public final class Augmenter {

    /** Sample rate of the waveforms {@link #waveform} expects and returns. */
    public static final int SAMPLE_RATE = 16000;

    /** Padding noise is drawn between these RMS levels relative to full scale. */
    private static final double PAD_MIN_DBFS = -70;
    private static final double PAD_MAX_DBFS = -50;
    /** Babble is the sum of this many other utterances, inclusive. */
    private static final int BABBLE_MIN_TALKERS = 3;
    private static final int BABBLE_MAX_TALKERS = 6;
    /** Gap between the direct path and the first reflection, in seconds. */
    private static final double PRE_DELAY_MIN_SEC = 0.001;
    private static final double PRE_DELAY_MAX_SEC = 0.005;
    /** Impulse responses last this many RT60s, but never longer than {@link #IR_MAX_SEC}. */
    private static final double IR_RT60S = 1.2;
    private static final double IR_MAX_SEC = 1.0;
    /**
     * The reverberant tail carries {@code rt60 / TAIL_REFERENCE_RT60} times the direct path's energy:
     * a direct-to-reverberant ratio of 0 dB at 0.5 s, +5 dB at 0.15 s and -1.5 dB at 0.7 s, so
     * livelier rooms are also more reverberant, as in a room of fixed size.
     */
    private static final double TAIL_REFERENCE_RT60 = 0.5;
    /** Pole of the leaky integrator making brown noise: a corner near 13 Hz at 16 kHz. */
    private static final double BROWN_LEAK = 0.995;
    /** Voss-McCartney generators summed for pink noise; 16 cover the audio band at 16 kHz. */
    private static final int PINK_ROWS = 16;
    /** Smallest FFT {@link #convolve} uses for a block, so that short kernels don't mean tiny blocks. */
    private static final int MIN_CONVOLUTION_FFT = 1024;

    private final AugmentConfig config;

    /**
     * @param config the probabilities and ranges to draw from
     */
    public Augmenter(AugmentConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The configuration this augmenter draws from. */
    public AugmentConfig config() {
        return config;
    }

    /**
     * Gives babble noise its voices: other utterances of the training set, as 16 kHz mono samples.
     * Implementations should return a different utterance from the one being augmented and draw
     * their choice from the given {@code rng} so that results stay reproducible.
     */
    @FunctionalInterface
    public interface BabbleSource {

        /**
         * @param rng the augmentation's random source
         * @return samples of some utterance, not null; an empty or silent one adds no voice
         */
        float[] randomUtterance(Random rng);
    }

    /**
     * Returns an augmented copy of a waveform. Applies, in this order and each with its own
     * probability: speed perturbation, reverberation, noise (white, pink, brown, or babble when
     * {@code babble} is given, chosen uniformly) at a random SNR, padding at both ends with
     * independent random lengths of near-silence (white noise at -70..-50 dBFS), band-limiting (the
     * recording channel comes after the room, the noise and the pauses), gain; finally every
     * sample is clipped to [-1, 1].
     *
     * <p>Speed and padding change the length; the transcript still fits, since every word is kept.
     * With {@link AugmentConfig#none()} the result equals the input (which is in [-1, 1]).
     *
     * @param samples 16 kHz mono samples in [-1, 1], not changed
     * @param rng     seeds the generator behind every random choice (one {@code long} is taken)
     * @param babble  where babble noise gets its voices, or null for no babble
     * @return a new array
     */
    public float[] waveform(float[] samples, Random rng, BabbleSource babble) {
        Objects.requireNonNull(samples, "samples");
        Random random = decorrelated(rng);
        float[] x = samples;
        if (chance(random, config.speedProb())) {
            x = speed(x, uniform(random, config.speedMin(), config.speedMax()));
        }
        if (chance(random, config.reverbProb())) {
            x = reverb(x, uniform(random, config.rt60Min(), config.rt60Max()), random, SAMPLE_RATE);
        }
        if (chance(random, config.noiseProb())) {
            x = addNoise(x, uniform(random, config.snrMinDb(), config.snrMaxDb()), random, babble);
        }
        if (chance(random, config.silenceProb())) {
            x = padWithSilence(x, random);
        }
        if (chance(random, config.bandLimitProb())) {
            x = bandLimit(x, config.bandLimitMinHz()
                    + random.nextInt(config.bandLimitMaxHz() - config.bandLimitMinHz() + 1));
        }
        double gainDb = 0;
        if (chance(random, config.gainProb())) {
            gainDb = uniform(random, config.gainMinDb(), config.gainMaxDb());
        }
        return gain(x, gainDb);
    }

    /**
     * A level change, as a louder or quieter recording: every sample times {@code 10^(db / 20)}, clipped to
     * [-1, 1] as a recorder would.
     *
     * @param x  samples, not changed
     * @param db the change in decibels (0 copies the samples, still clipping them to [-1, 1])
     * @return a new array of {@code x.length} samples
     */
    public static float[] gain(float[] x, double db) {
        if (!Double.isFinite(db)) {
            throw new IllegalArgumentException("gain must be a finite number of dB, got " + db);
        }
        float factor = (float) Math.pow(10, db / 20);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.max(-1f, Math.min(1f, x[i] * factor));
        }
        return out;
    }

    /**
     * The VTLP warp factor for one utterance's filterbank ({@link dev.verbatim.features.LogMelExtractor}): with
     * probability {@code vtlpProb} uniform in {@code vtlpMin..vtlpMax}, else 1. Draws nothing from {@code rng}
     * when VTLP is off, so configurations without it see the same random stream as before it existed.
     */
    public double warpFactor(Random rng) {
        if (!config.vtlpEnabled()) {
            return 1.0;
        }
        Random random = decorrelated(rng);
        return chance(random, config.vtlpProb()) ? uniform(random, config.vtlpMin(), config.vtlpMax()) : 1.0;
    }

    /**
     * SpecAugment, in place: {@code freqMasks} bands of {@code 0..freqMaskMaxBins} adjacent mel bins
     * and {@code timeMasks} runs of {@code 0..floor(timeMaskMaxFraction * T)} adjacent frames, each
     * width and position uniform, are set to 0. Masks may overlap.
     *
     * <p>The frames must already be normalised to zero mean per bin (as
     * {@link dev.verbatim.features.FeatureNormalizer} does), so 0 is the mean value and a mask hides
     * the information without shifting the input's statistics.
     *
     * @param frames normalised log-mel frames {@code [T][bins]}, all rows the same length; changed
     * @param rng    seeds the generator behind the widths and positions (one {@code long} is taken)
     */
    public void specAugment(float[][] frames, Random rng) {
        Objects.requireNonNull(frames, "frames");
        Random random = decorrelated(rng);
        int numFrames = frames.length;
        if (numFrames == 0) {
            return;
        }
        int bins = frames[0].length;
        for (int t = 0; t < numFrames; t++) {
            if (frames[t].length != bins) {
                throw new IllegalArgumentException("frame " + t + " has " + frames[t].length
                        + " bins, frame 0 has " + bins);
            }
        }
        int maxBins = Math.min(config.freqMaskMaxBins(), bins);
        for (int m = 0; m < config.freqMasks(); m++) {
            int width = random.nextInt(maxBins + 1);
            int from = random.nextInt(bins - width + 1);
            for (float[] frame : frames) {
                Arrays.fill(frame, from, from + width, 0f);
            }
        }
        int maxFrames = (int) Math.floor(config.timeMaskMaxFraction() * numFrames);
        for (int m = 0; m < config.timeMasks(); m++) {
            int width = random.nextInt(maxFrames + 1);
            int from = random.nextInt(numFrames - width + 1);
            for (int t = from; t < from + width; t++) {
                Arrays.fill(frames[t], 0f);
            }
        }
    }

    /**
     * Speed perturbation by resampling, like sox {@code speed}: tempo and pitch both scale by
     * {@code factor}. The samples are taken as recorded at {@code round(16000 * factor)} Hz and
     * converted to 16000 Hz with {@link Resampling} (anti-aliased), so a 440 Hz tone sped up by 1.1
     * comes out at 484 Hz and the result has {@code round(n * 16000 / round(16000 * factor))}, about
     * {@code n / factor}, samples. The rate ratio only matters, so this works at any sample rate.
     *
     * @param x      samples, not changed
     * @param factor speed factor, in [{@value AugmentConfig#MIN_SPEED},
     *               {@value AugmentConfig#MAX_SPEED}]; above 1 is faster and shorter
     * @return a new array
     */
    public static float[] speed(float[] x, double factor) {
        if (!(factor >= AugmentConfig.MIN_SPEED && factor <= AugmentConfig.MAX_SPEED)) {
            throw new IllegalArgumentException("speed factor must be in [" + AugmentConfig.MIN_SPEED + ", "
                    + AugmentConfig.MAX_SPEED + "], got " + factor);
        }
        return Resampling.resample(x, (int) Math.round(SAMPLE_RATE * factor), SAMPLE_RATE);
    }

    /**
     * Band-limiting, as a recording made at a lower sample rate and played back at 16 kHz: resampled
     * (anti-aliased) to {@code rateHz} and back, so nothing above about {@code rateHz / 2} is left.
     * This is how 8 kHz telephone and dictaphone recordings reach the model.
     *
     * @param x      16 kHz samples, not changed
     * @param rateHz the intermediate sample rate, in [{@value AugmentConfig#MIN_BAND_LIMIT_HZ}, 16000]
     * @return a new array of {@code x.length} samples
     */
    public static float[] bandLimit(float[] x, int rateHz) {
        if (rateHz < AugmentConfig.MIN_BAND_LIMIT_HZ || rateHz > SAMPLE_RATE) {
            throw new IllegalArgumentException("band-limiting rate must be in [" + AugmentConfig.MIN_BAND_LIMIT_HZ
                    + ", " + SAMPLE_RATE + "] Hz, got " + rateHz);
        }
        if (rateHz == SAMPLE_RATE) {
            return x.clone();
        }
        float[] down = Resampling.resample(x, SAMPLE_RATE, rateHz);
        return Arrays.copyOf(Resampling.resample(down, rateHz, SAMPLE_RATE), x.length);
    }

    /**
     * Synthetic reverberation: convolves with {@link #impulseResponse} and keeps the first
     * {@code x.length} samples, so time alignment is unchanged (the tail past the end is dropped),
     * then rescales to the input's RMS so that loudness is left to the gain stage.
     *
     * @param x          samples, not changed
     * @param rt60       reverberation time in seconds, positive
     * @param rng        source of the impulse response
     * @param sampleRate sample rate of {@code x} in Hz
     * @return a new array of {@code x.length} samples
     */
    public static float[] reverb(float[] x, double rt60, Random rng, int sampleRate) {
        float[] h = impulseResponse(rt60, rng, sampleRate);
        float[] y = Arrays.copyOf(convolve(x, h), x.length);
        double yRms = rms(y);
        if (yRms > 0) {
            float g = (float) (rms(x) / yRms);
            for (int i = 0; i < y.length; i++) {
                y[i] *= g;
            }
        }
        return y;
    }

    /**
     * A synthetic room impulse response: 1.0 at t = 0 (the direct path), silence for a pre-delay of
     * 1..5 ms, then Gaussian noise under an exponential envelope whose energy falls by 60 dB at
     * {@code rt60} seconds (counted from t = 0). The tail's energy is {@code rt60 / 0.5 s} times
     * the direct path's. Length {@code round(min(1.2 * rt60, 1 s) * sampleRate)} samples, at least 1.
     *
     * @param rt60       reverberation time in seconds, positive
     * @param rng        source of the pre-delay and the noise
     * @param sampleRate in Hz, positive
     * @return a new array
     */
    public static float[] impulseResponse(double rt60, Random rng, int sampleRate) {
        if (!(rt60 > 0 && Double.isFinite(rt60))) {
            throw new IllegalArgumentException("rt60 must be positive, got " + rt60);
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be positive, got " + sampleRate);
        }
        int length = (int) Math.max(1, Math.round(Math.min(IR_RT60S * rt60, IR_MAX_SEC) * sampleRate));
        int preDelay = (int) Math.max(1,
                Math.round(uniform(rng, PRE_DELAY_MIN_SEC, PRE_DELAY_MAX_SEC) * sampleRate));
        float[] h = new float[length];
        h[0] = 1f;
        if (preDelay >= length) {
            return h;
        }
        // Amplitude falls by 10^3 (energy by 10^6 = 60 dB) over rt60 seconds.
        double decay = Math.exp(-Math.log(1000) / (rt60 * sampleRate));
        double envelope = Math.pow(decay, preDelay);
        double[] tail = new double[length];
        double energy = 0;
        for (int t = preDelay; t < length; t++) {
            tail[t] = rng.nextGaussian() * envelope;
            energy += tail[t] * tail[t];
            envelope *= decay;
        }
        double g = Math.sqrt(rt60 / TAIL_REFERENCE_RT60 / energy);
        for (int t = preDelay; t < length; t++) {
            h[t] = (float) (g * tail[t]);
        }
        return h;
    }

    /**
     * Linear convolution {@code y[n] = sum_k x[k] h[n - k]} by FFT, in double precision. The longer
     * input is cut into blocks that are convolved with the shorter one and overlapped-added; two
     * real blocks share each complex transform as its real and imaginary parts.
     *
     * @param x a signal, not changed
     * @param h another (e.g. an impulse response), not changed
     * @return {@code x.length + h.length - 1} samples, or none if either input is empty
     */
    public static float[] convolve(float[] x, float[] h) {
        if (x.length == 0 || h.length == 0) {
            return new float[0];
        }
        float[] signal = x.length >= h.length ? x : h;
        float[] kernel = x.length >= h.length ? h : x;
        int outLength = signal.length + kernel.length - 1;
        // Blocks about three times the kernel's length keep the FFT small without wasting much of it.
        int size = Math.min(powerOfTwoAtLeast(outLength),
                Math.max(powerOfTwoAtLeast(4 * kernel.length), MIN_CONVOLUTION_FFT));
        int block = size - kernel.length + 1;
        Fft fft = new Fft(size);
        double[] kernelRe = new double[size];
        double[] kernelIm = new double[size];
        for (int i = 0; i < kernel.length; i++) {
            kernelRe[i] = kernel[i];
        }
        fft.forward(kernelRe, kernelIm);

        double[] y = new double[outLength];
        double[] re = new double[size];
        double[] im = new double[size];
        for (int first = 0; first < signal.length; first += 2 * block) {
            int second = first + block;
            Arrays.fill(re, 0);
            Arrays.fill(im, 0);
            for (int i = first; i < Math.min(second, signal.length); i++) {
                re[i - first] = signal[i];
            }
            for (int i = second; i < Math.min(second + block, signal.length); i++) {
                im[i - second] = signal[i];
            }
            // The kernel is real, so the product's inverse holds the first block's convolution in
            // its real part and the second's in its imaginary part.
            fft.forward(re, im);
            for (int k = 0; k < size; k++) {
                double r = re[k] * kernelRe[k] - im[k] * kernelIm[k];
                im[k] = re[k] * kernelIm[k] + im[k] * kernelRe[k];
                re[k] = r;
            }
            fft.inverse(re, im);
            for (int i = 0; i < Math.min(size, outLength - first); i++) {
                y[first + i] += re[i];
            }
            for (int i = 0; i < Math.min(size, outLength - second); i++) {
                y[second + i] += im[i];
            }
        }
        float[] out = new float[outLength];
        for (int i = 0; i < outLength; i++) {
            out[i] = (float) (y[i] / size);
        }
        return out;
    }

    /**
     * Adds {@code noise} scaled so that {@code 10 log10(Ps / Pn)} is exactly {@code snrDb}, where
     * {@code Ps} and {@code Pn} are the mean powers of {@code speech} and of the added noise. When
     * either is silent there is no such scale and the result is a copy of {@code speech}. The sum
     * is not clipped.
     *
     * @param speech the signal, not changed
     * @param noise  noise of the same length, not changed
     * @param snrDb  wanted signal-to-noise ratio in dB, finite
     * @return a new array
     */
    public static float[] mixAtSnr(float[] speech, float[] noise, double snrDb) {
        if (speech.length != noise.length) {
            throw new IllegalArgumentException("speech has " + speech.length + " samples but noise has "
                    + noise.length);
        }
        if (!Double.isFinite(snrDb)) {
            throw new IllegalArgumentException("snrDb must be finite, got " + snrDb);
        }
        double ps = meanSquare(speech);
        double pn = meanSquare(noise);
        float[] out = speech.clone();
        if (ps == 0 || pn == 0) {
            return out;
        }
        double g = Math.sqrt(ps / (pn * Math.pow(10, snrDb / 10)));
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (speech[i] + g * noise[i]);
        }
        return out;
    }

    /**
     * White noise: independent standard Gaussian samples (flat spectrum, unit variance).
     *
     * @param n   number of samples
     * @param rng source of the noise
     * @return a new array
     */
    public static float[] white(int n, Random rng) {
        float[] out = new float[requireLength(n)];
        for (int i = 0; i < n; i++) {
            out[i] = (float) rng.nextGaussian();
        }
        return out;
    }

    /**
     * Pink noise, power falling 3 dB per octave (1/f), by the Voss-McCartney method: the sum of a
     * white Gaussian sample and 16 Gaussian generators where generator {@code k} is redrawn every
     * {@code 2^(k+1)} samples. Zero mean and unit RMS.
     *
     * @param n   number of samples
     * @param rng source of the noise
     * @return a new array
     */
    public static float[] pink(int n, Random rng) {
        double[] out = new double[requireLength(n)];
        double[] rows = new double[PINK_ROWS];
        double sum = 0;
        for (int k = 0; k < PINK_ROWS; k++) {
            rows[k] = rng.nextGaussian();
            sum += rows[k];
        }
        for (int i = 0; i < n; i++) {
            // Sample i redraws the generator numbered by its trailing zero bits (none at i = 0).
            int k = i == 0 ? PINK_ROWS : Integer.numberOfTrailingZeros(i);
            if (k < PINK_ROWS) {
                sum -= rows[k];
                rows[k] = rng.nextGaussian();
                sum += rows[k];
            }
            out[i] = sum + rng.nextGaussian();
        }
        return normalised(out);
    }

    /**
     * Brown (red) noise, power falling 6 dB per octave (1/f^2): white Gaussian noise through a
     * leaky integrator (pole 0.995, so flat below about 13 Hz at 16 kHz rather than drifting),
     * started in its steady state. DC removed; zero mean and unit RMS.
     *
     * @param n   number of samples
     * @param rng source of the noise
     * @return a new array
     */
    public static float[] brown(int n, Random rng) {
        double[] out = new double[requireLength(n)];
        double y = rng.nextGaussian() / Math.sqrt(1 - BROWN_LEAK * BROWN_LEAK);
        for (int i = 0; i < n; i++) {
            y = BROWN_LEAK * y + rng.nextGaussian();
            out[i] = y;
        }
        return normalised(out);
    }

    /**
     * Babble noise: the sum of 3..6 utterances from {@code source}, each scaled to unit RMS and read
     * from a random offset, looping, for {@code n} samples. Empty or silent utterances add nothing,
     * so the result can be silent.
     *
     * @param source where the voices come from
     * @param n      number of samples
     * @param rng    source of the talker count, the utterances and the offsets
     * @return a new array
     */
    public static float[] babble(BabbleSource source, int n, Random rng) {
        Objects.requireNonNull(source, "source");
        float[] out = new float[requireLength(n)];
        int talkers = BABBLE_MIN_TALKERS + rng.nextInt(BABBLE_MAX_TALKERS - BABBLE_MIN_TALKERS + 1);
        for (int v = 0; v < talkers; v++) {
            float[] voice = Objects.requireNonNull(source.randomUtterance(rng), "BabbleSource returned null");
            double voiceRms = rms(voice);
            if (voiceRms == 0) {
                continue;
            }
            float g = (float) (1 / voiceRms);
            int j = rng.nextInt(voice.length);
            for (int i = 0; i < n; i++) {
                out[i] += g * voice[j];
                if (++j == voice.length) {
                    j = 0;
                }
            }
        }
        return out;
    }

    private float[] addNoise(float[] x, double snrDb, Random rng, BabbleSource babble) {
        int n = x.length;
        float[] noise = switch (rng.nextInt(babble == null ? 3 : 4)) {
            case 0 -> white(n, rng);
            case 1 -> pink(n, rng);
            case 2 -> brown(n, rng);
            default -> babble(babble, n, rng);
        };
        return mixAtSnr(x, noise, snrDb);
    }

    /** Prepends and appends independent random lengths of very quiet white noise. */
    private float[] padWithSilence(float[] x, Random rng) {
        int maxPad = (int) Math.round(config.silenceMaxSec() * SAMPLE_RATE);
        int lead = rng.nextInt(maxPad + 1);
        int trail = rng.nextInt(maxPad + 1);
        float level = (float) Math.pow(10, uniform(rng, PAD_MIN_DBFS, PAD_MAX_DBFS) / 20);
        float[] out = new float[lead + x.length + trail];
        System.arraycopy(x, 0, out, lead, x.length);
        for (int i = 0; i < lead; i++) {
            out[i] = level * (float) rng.nextGaussian();
        }
        for (int i = lead + x.length; i < out.length; i++) {
            out[i] = level * (float) rng.nextGaussian();
        }
        return out;
    }

    /**
     * A generator seeded from {@code rng}'s next {@code long}, whose low half comes from a second
     * step of the generator and so differs widely even between nearby caller seeds.
     */
    private static Random decorrelated(Random rng) {
        return new Random(Objects.requireNonNull(rng, "rng").nextLong());
    }

    private static boolean chance(Random rng, double probability) {
        return rng.nextDouble() < probability;
    }

    private static double uniform(Random rng, double min, double max) {
        return min + (max - min) * rng.nextDouble();
    }

    /** The smallest power of two that is at least {@code n} (n at most 2^30). */
    private static int powerOfTwoAtLeast(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    private static int requireLength(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + n);
        }
        return n;
    }

    /** Removes the mean and scales to unit RMS (leaves all-constant input at zero). */
    private static float[] normalised(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= Math.max(1, x.length);
        double energy = 0;
        for (double v : x) {
            energy += (v - mean) * (v - mean);
        }
        double g = energy > 0 ? Math.sqrt(x.length / energy) : 0;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) ((x[i] - mean) * g);
        }
        return out;
    }

    private static double meanSquare(float[] x) {
        if (x.length == 0) {
            return 0;
        }
        double sum = 0;
        for (float v : x) {
            sum += (double) v * v;
        }
        return sum / x.length;
    }

    private static double rms(float[] x) {
        return Math.sqrt(meanSquare(x));
    }
}
