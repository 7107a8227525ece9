package dev.verbatim.decode;

/**
 * Decoder settings saved in the model's {@code config.json}.
 *
 * @param method        {@code greedy} (best path) or {@code beam} (prefix beam search)
 * @param beamWidth     prefixes kept per frame (beam search)
 * @param lmWeight      alpha, the language model's weight (beam search with a language model)
 * @param wordBonus     beta, added per word
 * @param cutoffProb    cumulative probability of the symbols tried per frame
 * @param cutoffTopN    at most this many symbols tried per frame
 * @param languageModel the language model's file in the model folder (ARPA), or null for none
 * @param blankPenalty  subtracted from the blank's log-probability in every frame before beam search
 *                      ({@link BlankPenalty}); 0 (also what an older config.json reads as) for none
 * @param oovPenalty    subtracted from the score of every word outside the language model's vocabulary (beam
 *                      search with a language model); 0 (also what an older config.json reads as) for none
 * @param confidentLmWeight the language model's weight for an utterance the network is sure of (see
 *                      {@code confidentAbove}), in place of {@code lmWeight}
 * @param confidentAbove a confidence-dependent language model weight: an utterance whose best path's mean character
 *                      posterior ({@link Transcript#characterConfidence}) is at least this is searched with
 *                      {@code confidentLmWeight}, any other with {@code lmWeight}; 0 (also what an older config.json
 *                      reads as) for one weight for every utterance. Clear speech gains from a heavier language
 *                      model, while in noise, where the network is unsure, a heavier one replaces more right words
 *                      than wrong ones.
 */
public record DecoderConfig(String method, int beamWidth, double lmWeight, double wordBonus, double cutoffProb,
        int cutoffTopN, String languageModel, double blankPenalty, double oovPenalty, double confidentLmWeight,
        double confidentAbove) {
    public static final String GREEDY = "greedy";
    public static final String BEAM = "beam";

    /** Missing numbers in an older config.json read as 0 and take the defaults here. */
    public DecoderConfig {
        if (method == null) {
            method = GREEDY;
        }
        if (!method.equals(GREEDY) && !method.equals(BEAM)) {
            throw new IllegalArgumentException("decoder.method must be 'greedy' or 'beam', got '" + method + "'");
        }
        BeamSearchDecoder.Options d = BeamSearchDecoder.Options.defaults();
        beamWidth = beamWidth == 0 ? d.beamWidth() : beamWidth;
        cutoffProb = cutoffProb == 0 ? d.cutoffProb() : cutoffProb;
        cutoffTopN = cutoffTopN == 0 ? d.cutoffTopN() : cutoffTopN;
        if (languageModel != null && languageModel.isBlank()) {
            languageModel = null;
        }
        if (!Double.isFinite(blankPenalty)) {
            throw new IllegalArgumentException("decoder.blankPenalty must be finite, got " + blankPenalty);
        }
        if (!Double.isFinite(oovPenalty)) {
            throw new IllegalArgumentException("decoder.oovPenalty must be finite, got " + oovPenalty);
        }
        new BeamSearchDecoder.Options(beamWidth, cutoffProb, cutoffTopN, lmWeight, wordBonus, oovPenalty); // checks
        if (!(confidentAbove >= 0 && confidentAbove < 1)) {
            throw new IllegalArgumentException("decoder.confidentAbove must be in [0, 1) (0: off), got "
                    + confidentAbove);
        }
        if (!(Double.isFinite(confidentLmWeight) && confidentLmWeight >= 0)) {
            throw new IllegalArgumentException("decoder.confidentLmWeight must be finite and at least 0, got "
                    + confidentLmWeight);
        }
    }

    /** Without a confidence-dependent language model weight. */
    public DecoderConfig(String method, int beamWidth, double lmWeight, double wordBonus, double cutoffProb,
            int cutoffTopN, String languageModel, double blankPenalty, double oovPenalty) {
        this(method, beamWidth, lmWeight, wordBonus, cutoffProb, cutoffTopN, languageModel, blankPenalty, oovPenalty,
                0, 0);
    }

    /** Without a blank penalty or an OOV penalty. */
    public DecoderConfig(String method, int beamWidth, double lmWeight, double wordBonus, double cutoffProb,
            int cutoffTopN, String languageModel) {
        this(method, beamWidth, lmWeight, wordBonus, cutoffProb, cutoffTopN, languageModel, 0, 0);
    }

    public DecoderConfig(String method) {
        this(method, 0, 0, 0, 0, 0, null);
    }

    /** Greedy decoding (the settings for beam search at their defaults, no language model). */
    public static DecoderConfig defaults() {
        BeamSearchDecoder.Options d = BeamSearchDecoder.Options.defaults();
        return new DecoderConfig(GREEDY, d.beamWidth(), d.lmWeight(), d.wordBonus(), d.cutoffProb(), d.cutoffTopN(),
                null);
    }

    public BeamSearchDecoder.Options beamOptions() {
        return new BeamSearchDecoder.Options(beamWidth, cutoffProb, cutoffTopN, lmWeight, wordBonus, oovPenalty);
    }

    /** Whether the language model's weight depends on the network's confidence ({@code confidentAbove} above 0). */
    public boolean confidenceDependent() {
        return confidentAbove > 0;
    }

    /** {@link #beamOptions} with {@code confidentLmWeight} as the language model's weight. */
    public BeamSearchDecoder.Options confidentBeamOptions() {
        return new BeamSearchDecoder.Options(beamWidth, cutoffProb, cutoffTopN, confidentLmWeight, wordBonus,
                oovPenalty);
    }

    public DecoderConfig withMethod(String m) {
        return new DecoderConfig(m, beamWidth, lmWeight, wordBonus, cutoffProb, cutoffTopN, languageModel,
                blankPenalty, oovPenalty, confidentLmWeight, confidentAbove);
    }

    public DecoderConfig withBeam(int width, double alpha, double beta) {
        return new DecoderConfig(method, width, alpha, beta, cutoffProb, cutoffTopN, languageModel, blankPenalty,
                oovPenalty, confidentLmWeight, confidentAbove);
    }

    public DecoderConfig withLanguageModel(String file) {
        return new DecoderConfig(method, beamWidth, lmWeight, wordBonus, cutoffProb, cutoffTopN, file, blankPenalty,
                oovPenalty, confidentLmWeight, confidentAbove);
    }

    public DecoderConfig withBlankPenalty(double penalty) {
        return new DecoderConfig(method, beamWidth, lmWeight, wordBonus, cutoffProb, cutoffTopN, languageModel,
                penalty, oovPenalty, confidentLmWeight, confidentAbove);
    }

    public DecoderConfig withOovPenalty(double penalty) {
        return new DecoderConfig(method, beamWidth, lmWeight, wordBonus, cutoffProb, cutoffTopN, languageModel,
                blankPenalty, penalty, confidentLmWeight, confidentAbove);
    }

    /**
     * With a confidence-dependent language model weight: {@code weight} for utterances whose best path's mean
     * character posterior is at least {@code above}; {@code above} 0 turns it off.
     */
    public DecoderConfig withConfidentLmWeight(double weight, double above) {
        return new DecoderConfig(method, beamWidth, lmWeight, wordBonus, cutoffProb, cutoffTopN, languageModel,
                blankPenalty, oovPenalty, weight, above);
    }
}
