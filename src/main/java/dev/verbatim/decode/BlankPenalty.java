package dev.verbatim.decode;

/**
 * A blank penalty: the network's blank probability divided by {@code e^penalty} in every frame, the frame
 * renormalised, before decoding (sherpa-onnx's {@code blank_penalty} does the same to its logits).
 *
 * <p>Why: a CTC model that has not fully learnt its task hedges with the blank, and the decoded text loses letters
 * and whole words (the shipped model's errors on its dev sets were as many deletions as substitutions and ten times
 * the insertions). Making the blank less likely trades deletions for insertions; the right amount is measured on dev
 * sets together with the language model's weights and saved in the model's decoder settings; beam search applies it
 * ({@link dev.verbatim.Recognizer#decode}), best-path decoding does not. Penalty 0 leaves the frames untouched.
 */
public final class BlankPenalty {
    private BlankPenalty() {
    }

    /**
     * @param logProbs {@code [frames][symbols]} natural-log probabilities; not changed
     * @param blank    the blank's symbol id
     * @param penalty  subtracted from the blank's log-probability before renormalising (negative favours the blank)
     * @return {@code logProbs} itself when the penalty is 0, else new renormalised frames
     */
    public static float[][] apply(float[][] logProbs, int blank, double penalty) {
        if (penalty == 0) {
            return logProbs;
        }
        float[][] out = new float[logProbs.length][];
        for (int t = 0; t < logProbs.length; t++) {
            float[] in = logProbs[t];
            double[] shifted = new double[in.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < in.length; k++) {
                shifted[k] = k == blank ? in[k] - penalty : in[k];
                max = Math.max(max, shifted[k]);
            }
            double sum = 0;
            for (double v : shifted) {
                sum += Math.exp(v - max);
            }
            double logZ = max + Math.log(sum);
            float[] row = new float[in.length];
            for (int k = 0; k < in.length; k++) {
                row[k] = (float) (shifted[k] - logZ);
            }
            out[t] = row;
        }
        return out;
    }
}
