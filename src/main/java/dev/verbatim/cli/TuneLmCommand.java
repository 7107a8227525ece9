package dev.verbatim.cli;

import dev.verbatim.Recognizer;
import dev.verbatim.data.Manifest;
import dev.verbatim.data.Utterance;
import dev.verbatim.decode.DecoderConfig;
import dev.verbatim.eval.LmTuner;
import dev.verbatim.io.AtomicFiles;
import dev.verbatim.lm.NgramModel;
import dev.verbatim.model.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "tune-lm", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Search the language-model weight (alpha), word bonus (beta), blank penalty and "
                + "out-of-vocabulary penalty of beam search on a dev manifest, by WER. The network runs once per "
                + "utterance; only the search is repeated.",
            "With --write the best values (and the language model, copied in as lm.arpa or lm.bin when --lm is "
                    + "given) go into the model folder's config.json, making beam search its default, with one "
                    + "weight for every utterance (a confidence-dependent weight is turned off)."})
final class TuneLmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = {"-m", "--model"}, paramLabel = "DIR", description = "Model folder.")
    Path model = Main.defaultModel();
    @Option(names = "--dev", required = true, paramLabel = "TSV", description = "Dev manifest (not a test set).")
    Path dev;
    @Option(names = "--lm", paramLabel = "FILE", description = "ARPA language model (default: the model's).")
    Path lm;
    @Option(names = "--alphas", split = ",", description = "Language-model weights to try.")
    List<Double> alphas = List.of(0.0, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0);
    @Option(names = "--betas", split = ",", description = "Word bonuses to try.")
    List<Double> betas = List.of(0.0, 1.0, 2.0, 3.0, 4.0);
    @Option(names = "--blank-penalties", split = ",", description = "Blank penalties to try (subtracted from the "
            + "blank's log-probability before the search; default: the model's).")
    List<Double> blankPenalties;
    @Option(names = "--oov-penalties", split = ",", description = "Out-of-vocabulary penalties to try (taken from "
            + "the score of every word the language model lacks; default: the model's).")
    List<Double> oovPenalties;
    @Option(names = "--beam-width", description = "Beam width of the search (default: the model's, as eval and "
            + "transcribe decode with it).")
    Integer beamWidth;
    @Option(names = "--confident-lm-weights", split = ",", paramLabel = "ALPHA", description = "Instead of the "
            + "alpha/beta grid: the weights to try for utterances the network is sure of (a confidence-dependent "
            + "weight; the others keep the model's lmWeight), one column each.")
    List<Double> confidentWeights;
    @Option(names = "--confident-above", split = ",", paramLabel = "P", description = "With --confident-lm-weights: "
            + "the best-path confidences (0-1, the mean posterior of the emitted characters) to try as the "
            + "threshold, one row each.")
    List<Double> confidentAbove = List.of(0.7, 0.75, 0.8, 0.85, 0.9);
    @Option(names = "--limit", description = "Use at most this many utterances of the manifest.")
    int limit = 200;
    @Option(names = "--write", description = "Store the best settings in the model folder.")
    boolean write;

    @Override
    public Integer call() throws IOException {
        Recognizer base = Recognizer.load(model);
        NgramModel languageModel = lm != null ? NgramModel.read(lm) : base.languageModel();
        if (languageModel == null) {
            throw new IOException(model + " has no language model: give one with --lm FILE");
        }
        List<Utterance> utterances = Manifest.read(dev);
        utterances = utterances.subList(0, Math.min(limit, utterances.size()));
        java.io.PrintWriter out = spec.commandLine().getOut();
        List<Double> penalties = blankPenalties != null ? blankPenalties
                : List.of(base.bundle().decoder().blankPenalty());
        List<Double> oov = oovPenalties != null ? oovPenalties : List.of(base.bundle().decoder().oovPenalty());
        int beamWidth = this.beamWidth != null ? this.beamWidth : base.bundle().decoder().beamWidth();
        out.print(dev + " (beam " + beamWidth + "): ");
        if (confidentWeights != null) {
            return tuneConfidence(base, languageModel, utterances, beamWidth, out);
        }
        LmTuner.Result r = LmTuner.tune(base, languageModel, utterances, alphas, betas, penalties, oov, beamWidth,
                out);
        double bestAlpha = r.alpha();
        double bestBeta = r.beta();
        if (write) {
            String file = base.bundle().decoder().languageModel();
            if (lm != null) {
                file = lm.getFileName().toString().endsWith(".bin") ? "lm.bin" : "lm.arpa";
                Path target = model.resolve(file);
                if (!(Files.exists(target) && Files.isSameFile(lm, target))) {
                    AtomicFiles.write(target, stream -> Files.copy(lm, stream));
                }
            }
            ModelBundle tuned = base.bundle().withDecoder(base.bundle().decoder().withMethod(DecoderConfig.BEAM)
                    .withBeam(beamWidth, bestAlpha, bestBeta).withBlankPenalty(r.blankPenalty())
                    .withOovPenalty(r.oovPenalty()).withConfidentLmWeight(0, 0) // the grid's one weight
                    .withLanguageModel(file));
            tuned.saveConfig(model);
            out.println("wrote " + model.resolve("config.json") + " (decoder: beam, " + file + ")");
        }
        return 0;
    }

    private int tuneConfidence(Recognizer base, NgramModel languageModel, List<Utterance> utterances, int beamWidth,
            java.io.PrintWriter out) throws IOException {
        if (lm != null && write) {
            throw new IOException("--confident-lm-weights --write keeps the model's language model: drop --lm");
        }
        for (double t : confidentAbove) {
            if (!(t > 0 && t < 1)) {
                throw new IOException("--confident-above wants confidences between 0 and 1, got " + t);
            }
        }
        for (double w : confidentWeights) {
            if (!(Double.isFinite(w) && w >= 0)) {
                throw new IOException("--confident-lm-weights wants weights of at least 0, got " + w);
            }
        }
        LmTuner.ConfidenceResult r = LmTuner.tuneConfidence(base, languageModel, utterances, confidentWeights,
                confidentAbove, beamWidth, out);
        if (write) {
            DecoderConfig d = base.bundle().decoder();
            ModelBundle tuned = base.bundle().withDecoder(d.withMethod(DecoderConfig.BEAM)
                    .withBeam(beamWidth, d.lmWeight(), d.wordBonus())
                    .withConfidentLmWeight(r.confidentLmWeight(), r.confidentAbove()));
            tuned.saveConfig(model);
            out.println("wrote " + model.resolve("config.json") + (r.confidentAbove() == 0
                    ? " (one language model weight for every utterance)"
                    : String.format(java.util.Locale.ROOT, " (decoder.confidentLmWeight %.2f above confidence %.2f)",
                            r.confidentLmWeight(), r.confidentAbove())));
        }
        return 0;
    }
}
