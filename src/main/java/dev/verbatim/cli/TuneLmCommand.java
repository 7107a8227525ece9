package dev.verbatim.cli;

import dev.verbatim.Recognizer;
import dev.verbatim.audio.AudioLoader;
import dev.verbatim.data.Manifest;
import dev.verbatim.data.Utterance;
import dev.verbatim.decode.BeamSearchDecoder;
import dev.verbatim.decode.DecoderConfig;
import dev.verbatim.eval.EvalReport;
import dev.verbatim.io.AtomicFiles;
import dev.verbatim.lm.NgramModel;
import dev.verbatim.model.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "tune-lm", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Search the language-model weight (alpha) and word bonus (beta) of beam search on a dev "
                + "manifest, by WER. The network runs once per utterance; only the search is repeated.",
            "With --write the best values (and the language model, copied in as lm.arpa or lm.bin when --lm is given) go "
                    + "into the model folder's config.json, making beam search its default."})
final class TuneLmCommand implements Callable<Integer> {
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
    @Option(names = "--beam-width", description = "Beam width of the search.")
    int beamWidth = BeamSearchDecoder.Options.defaults().beamWidth();
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
        int rate = base.bundle().features().sampleRateHz();
        List<float[][]> logProbs = new ArrayList<>();
        for (Utterance u : utterances) {
            logProbs.add(base.logProbs(AudioLoader.loadMono(u.audio(), rate)));
        }
        DecoderConfig greedy = base.bundle().decoder().withMethod(DecoderConfig.GREEDY);
        double greedyWer = wer(base.withDecoding(greedy, null, null, Map.of()), utterances, logProbs);
        System.out.printf("%s: %d utterances; greedy WER %.2f %%%n", dev, utterances.size(), 100 * greedyWer);
        StringBuilder header = new StringBuilder("alpha \\ beta");
        for (double b : betas) {
            header.append(String.format("%9.2f", b));
        }
        System.out.println(header);
        double best = Double.POSITIVE_INFINITY;
        double bestAlpha = 0;
        double bestBeta = 0;
        for (double a : alphas) {
            StringBuilder row = new StringBuilder(String.format("%12.2f", a));
            for (double b : betas) {
                DecoderConfig d = base.bundle().decoder().withMethod(DecoderConfig.BEAM).withBeam(beamWidth, a, b);
                double w = wer(base.withDecoding(d, languageModel, null, Map.of()), utterances, logProbs);
                row.append(String.format("%8.2f%%", 100 * w));
                if (w < best) {
                    best = w;
                    bestAlpha = a;
                    bestBeta = b;
                }
            }
            System.out.println(row);
            System.out.flush();
        }
        System.out.printf("best: alpha %.2f, beta %.2f: WER %.2f %% (greedy %.2f %%, %.1f %% relative)%n", bestAlpha,
                bestBeta, 100 * best, 100 * greedyWer, 100 * (greedyWer - best) / Math.max(1e-9, greedyWer));
        if (write) {
            String file = base.bundle().decoder().languageModel();
            if (lm != null) {
                file = lm.getFileName().toString().endsWith(".bin") ? "lm.bin" : "lm.arpa";
                Path target = model.resolve(file);
                if (!(Files.exists(target) && Files.isSameFile(lm, target))) {
                    AtomicFiles.write(target, out -> Files.copy(lm, out));
                }
            }
            ModelBundle tuned = base.bundle().withDecoder(base.bundle().decoder().withMethod(DecoderConfig.BEAM)
                    .withBeam(beamWidth, bestAlpha, bestBeta).withLanguageModel(file));
            tuned.saveConfig(model);
            System.out.println("wrote " + model.resolve("config.json") + " (decoder: beam, " + file + ")");
        }
        return 0;
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
