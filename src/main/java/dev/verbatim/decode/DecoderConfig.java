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
 */
public record DecoderConfig(String method, int beamWidth, double lmWeight, double wordBonus, double cutoffProb,
        int cutoffTopN, String languageModel, double blankPenalty, double oovPenalty) {
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

    public DecoderConfig withMethod(String m) {
        return new DecoderConfig(m, beamWidth, lmWeight, wordBonus, cutoffProb, cutoffTopN, languageModel,
                blankPenalty, oovPenalty);
    }

    public DecoderConfig withBeam(int width, double alpha, double beta) {
        return new DecoderConfig(method, width, alpha, beta, cutoffProb, cutoffTopN, languageModel, blankPenalty,
                oovPenalty);
    }

    public DecoderConfig withLanguageModel(String file) {
        return new DecoderConfig(method, beamWidth, lmWeight, wordBonus, cutoffProb, cutoffTopN, file, blankPenalty,
                oovPenalty);
    }

    public DecoderConfig withBlankPenalty(double penalty) {
        return new DecoderConfig(method, beamWidth, lmWeight, wordBonus, cutoffProb, cutoffTopN, languageModel,
                penalty, oovPenalty);
    }

    public DecoderConfig withOovPenalty(double penalty) {
        return new DecoderConfig(method, beamWidth, lmWeight, wordBonus, cutoffProb, cutoffTopN, languageModel,
                blankPenalty, penalty);
    }
}
