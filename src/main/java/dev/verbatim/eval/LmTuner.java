package dev.verbatim.eval;

import dev.verbatim.Recognizer;
import dev.verbatim.audio.AudioLoader;
import dev.verbatim.data.Utterance;
import dev.verbatim.decode.DecoderConfig;
import dev.verbatim.lm.NgramModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Grid search of beam search's language-model weight (alpha), word bonus (beta), blank penalty and out-of-vocabulary
 * penalty by WER on a dev set. The network runs once per utterance; only the search is repeated for each combination.
 * Each combination gives every utterance one weight: a confidence-dependent weight ({@link
 * DecoderConfig#confidentAbove}) is off while the grid runs.
 */
public final class LmTuner {
    /**
     * The outcome.
     *
     * @param alpha     the best language-model weight
     * @param beta      the best word bonus
     * @param blankPenalty the best blank penalty
     * @param oovPenalty the best out-of-vocabulary penalty
     * @param wer       its WER
     * @param greedyWer best-path decoding's WER on the same utterances
     */
    public record Result(double alpha, double beta, double blankPenalty, double oovPenalty, double wer,
            double greedyWer) {
        public double relativeGain() {
            return greedyWer == 0 ? 0 : (greedyWer - wer) / greedyWer;
        }
    }

    private LmTuner() {
    }

    /**
     * {@link #tune(Recognizer, NgramModel, List, List, List, List, List, int, PrintWriter)} at {@code base}'s blank
     * and out-of-vocabulary penalties.
     */
    public static Result tune(Recognizer base, NgramModel lm, List<Utterance> utterances, List<Double> alphas,
            List<Double> betas, int beamWidth, PrintWriter out) throws IOException {
        DecoderConfig d = base.bundle().decoder();
        return tune(base, lm, utterances, alphas, betas, List.of(d.blankPenalty()), List.of(d.oovPenalty()),
                beamWidth, out);
    }

    /**
     * Prints one grid (rows alpha, columns beta) per pair of blank and out-of-vocabulary penalties to {@code out} as
     * it goes.
     */
    public static Result tune(Recognizer base, NgramModel lm, List<Utterance> utterances, List<Double> alphas,
            List<Double> betas, List<Double> blankPenalties, List<Double> oovPenalties, int beamWidth,
            PrintWriter out) throws IOException {
        List<float[][]> logProbs = logProbs(base, utterances);
        DecoderConfig d = base.bundle().decoder();
        double greedy = wer(base.withDecoding(d.withMethod(DecoderConfig.GREEDY), null, null, Map.of()), utterances,
                logProbs);
        out.printf(Locale.ROOT, "%d utterances; greedy WER %.2f %%%n", utterances.size(), 100 * greedy);
        Result best = new Result(0, 0, 0, 0, Double.POSITIVE_INFINITY, greedy);
        List<double[]> penalties = new ArrayList<>();
        for (double p : blankPenalties) {
            for (double q : oovPenalties) {
                penalties.add(new double[] {p, q});
            }
        }
        for (double[] pq : penalties) {
            double p = pq[0];
            double q = pq[1];
            if (blankPenalties.size() > 1 || oovPenalties.size() > 1) {
                out.printf(Locale.ROOT, "blank penalty %.2f, oov penalty %.2f%n", p, q);
            }
            StringBuilder header = new StringBuilder("alpha \\ beta");
            for (double b : betas) {
                header.append(String.format(Locale.ROOT, "%9.2f", b));
            }
            out.println(header);
            for (double a : alphas) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%12.2f", a));
                for (double b : betas) {
                    DecoderConfig beam = d.withMethod(DecoderConfig.BEAM).withBeam(beamWidth, a, b).withBlankPenalty(p)
                            .withOovPenalty(q).withConfidentLmWeight(0, 0);
                    double w = wer(base.withDecoding(beam, lm, null, Map.of()), utterances, logProbs);
                    row.append(String.format(Locale.ROOT, "%8.2f%%", 100 * w));
                    if (w < best.wer()) {
                        best = new Result(a, b, p, q, w, greedy);
                    }
                }
                out.println(row);
                out.flush();
            }
        }
        out.printf(Locale.ROOT, "best: alpha %.2f, beta %.2f, blank penalty %.2f, oov penalty %.2f: WER %.2f %% "
                + "(greedy %.2f %%, %.1f %% relative)%n", best.alpha(), best.beta(), best.blankPenalty(),
                best.oovPenalty(), 100 * best.wer(), 100 * greedy, 100 * best.relativeGain());
        out.flush();
        return best;
    }

    /**
     * The best confidence-dependent weight of a grid.
     *
     * @param confidentLmWeight the weight for confident utterances
     * @param confidentAbove    the best-path confidence from which it applies
     * @param wer               its WER
     * @param oneWeightWer      the WER with the base weight for every utterance
     */
    public record ConfidenceResult(double confidentLmWeight, double confidentAbove, double wer, double oneWeightWer) {
    }

    /**
     * Grid search of a {@linkplain DecoderConfig#confidentAbove confidence-dependent} language model weight: for each
     * threshold (rows) and weight for the utterances whose best path is at least that confident (columns), the WER of
     * beam search that gives the other utterances {@code base}'s own {@code lmWeight}, all else as {@code base}'s
     * decoder says. The network and each weight's search run once per utterance; the grid only recombines them.
     */
    public static ConfidenceResult tuneConfidence(Recognizer base, NgramModel lm, List<Utterance> utterances,
            List<Double> confidentWeights, List<Double> thresholds, int beamWidth, PrintWriter out)
            throws IOException {
        DecoderConfig d = base.bundle().decoder().withMethod(DecoderConfig.BEAM).withConfidentLmWeight(0, 0);
        d = d.withBeam(beamWidth, d.lmWeight(), d.wordBonus());
        Recognizer greedy = base.withDecoding(d.withMethod(DecoderConfig.GREEDY), null, null, Map.of());
        List<Double> weights = new ArrayList<>(List.of(d.lmWeight()));
        for (double w : confidentWeights) {
            if (!weights.contains(w)) {
                weights.add(w);
            }
        }
        List<Recognizer> searches = new ArrayList<>();
        for (double w : weights) {
            searches.add(base.withDecoding(d.withBeam(beamWidth, w, d.wordBonus()), lm, null, Map.of()));
        }
        int n = utterances.size();
        double[] confidence = new double[n];
        int[][] errors = new int[weights.size()][n];
        long refWords = 0;
        long greedyErrors = 0;
        List<float[][]> allLogProbs = logProbs(base, utterances);
        for (int i = 0; i < n; i++) {
            Utterance u = utterances.get(i);
            float[][] logProbs = allLogProbs.get(i);
            var best = greedy.decode(logProbs);
            confidence[i] = best.characterConfidence();
            var g = ErrorRates.words(u.transcript(), best.text());
            refWords += g.refLength();
            greedyErrors += g.errors();
            for (int k = 0; k < weights.size(); k++) {
                errors[k][i] = ErrorRates.words(u.transcript(), searches.get(k).decode(logProbs).text()).errors();
            }
        }
        long words = Math.max(refWords, 1);
        double oneWeight = sum(errors[0]) / (double) words;
        out.printf(Locale.ROOT, "%d utterances; greedy WER %.2f %%; one weight (alpha %.2f): WER %.2f %%%n", n,
                100.0 * greedyErrors / words, d.lmWeight(), 100 * oneWeight);
        StringBuilder header = new StringBuilder("above \\ weight");
        for (double w : confidentWeights) {
            header.append(String.format(Locale.ROOT, "%9.2f", w));
        }
        out.println(header);
        ConfidenceResult best = new ConfidenceResult(0, 0, oneWeight, oneWeight);
        for (double t : thresholds) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%14.2f", t));
            for (double w : confidentWeights) {
                int[] confident = errors[weights.indexOf(w)];
                long e = 0;
                for (int i = 0; i < n; i++) {
                    e += confidence[i] >= t ? confident[i] : errors[0][i];
                }
                double wer = e / (double) words;
                row.append(String.format(Locale.ROOT, "%8.2f%%", 100 * wer));
                if (wer < best.wer()) {
                    best = new ConfidenceResult(w, t, wer, oneWeight);
                }
            }
            out.println(row);
            out.flush();
        }
        if (best.confidentAbove() == 0) {
            out.printf(Locale.ROOT, "best: one weight, alpha %.2f: WER %.2f %%%n", d.lmWeight(), 100 * oneWeight);
        } else {
            out.printf(Locale.ROOT, "best: weight %.2f above confidence %.2f, alpha %.2f below: WER %.2f %% (one "
                    + "weight %.2f %%)%n", best.confidentLmWeight(), best.confidentAbove(), d.lmWeight(),
                    100 * best.wer(), 100 * oneWeight);
        }
        out.flush();
        return best;
    }

    /** The network's output for each utterance, computed once for every setting a grid tries. */
    private static List<float[][]> logProbs(Recognizer base, List<Utterance> utterances) throws IOException {
        int rate = base.bundle().features().sampleRateHz();
        List<float[][]> out = new ArrayList<>();
        for (Utterance u : utterances) {
            out.add(base.logProbs(AudioLoader.loadMono(u.audio(), rate)));
        }
        return out;
    }

    private static long sum(int[] values) {
        long s = 0;
        for (int v : values) {
            s += v;
        }
        return s;
    }

    private static double wer(Recognizer r, List<Utterance> utterances, List<float[][]> logProbs) {
        EvalReport report = new EvalReport();
        for (int i = 0; i < utterances.size(); i++) {
            report.add(utterances.get(i).audio().toString(), utterances.get(i).transcript(),
                    r.decode(logProbs.get(i)).text());
        }
        return report.wer();
    }
}
