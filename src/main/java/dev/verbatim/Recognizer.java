package dev.verbatim;

import dev.verbatim.audio.AudioLoader;
import dev.verbatim.augment.AugmentConfig;
import dev.verbatim.decode.BeamSearchDecoder;
import dev.verbatim.decode.BlankPenalty;
import dev.verbatim.decode.DecoderConfig;
import dev.verbatim.decode.GreedyDecoder;
import dev.verbatim.decode.Transcript;
import dev.verbatim.decode.WordList;
import dev.verbatim.features.LogMelExtractor;
import dev.verbatim.lm.NgramModel;
import dev.verbatim.model.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The library's entry point: audio in, {@link Transcript} out. Owns one loaded model; feature extraction, the
 * network and decoding run in that order. Safe to share between threads, which run the network concurrently.
 *
 * <p>Decoding follows the model's {@link DecoderConfig}: best path, or prefix beam search with the model folder's
 * language model. {@link #withDecoding} makes a recognizer with other decoding settings (a word list, hot words,
 * other weights) that shares the network, so they can change at run time without reloading.
 *
 * <p>{@link #withWarp} makes one whose filterbank sees the spectrum warped by a factor (vocal tract length
 * normalisation: below 1 for voices higher than the training voices, above 1 for lower ones); {@link SpeakerWarp}
 * chooses the factor for a speaker from the audio alone.
 */
public final class Recognizer {
    /** Smallest warp factor {@link #withWarp} takes: the lower end of what VTLP augmentation may train with. */
    public static final double MIN_WARP = AugmentConfig.MIN_WARP;
    /** Largest warp factor {@link #withWarp} takes: the upper end of what VTLP augmentation may train with. */
    public static final double MAX_WARP = AugmentConfig.MAX_WARP;

    private final ModelBundle bundle;
    private final double warp;
    private final ThreadLocal<LogMelExtractor> extractor;
    private final NgramModel languageModel;
    private final WordList words;
    private final Map<String, Double> hotWords;
    private final GreedyDecoder greedy;
    private final BeamSearchDecoder beam;
    /** Beam search with the decoder's confident weight, when the language model's weight depends on confidence. */
    private final BeamSearchDecoder confidentBeam;

    /** A recognizer with best-path decoding, or beam search without a language model if the config asks for it. */
    public Recognizer(ModelBundle bundle) {
        this(bundle, null, null, Map.of());
    }

    /**
     * @param languageModel used when the bundle's decoder method is beam search; null for none
     * @param words         the only words allowed (beam search), or null
     * @param hotWords      word to boost (natural log), for beam search
     */
    public Recognizer(ModelBundle bundle, NgramModel languageModel, WordList words, Map<String, Double> hotWords) {
        this(bundle, languageModel, words, hotWords, 1.0);
    }

    private Recognizer(ModelBundle bundle, NgramModel languageModel, WordList words, Map<String, Double> hotWords,
            double warp) {
        checkWarp(warp);
        this.bundle = bundle;
        this.warp = warp;
        this.extractor = ThreadLocal.withInitial(() -> new LogMelExtractor(bundle.features(), warp));
        this.languageModel = languageModel;
        this.words = words;
        this.hotWords = Map.copyOf(hotWords);
        this.greedy = new GreedyDecoder(bundle.vocabulary(), bundle.outputFrameSec());
        DecoderConfig d = bundle.decoder();
        BeamSearchDecoder.Options options = d.beamOptions();
        if (languageModel == null) {
            // alpha and beta are tuned with a language model; without one a word bonus only splits words apart
            options = new BeamSearchDecoder.Options(options.beamWidth(), options.cutoffProb(), options.cutoffTopN(),
                    0, 0);
        }
        this.beam = d.method().equals(DecoderConfig.BEAM)
                ? new BeamSearchDecoder(bundle.vocabulary(), bundle.outputFrameSec(), options, languageModel,
                        words, this.hotWords)
                : null;
        this.confidentBeam = beam != null && languageModel != null && d.confidenceDependent()
                ? new BeamSearchDecoder(bundle.vocabulary(), bundle.outputFrameSec(), d.confidentBeamOptions(),
                        languageModel, words, this.hotWords)
                : null;
    }

    /**
     * Loads the model folder {@code modelDir} (see {@link ModelBundle#load}) and, when its decoder names one, the
     * language model file in it.
     */
    public static Recognizer load(Path modelDir) throws IOException {
        return load(modelDir, true);
    }

    /**
     * Loads the model folder {@code modelDir}, and its language model only when {@code withLanguageModel}: for
     * decoding that will not use it (greedy, another LM, none), so that a folder whose LM is absent, such as a
     * training snapshot, can still be used.
     */
    public static Recognizer load(Path modelDir, boolean withLanguageModel) throws IOException {
        ModelBundle bundle = ModelBundle.load(modelDir);
        NgramModel lm = withLanguageModel ? languageModel(modelDir, bundle.decoder().languageModel()) : null;
        return new Recognizer(bundle, lm, null, Map.of());
    }

    /** The language model that {@code modelDir}'s config.json names, or null; the network is not loaded. */
    public static NgramModel readLanguageModel(Path modelDir) throws IOException {
        return languageModel(modelDir, ModelBundle.readConfig(modelDir).decoder().languageModel());
    }

    private static NgramModel languageModel(Path modelDir, String lm) throws IOException {
        if (lm == null) {
            return null;
        }
        Path file = modelDir.resolve(lm);
        if (!Files.isRegularFile(file)) {
            throw new IOException(modelDir + ": config.json names the language model " + lm + ", which is missing");
        }
        return NgramModel.read(file);
    }

    /** The same network and warp factor with other decoding settings. */
    public Recognizer withDecoding(DecoderConfig decoder, NgramModel lm, WordList wordList,
            Map<String, Double> boosts) {
        return new Recognizer(bundle.withDecoder(decoder), lm, wordList, boosts, warp);
    }

    /**
     * The same network and decoding with the filterbank seeing the spectrum {@linkplain
     * dev.verbatim.features.MelFilterbank#warpHz warped} by {@code factor}, as training's vocal tract length
     * perturbation does: 1 is the plain filterbank; below 1 suits voices higher than the training voices (children,
     * many women), above 1 lower ones.
     *
     * @throws IllegalArgumentException unless {@code factor} is within {@value #MIN_WARP}..{@value #MAX_WARP}
     */
    public Recognizer withWarp(double factor) {
        return factor == warp ? this : new Recognizer(bundle, languageModel, words, hotWords, factor);
    }

    /** The filterbank's warp factor (1: none). */
    public double warp() {
        return warp;
    }

    /**
     * The warp factor {@code text} gives, as {@link #withWarp} takes it.
     *
     * @throws IllegalArgumentException if it is not a number within {@value #MIN_WARP}..{@value #MAX_WARP}
     */
    public static double parseWarp(String text) {
        double factor = Double.parseDouble(text.strip());
        checkWarp(factor);
        return factor;
    }

    private static void checkWarp(double factor) {
        if (!(factor >= MIN_WARP && factor <= MAX_WARP)) {
            throw new IllegalArgumentException("warp factor must be between " + MIN_WARP + " and " + MAX_WARP
                    + ", got " + factor);
        }
    }

    public ModelBundle bundle() {
        return bundle;
    }

    /** The language model in use, or null. */
    public NgramModel languageModel() {
        return languageModel;
    }

    public WordList words() {
        return words;
    }

    public Map<String, Double> hotWords() {
        return hotWords;
    }

    /** Normalised log-mel frames {@code [frames][bins]} for mono samples at the model's sample rate. */
    public float[][] features(float[] samples) {
        float[][] frames = extractor.get().extract(samples);
        bundle.normalizer().applyInPlace(frames);
        return frames;
    }

    /** Per-frame log-probabilities {@code [outputFrames][vocabulary]}. */
    public float[][] logProbs(float[] samples) {
        return bundle.model().logProbs(features(samples));
    }

    /**
     * Decodes per-frame log-probabilities with this recognizer's decoder. Beam search first applies the decoder's
     * blank penalty ({@link BlankPenalty}), which is tuned with its language-model weights; best-path decoding is
     * always the network's own best path. With a {@linkplain DecoderConfig#confidentAbove confidence-dependent}
     * language model weight, the best path's confidence chooses the weight for these frames (one utterance).
     */
    public Transcript decode(float[][] logProbs) {
        return beam != null ? beamFor(logProbs).decode(penalised(logProbs)) : greedy.decode(logProbs);
    }

    /** The {@code n} best transcripts (best first); greedy decoding has one. */
    public List<BeamSearchDecoder.Hypothesis> decode(float[][] logProbs, int n) {
        return beam != null ? beamFor(logProbs).decode(penalised(logProbs), n)
                : List.of(new BeamSearchDecoder.Hypothesis(greedy.decode(logProbs), 0));
    }

    /**
     * The language model weight beam search gives these frames: the decoder's {@code confidentLmWeight} when its
     * weight depends on confidence and the best path's {@linkplain Transcript#characterConfidence mean character
     * posterior} reaches {@code confidentAbove}, else its {@code lmWeight}; 0 without a language model.
     */
    public double lmWeightFor(float[][] logProbs) {
        if (beam == null || languageModel == null) {
            return 0;
        }
        return beamFor(logProbs) == confidentBeam ? bundle.decoder().confidentLmWeight() : bundle.decoder().lmWeight();
    }

    private BeamSearchDecoder beamFor(float[][] logProbs) {
        if (confidentBeam == null
                || greedy.decode(logProbs).characterConfidence() < bundle.decoder().confidentAbove()) {
            return beam;
        }
        return confidentBeam;
    }

    private float[][] penalised(float[][] logProbs) {
        return BlankPenalty.apply(logProbs, bundle.vocabulary().blankId(), bundle.decoder().blankPenalty());
    }

    /** Transcribes mono samples at {@code bundle().features().sampleRateHz()}. */
    public Transcript transcribe(float[] samples) {
        if (samples.length == 0) {
            return Transcript.empty();
        }
        return decode(logProbs(samples));
    }

    /** Reads any supported audio file (converted to mono at the model's rate) and transcribes it. */
    public Transcript transcribeFile(Path file) throws IOException {
        return transcribe(AudioLoader.loadMono(file, bundle.features().sampleRateHz()));
    }
}
