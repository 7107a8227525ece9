package dev.verbatim.augment;

/**
 * Probabilities and ranges for on-the-fly training data augmentation, used by {@link Augmenter}.
 *
 * <p>Augmentation makes a small corpus look larger and more varied: each time an utterance is seen
 * it is played back a little faster or slower, in a different synthetic room, with different
 * background noise and loudness, and its log-mel frames get different SpecAugment masks. Every range
 * is inclusive and drawn from uniformly; each waveform stage runs with its own probability.
 *
 * <p>The compact constructor validates every field, so any instance (including one read back from
 * JSON) is usable. A plain record, so Jackson serialises it field by field.
 *
 * @param speedProb           probability of speed perturbation (resampling, which changes tempo and
 *                            pitch together like sox {@code speed})
 * @param speedMin            smallest speed factor, at least {@value #MIN_SPEED}
 * @param speedMax            largest speed factor, at most {@value #MAX_SPEED}
 * @param reverbProb          probability of convolving with a synthetic room impulse response
 * @param rt60Min             shortest reverberation time in seconds, positive
 * @param rt60Max             longest reverberation time in seconds, at most {@value #MAX_RT60}
 * @param noiseProb           probability of adding white, pink, brown or babble noise
 * @param snrMinDb            lowest signal-to-noise ratio in dB
 * @param snrMaxDb            highest signal-to-noise ratio in dB
 * @param gainProb            probability of a random gain change (the result is clipped to [-1, 1])
 * @param gainMinDb           smallest gain in dB
 * @param gainMaxDb           largest gain in dB
 * @param silenceProb         probability of padding with near-silence at the start and the end
 * @param silenceMaxSec       longest padding on each side in seconds, at most
 *                            {@value #MAX_SILENCE_SEC}
 * @param freqMasks           number of SpecAugment frequency masks per utterance
 * @param freqMaskMaxBins     widest frequency mask in mel bins
 * @param timeMasks           number of SpecAugment time masks per utterance
 * @param timeMaskMaxFraction widest time mask as a fraction of the utterance's frames, in [0, 1]
 * @param bandLimitProb       probability of band-limiting the waveform as a recording made at a lower
 *                            sample rate would be (telephone, old recorders): down to a random rate and
 *                            back up to 16 kHz, which removes everything above about half that rate
 * @param bandLimitMinHz      lowest such sample rate in Hz, at least {@value #MIN_BAND_LIMIT_HZ}
 * @param bandLimitMaxHz      highest such sample rate in Hz, below 16000
 * @param vtlpProb            probability of vocal tract length perturbation: the utterance is featurised with a
 *                            mel filterbank that sees its spectrum warped by a random factor
 *                            ({@link dev.verbatim.features.MelFilterbank#warpHz}), as a speaker with a shorter
 *                            (factor above 1) or longer vocal tract would sound
 * @param vtlpMin             smallest warp factor, at least {@value #MIN_WARP}
 * @param vtlpMax             largest warp factor, at most {@value #MAX_WARP}
 */
public record AugmentConfig(double speedProb, double speedMin, double speedMax,
                            double reverbProb, double rt60Min, double rt60Max,
                            double noiseProb, double snrMinDb, double snrMaxDb,
                            double gainProb, double gainMinDb, double gainMaxDb,
                            double silenceProb, double silenceMaxSec,
                            int freqMasks, int freqMaskMaxBins, int timeMasks, double timeMaskMaxFraction,
                            double bandLimitProb, int bandLimitMinHz, int bandLimitMaxHz,
                            double vtlpProb, double vtlpMin, double vtlpMax) {

    /** Slowest allowed speed factor (twice as long). */
    public static final double MIN_SPEED = 0.5;
    /** Fastest allowed speed factor (half as long). */
    public static final double MAX_SPEED = 2.0;
    /** Longest allowed reverberation time in seconds; impulse responses are cut at 1 s anyway. */
    public static final double MAX_RT60 = 5.0;
    /** Longest allowed silence padding on each side, in seconds. */
    public static final double MAX_SILENCE_SEC = 60.0;
    /** Lowest allowed band-limiting sample rate in Hz (a 2 kHz audio band). */
    public static final int MIN_BAND_LIMIT_HZ = 4000;
    /** Smallest allowed VTLP warp factor. */
    public static final double MIN_WARP = 0.8;
    /** Largest allowed VTLP warp factor. */
    public static final double MAX_WARP = 1.25;

    public AugmentConfig {
        requireProbability("speedProb", speedProb);
        requireRange("speedMin", speedMin, "speedMax", speedMax);
        require(speedMin >= MIN_SPEED, "speedMin must be at least " + MIN_SPEED + ", got " + speedMin);
        require(speedMax <= MAX_SPEED, "speedMax must be at most " + MAX_SPEED + ", got " + speedMax);

        requireProbability("reverbProb", reverbProb);
        requireRange("rt60Min", rt60Min, "rt60Max", rt60Max);
        require(rt60Min > 0, "rt60Min must be positive, got " + rt60Min);
        require(rt60Max <= MAX_RT60, "rt60Max must be at most " + MAX_RT60 + " s, got " + rt60Max);

        requireProbability("noiseProb", noiseProb);
        requireRange("snrMinDb", snrMinDb, "snrMaxDb", snrMaxDb);

        requireProbability("gainProb", gainProb);
        requireRange("gainMinDb", gainMinDb, "gainMaxDb", gainMaxDb);

        requireProbability("silenceProb", silenceProb);
        require(silenceMaxSec >= 0 && silenceMaxSec <= MAX_SILENCE_SEC,
                "silenceMaxSec must be in [0, " + MAX_SILENCE_SEC + "], got " + silenceMaxSec);

        require(freqMasks >= 0, "freqMasks must be >= 0, got " + freqMasks);
        require(freqMaskMaxBins >= 0, "freqMaskMaxBins must be >= 0, got " + freqMaskMaxBins);
        require(timeMasks >= 0, "timeMasks must be >= 0, got " + timeMasks);
        require(timeMaskMaxFraction >= 0 && timeMaskMaxFraction <= 1,
                "timeMaskMaxFraction must be in [0, 1], got " + timeMaskMaxFraction);

        requireProbability("bandLimitProb", bandLimitProb);
        // A configuration saved before band-limiting existed reads back with 0 Hz rates; with probability 0
        // the rates are never used, so they only have to be sensible when the stage is on.
        if (bandLimitProb > 0) {
            require(bandLimitMinHz >= MIN_BAND_LIMIT_HZ,
                    "bandLimitMinHz must be at least " + MIN_BAND_LIMIT_HZ + " Hz, got " + bandLimitMinHz);
            require(bandLimitMaxHz < Augmenter.SAMPLE_RATE,
                    "bandLimitMaxHz must be below " + Augmenter.SAMPLE_RATE + " Hz, got " + bandLimitMaxHz);
            require(bandLimitMinHz <= bandLimitMaxHz,
                    "bandLimitMinHz " + bandLimitMinHz + " must not exceed bandLimitMaxHz " + bandLimitMaxHz);
        }

        requireProbability("vtlpProb", vtlpProb);
        // As for band-limiting: a configuration saved before VTLP existed reads back with 0 factors.
        if (vtlpProb > 0) {
            requireRange("vtlpMin", vtlpMin, "vtlpMax", vtlpMax);
            require(vtlpMin >= MIN_WARP, "vtlpMin must be at least " + MIN_WARP + ", got " + vtlpMin);
            require(vtlpMax <= MAX_WARP, "vtlpMax must be at most " + MAX_WARP + ", got " + vtlpMax);
        }
    }

    /** The configuration without VTLP (probability 0), as before that stage existed. */
    public AugmentConfig(double speedProb, double speedMin, double speedMax,
                         double reverbProb, double rt60Min, double rt60Max,
                         double noiseProb, double snrMinDb, double snrMaxDb,
                         double gainProb, double gainMinDb, double gainMaxDb,
                         double silenceProb, double silenceMaxSec,
                         int freqMasks, int freqMaskMaxBins, int timeMasks, double timeMaskMaxFraction,
                         double bandLimitProb, int bandLimitMinHz, int bandLimitMaxHz) {
        this(speedProb, speedMin, speedMax, reverbProb, rt60Min, rt60Max, noiseProb, snrMinDb, snrMaxDb,
                gainProb, gainMinDb, gainMaxDb, silenceProb, silenceMaxSec,
                freqMasks, freqMaskMaxBins, timeMasks, timeMaskMaxFraction, bandLimitProb, bandLimitMinHz,
                bandLimitMaxHz, 0, 1, 1);
    }

    /** The configuration without band-limiting (probability 0), as before that stage existed. */
    public AugmentConfig(double speedProb, double speedMin, double speedMax,
                         double reverbProb, double rt60Min, double rt60Max,
                         double noiseProb, double snrMinDb, double snrMaxDb,
                         double gainProb, double gainMinDb, double gainMaxDb,
                         double silenceProb, double silenceMaxSec,
                         int freqMasks, int freqMaskMaxBins, int timeMasks, double timeMaskMaxFraction) {
        this(speedProb, speedMin, speedMax, reverbProb, rt60Min, rt60Max, noiseProb, snrMinDb, snrMaxDb,
                gainProb, gainMinDb, gainMaxDb, silenceProb, silenceMaxSec,
                freqMasks, freqMaskMaxBins, timeMasks, timeMaskMaxFraction, 0, 8000, 8000, 0, 1, 1);
    }

    /**
     * Speed 0.9..1.1 (p 0.5), reverb RT60 0.15..0.5 s (p 0.2), noise at 10..30 dB SNR (p 0.3), gain
     * -12..+6 dB (p 0.5), up to 0.5 s of padding on each side (p 0.3), and SpecAugment with two
     * frequency masks of up to 10 bins and two time masks of up to 4% of the frames, and band-limiting
     * as if recorded at 7000..11025 Hz (p 0.2), and VTLP with warp factors 0.9..1.1 (p 0.5).
     *
     * <p>Band-limiting because the model (trained on full-band 16 kHz speech) lost most of its words on
     * speech from 8 kHz sources: greedy CER on 100 dev-synth utterances went from 42.7 % to 73.5 % when
     * they were passed through 8 kHz (session of 2026-11-25 evening), and two of the three real
     * recording sets (fsdd, allison) are 8 kHz recordings.
     *
     * <p>Moderate on purpose: the default model is small (1 M parameters) and far from fitting its training set;
     * with speed 0.6, reverb up to 0.7 s (p 0.3), noise down to 5 dB (p 0.5) and 15-bin masks its dev error rose
     * for 100 steps instead of falling (session of 2026-11-25, steps 1046-1150).
     */
    public static AugmentConfig defaults() {
        return new AugmentConfig(0.5, 0.9, 1.1, 0.2, 0.15, 0.5, 0.3, 10, 30, 0.5, -12, 6, 0.3, 0.5,
                2, 10, 2, 0.04, 0.2, 7000, 11025, 0.5, 0.9, 1.1);
    }

    /** Every stage switched off: {@link Augmenter} returns its input unchanged. */
    public static AugmentConfig none() {
        return new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Whether any stage, on the waveform, the filterbank or the frames, can change an utterance. */
    public boolean enabled() {
        return waveformEnabled() || vtlpEnabled() || specAugmentEnabled();
    }

    /** Whether {@link Augmenter#warpFactor} can draw a factor other than 1. */
    public boolean vtlpEnabled() {
        return vtlpProb > 0 && !(vtlpMin == 1 && vtlpMax == 1);
    }

    /**
     * Whether {@link Augmenter#waveform} can change an utterance: some stage has a positive
     * probability and a range that is not the identity (e.g. speed 1..1 or gain 0..0 dB is off).
     */
    public boolean waveformEnabled() {
        return speedProb > 0 && !(speedMin == 1 && speedMax == 1)
                || reverbProb > 0
                || noiseProb > 0
                || gainProb > 0 && !(gainMinDb == 0 && gainMaxDb == 0)
                || silenceProb > 0 && silenceMaxSec > 0
                || bandLimitProb > 0;
    }

    /** Whether {@link Augmenter#specAugment} can mask anything (a count and a width are positive). */
    public boolean specAugmentEnabled() {
        return freqMasks > 0 && freqMaskMaxBins > 0 || timeMasks > 0 && timeMaskMaxFraction > 0;
    }

    private static void requireProbability(String name, double p) {
        require(p >= 0 && p <= 1, name + " must be a probability in [0, 1], got " + p);
    }

    private static void requireRange(String minName, double min, String maxName, double max) {
        require(Double.isFinite(min), minName + " must be finite, got " + min);
        require(Double.isFinite(max), maxName + " must be finite, got " + max);
        require(min <= max, minName + " " + min + " must not exceed " + maxName + " " + max);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
