package dev.verbatim.train;

import dev.verbatim.decode.DecoderConfig;
import dev.verbatim.features.FeatureConfig;
import dev.verbatim.features.FeatureNormalizer;
import dev.verbatim.model.AcousticModel;
import dev.verbatim.model.ModelBundle;
import dev.verbatim.model.ModelConfig;
import dev.verbatim.text.Vocabulary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Measures training throughput: full training steps (batch assembly, augmentation when enabled, forward, backward,
 * Adam update) of a freshly initialised model on real batches of a manifest, after a few warm-up steps. The figure
 * that matters is hours of audio trained per wall-clock hour.
 */
public final class TrainingBenchmark {
    /** Measured figures; times in seconds. */
    public record Result(ModelConfig model, long parameters, int steps, double medianStepSec,
            double medianBatchAudioSec, double audioHoursPerHour, double medianAudioHoursPerHour, String loadAverage) {
        public String format() {
            return String.format("model %s, %,d parameters%n"
                    + "%d timed steps: median step %.2f s, median batch %.1f s of audio%n"
                    + "throughput %.1f h of audio per hour (total audio / total time); per-step median %.1f h/h%n"
                    + "load average before: %s",
                    model, parameters, steps, medianStepSec, medianBatchAudioSec, audioHoursPerHour,
                    medianAudioHoursPerHour, loadAverage);
        }
    }

    private TrainingBenchmark() {
    }

    /**
     * Runs {@code warmup} untimed and {@code steps} timed training steps on batches from the first {@code limit}
     * utterances of {@code manifest}, cut as {@code config} says (batch frames, batch size, augmentation), with the
     * gradients of the training pass, or of the SameDiff graph when {@code graph} is set.
     */
    public static Result run(Path manifest, int limit, ModelConfig modelConfig, TrainConfig config, int warmup,
            int steps, boolean graph, PrintStream log) throws IOException {
        String load = loadAverage();
        FeatureConfig features = FeatureConfig.defaults();
        Vocabulary vocabulary = Vocabulary.english();
        boolean augment = config.augment().enabled();
        // Only the first `limit` utterances are read: the whole training manifest (~100 h) does not fit in memory.
        List<Example> all = Corpus.load(manifest, features, vocabulary, 2, log, true, limit);
        FeatureNormalizer.Accumulator acc = FeatureNormalizer.accumulator(features.numMelBins());
        all.forEach(e -> acc.add(e.frames()));
        AcousticModel model = AcousticModel.initialise(modelConfig, config.seed());
        ModelBundle bundle = new ModelBundle(features, modelConfig, DecoderConfig.defaults(), vocabulary, acc.finish(),
                model);
        List<Example> examples = new ArrayList<>();
        for (Example e : all) {
            if (Corpus.minFrames(e.labels()) <= modelConfig.outputFrames(e.numFrames()) && e.labels().length > 0
                    && e.seconds() <= config.maxUtteranceSec()) {
                if (augment) {
                    examples.add(new Example(e.id(), e.text(), null, e.labels(), e.seconds(), e.numFrames()));
                } else {
                    bundle.normalizer().applyInPlace(e.frames());
                    examples.add(e);
                }
            }
        }
        Trainer trainer = new Trainer(config, 2, log);
        List<List<Example>> batches = trainer.batches(examples, 1, false);
        if (batches.size() < warmup + steps + 1) {
            throw new IOException(manifest + ": only " + batches.size() + " batches in the first " + limit
                    + " utterances; need " + (warmup + steps));
        }
        BatchAugmenter augmenter = augment ? new BatchAugmenter(config.augment(), bundle, examples, config.seed())
                : null;
        model.prepareForTraining();
        Adam adam = new Adam();
        double[] stepSec = new double[steps];
        double[] audio = new double[steps];
        java.util.concurrent.Future<List<Example>> next = null;
        for (int i = 0; i < warmup + steps; i++) {
            List<Example> batch = batches.get(i);
            long t0 = System.nanoTime();
            if (augmenter != null) {
                // as in training: the next batch is prepared while the network works on this one
                batch = BatchAugmenter.await(next != null ? next : augmenter.prefetch(batch, i + 1));
                next = augmenter.prefetch(batches.get(i + 1), i + 2);
            }
            Map<String, INDArray> ph = Trainer.placeholders(model, batch);
            Map<String, INDArray> gradients = graph
                    ? model.graph().calculateGradients(ph, model.parameterNames())
                    : model.lossAndGradients(ph).gradients();
            adam.update(model.parameters(), gradients, config.learningRateAt(i + 1), config.clipNorm());
            double sec = (System.nanoTime() - t0) / 1e9;
            if ((i + 1) % 10 == 0) {
                System.gc(); // as in training: ND4J frees native arrays only when their Java objects are collected
            }
            if (i >= warmup) {
                stepSec[i - warmup] = sec;
                for (Example e : batch) {
                    audio[i - warmup] += e.seconds();
                }
                log.printf("step %d: %.2f s, %.1f s of audio (%d utterances)%n", i - warmup + 1, sec,
                        audio[i - warmup], batch.size());
            }
        }
        if (augmenter != null) {
            augmenter.close();
        }
        double totalSec = Arrays.stream(stepSec).sum();
        double totalAudio = Arrays.stream(audio).sum();
        double[] ratio = new double[steps];
        for (int i = 0; i < steps; i++) {
            ratio[i] = audio[i] / stepSec[i];
        }
        return new Result(modelConfig, model.parameterCount(), steps, median(stepSec), median(audio),
                totalAudio / totalSec, median(ratio), load);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
