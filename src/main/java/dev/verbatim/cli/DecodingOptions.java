package dev.verbatim.cli;

import dev.verbatim.Recognizer;
import dev.verbatim.SpeakerWarp;
import dev.verbatim.augment.Augmenter;
import dev.verbatim.decode.DecoderConfig;
import dev.verbatim.decode.WordList;
import dev.verbatim.lm.NgramModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Decoder options shared by transcribe, eval and listen. Unset options keep the model's saved settings
 * ({@code config.json}); the acoustic model is loaded once whatever they say.
 */
final class DecodingOptions {
    @Option(names = "--decoder", paramLabel = "greedy|beam",
            description = "Best path, or prefix beam search (default: the model's setting).")
    String method;
    @Option(names = "--beam-width", paramLabel = "N", description = "Prefixes kept per frame (beam search).")
    Integer beamWidth;
    @Option(names = "--lm", paramLabel = "FILE", description = "An ARPA word language model instead of the model's.")
    Path lm;
    @Option(names = "--no-lm", description = "Beam search without the model's language model.")
    boolean noLm;
    @Option(names = "--lm-weight", paramLabel = "ALPHA", description = "Weight of the language model, for every "
            + "utterance (it replaces a confidence-dependent weight unless --confident-above is given too).")
    Double lmWeight;
    @Option(names = "--confident-lm-weight", paramLabel = "ALPHA", description = "Weight of the language model for "
            + "utterances the network is sure of (see --confident-above).")
    Double confidentLmWeight;
    @Option(names = "--confident-above", paramLabel = "P", description = "Utterances whose best path's mean character "
            + "posterior is at least P (0-1) get --confident-lm-weight, the others --lm-weight; 0 for one weight.")
    Double confidentAbove;
    @Option(names = "--word-bonus", paramLabel = "BETA", description = "Score added per word.")
    Double wordBonus;
    @Option(names = "--blank-penalty", paramLabel = "P", description = "Subtracted from the blank's log-probability "
            + "in every frame before beam search: above 0 it drops fewer letters and words.")
    Double blankPenalty;
    @Option(names = "--oov-penalty", paramLabel = "P", description = "Subtracted from the score of every word outside "
            + "the language model's vocabulary (beam search with a language model): above 0 it prefers real words "
            + "to misspellings.")
    Double oovPenalty;
    @Option(names = "--vocabulary", paramLabel = "FILE",
            description = "Only these words (one per line) can be recognised; implies --decoder beam.")
    Path vocabulary;
    @Option(names = "--hotword", paramLabel = "WORD:BOOST",
            description = "Bias the search towards WORD (repeatable; BOOST in natural log, e.g. 2); implies beam.")
    List<String> hotwords = new ArrayList<>();
    @Option(names = "--warp", paramLabel = "F|auto", description = "Warp the spectrum by F for a voice far from the "
            + "training voices: below 1 (e.g. 0.9) for high voices such as children's, above 1 for low ones. 'auto' "
            + "chooses F by the network's confidence from the first minute of audio (listen: from the first 30 s of "
            + "speech, applied from then on); for one speaker at a time (default: 1, no warp).")
    String warp;

    /** The word {@code --warp} takes to choose the factor from the audio. */
    static final String AUTO = "auto";

    /** Whether {@code --warp auto} was given: the command chooses the factor ({@link dev.verbatim.SpeakerWarp}). */
    boolean autoWarp() {
        return AUTO.equalsIgnoreCase(warp == null ? "" : warp.strip());
    }

    /** The factor {@code --warp F} gives, 1 when absent or auto. */
    private double warpFactor() throws IOException {
        if (warp == null || autoWarp()) {
            return 1.0;
        }
        try {
            return Recognizer.parseWarp(warp);
        } catch (IllegalArgumentException e) {
            throw new IOException("--warp wants a factor between " + Recognizer.MIN_WARP + " and " + Recognizer.MAX_WARP
                    + " or 'auto', got '" + warp + "'");
        }
    }

    /**
     * Refuses options that only beam search uses beside an explicit {@code --decoder greedy}: greedy decoding would
     * silently ignore them, and a user who asked for a word list or hotwords would get output they do not restrict.
     */
    private void refuseBeamOptionsWithGreedy() throws IOException {
        if (!DecoderConfig.GREEDY.equals(method)) {
            return;
        }
        Map<String, Boolean> beamOnly = new LinkedHashMap<>();
        beamOnly.put("--vocabulary", vocabulary != null);
        beamOnly.put("--hotword", !hotwords.isEmpty());
        beamOnly.put("--beam-width", beamWidth != null);
        beamOnly.put("--lm", lm != null);
        beamOnly.put("--lm-weight", lmWeight != null);
        beamOnly.put("--confident-lm-weight", confidentLmWeight != null);
        beamOnly.put("--confident-above", confidentAbove != null);
        beamOnly.put("--word-bonus", wordBonus != null);
        beamOnly.put("--blank-penalty", blankPenalty != null);
        beamOnly.put("--oov-penalty", oovPenalty != null);
        List<String> given = beamOnly.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        if (!given.isEmpty()) {
            throw new IOException(String.join(", ", given) + (given.size() == 1 ? " needs" : " need")
                    + " beam search, but --decoder greedy was given: drop one or the other");
        }
    }

    /** Whether any option was given. */
    boolean any() {
        return method != null || beamWidth != null || lm != null || noLm || lmWeight != null || wordBonus != null
                || blankPenalty != null || oovPenalty != null || vocabulary != null || !hotwords.isEmpty()
                || confidentLmWeight != null || confidentAbove != null;
    }

    /**
     * Loads {@code modelDir} with these options applied; its language model is read only when the decoding can use
     * it (not with --decoder greedy, --no-lm or --lm FILE). With {@code --warp auto} the warp is left at 1 for the
     * command to choose.
     */
    Recognizer load(Path modelDir) throws IOException {
        refuseBeamOptionsWithGreedy();
        double factor = warpFactor();
        boolean modelLm = !(noLm || lm != null || DecoderConfig.GREEDY.equals(method));
        return apply(Recognizer.load(modelDir, modelLm)).withWarp(factor);
    }

    /**
     * For {@code --warp auto}: {@code recognizer} warped by the factor {@link SpeakerWarp} chooses from the first
     * {@value SpeakerWarp#DEFAULT_LISTEN_SEC} s of {@code files} in order (a file that cannot be read is skipped here;
     * the command reports it when it reaches it), heard {@code gainDb} louder as the command will hear them. The choice
     * is written to {@code report} unless it is null.
     */
    static Recognizer adaptWarp(Recognizer recognizer, List<Path> files, double gainDb, PrintWriter report) {
        List<float[]> clips = SpeakerWarp.readFirstSeconds(files, SpeakerWarp.DEFAULT_LISTEN_SEC,
                recognizer.bundle().features().sampleRateHz(), new ArrayList<>()); // errors: reported when transcribed
        if (gainDb != 0) {
            clips = clips.stream().map(c -> Augmenter.gain(c, gainDb)).toList();
        }
        if (clips.isEmpty()) {
            if (report != null) {
                report.println("warp stays 1.00: --warp auto found no audio it could read to choose from");
                report.flush();
            }
            return recognizer;
        }
        long t0 = System.nanoTime();
        SpeakerWarp.Choice choice = SpeakerWarp.choose(recognizer, clips);
        if (report != null) {
            report.printf(java.util.Locale.ROOT, "%s (%.1f s)%n", choice.describe(), (System.nanoTime() - t0) / 1e9);
            report.flush();
        }
        return recognizer.withWarp(choice.warp());
    }

    /**
     * {@code d} with the confidence rule these options give: --lm-weight alone means one weight for every utterance;
     * --confident-lm-weight and --confident-above change the model's rule (or make one).
     */
    private DecoderConfig withLmWeightRule(DecoderConfig d) throws IOException {
        double above = confidentAbove != null ? confidentAbove
                : lmWeight != null && confidentLmWeight == null ? 0 : d.confidentAbove();
        double weight = confidentLmWeight != null ? confidentLmWeight : d.confidentLmWeight();
        if (confidentLmWeight != null && above == 0) {
            throw new IOException("--confident-lm-weight needs --confident-above P with P above 0"
                    + (d.confidenceDependent() ? "" : ": the model's language model weight does not depend on it"));
        }
        if (confidentAbove != null && confidentAbove > 0 && confidentLmWeight == null && !d.confidenceDependent()) {
            throw new IOException("--confident-above needs --confident-lm-weight ALPHA: the model has no weight for "
                    + "confident utterances");
        }
        return d.withConfidentLmWeight(weight, above);
    }

    /**
     * The recognizer with these options applied (the same one when none was given); {@link #load} has refused
     * beam-only options beside greedy decoding before the model was read.
     */
    private Recognizer apply(Recognizer base) throws IOException {
        if (!any()) {
            return base;
        }
        DecoderConfig d = base.bundle().decoder();
        String m = method != null ? method
                : vocabulary != null || !hotwords.isEmpty() || beamWidth != null || lm != null ? DecoderConfig.BEAM
                : d.method();
        try {
            d = d.withMethod(m).withBeam(beamWidth != null ? beamWidth : d.beamWidth(),
                    lmWeight != null ? lmWeight : d.lmWeight(), wordBonus != null ? wordBonus : d.wordBonus())
                    .withBlankPenalty(blankPenalty != null ? blankPenalty : d.blankPenalty())
                    .withOovPenalty(oovPenalty != null ? oovPenalty : d.oovPenalty());
            d = withLmWeightRule(d);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        NgramModel model = noLm ? null : lm != null ? NgramModel.read(lm) : base.languageModel();
        WordList words = null;
        if (vocabulary != null) {
            try {
                words = new WordList(Files.readAllLines(vocabulary));
            } catch (IllegalArgumentException e) {
                throw new IOException(vocabulary + ": " + e.getMessage());
            }
        }
        Map<String, Double> boosts = new LinkedHashMap<>();
        for (String h : hotwords) {
            int colon = h.lastIndexOf(':');
            try {
                boosts.put(h.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                        Double.parseDouble(h.substring(colon + 1)));
            } catch (RuntimeException e) {
                throw new IOException("--hotword wants WORD:BOOST, e.g. verbatim:2, got '" + h + "'");
            }
        }
        return base.withDecoding(d, model, words, boosts);
    }
}
