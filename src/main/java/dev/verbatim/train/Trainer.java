package dev.verbatim.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.verbatim.audio.AudioLoader;
import dev.verbatim.decode.DecoderConfig;
import dev.verbatim.decode.GreedyDecoder;
import dev.verbatim.eval.EvalReport;
import dev.verbatim.features.FeatureConfig;
import dev.verbatim.features.FeatureNormalizer;
import dev.verbatim.features.LogMelExtractor;
import dev.verbatim.io.FileTrees;
import dev.verbatim.model.AcousticModel;
import dev.verbatim.model.ModelBundle;
import dev.verbatim.model.ModelConfig;
import dev.verbatim.model.ModelGrowth;
import dev.verbatim.model.TrainingPass;
import dev.verbatim.model.WeightAverage;
import dev.verbatim.text.Vocabulary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains an acoustic model with CTC on a manifest, evaluating on dev manifests, checkpointing and resuming.
 *
 * <p>Layout of the model folder: the best model so far by dev CER (the four {@link ModelBundle} files), and
 * {@code checkpoint/} with the latest parameters, the optimizer's moments and {@code state.json}, from which a
 * later run resumes.
 */
public final class Trainer {
    public static final String CHECKPOINT_DIR = "checkpoint";
    /** Where {@link #keepSnapshots} puts the models of the latest dev evaluations, one folder per step. */
    public static final String SNAPSHOT_DIR = "snapshots";
    private static final String OPTIMIZER = "optimizer.bin";
    private static final String STATE = "state.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Utterances read to estimate the normalisation statistics when training with augmentation. */
    private static final int NORMALIZER_SAMPLE = 3000;

    private final TrainConfig config;
    private final PrintStream log;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final int threads;
    private volatile StopReason stopReason;
    private int keepSnapshots;

    /**
     * Keeps the model of each of the last {@code n} dev evaluations as a model folder
     * {@code MODEL_DIR/snapshots/step-NNNNNN/} (older ones are deleted), to average them afterwards
     * ({@link WeightAverage}). 0 (the default) keeps none.
     */
    public void keepSnapshots(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("snapshots must be >= 0, got " + n);
        }
        keepSnapshots = n;
    }

    /** Why {@link #train} returned. */
    public enum StopReason { INTERRUPTED, TIME_LIMIT, STEP_LIMIT, FINISHED }

    /** Why the last {@link #train} call returned, or null before it returns. */
    public StopReason stopReason() {
        return stopReason;
    }

    /**
     * Progress kept across runs in {@code checkpoint/state.json}. {@code devSets} names the dev sets (file names and
     * sizes) that {@code bestDevCer} was measured on: a best score on other sets says nothing, so it is reset when
     * they change (null in checkpoints written before this field existed). {@code trainedStart} is true when the run
     * began from trained weights ({@code --init-from}, fine-tuning): the first epoch is then shuffled like the
     * others, since SortaGrad's shortest-first order only helps a network that has not learnt to align yet.
     */
    public record State(long step, int epoch, int batchInEpoch, double audioSecTrained, double trainWallSec,
            double bestDevCer, List<HistoryPoint> history, String devSets, boolean trainedStart) {
        State withDevSets(String sets) {
            boolean same = sets.equals(devSets);
            return new State(step, epoch, batchInEpoch, audioSecTrained, trainWallSec,
                    same ? bestDevCer : Double.POSITIVE_INFINITY, history, sets, trainedStart);
        }

        static State start(boolean trainedStart, String devSets) {
            return new State(0, 0, 0, 0, 0, Double.POSITIVE_INFINITY, new ArrayList<>(), devSets, trainedStart);
        }
    }

    /** One logged point: the step, mean training loss since the last point, and dev scores when measured. */
    public record HistoryPoint(long step, double audioHours, double wallHours, double loss, Double devCer,
            Double devWer) {
    }

    public Trainer(TrainConfig config, int threads, PrintStream log) {
        this.config = config;
        this.threads = threads;
        this.log = log;
    }

    /** The step of the checkpoint in {@code modelDir}, or 0 when there is none. */
    public static long checkpointStep(Path modelDir) throws IOException {
        Path file = modelDir.resolve(CHECKPOINT_DIR).resolve(STATE);
        return Files.exists(file) ? JSON.readValue(file.toFile(), State.class).step() : 0;
    }

    /** Asks the loop to stop after the current step; the checkpoint is then written before {@link #train} returns. */
    public void requestStop() {
        stopRequested.set(true);
    }

    /**
     * Trains. If {@code modelDir/checkpoint} exists training resumes from it (unless {@code restart}); otherwise a new
     * model of {@code modelConfig} is initialised, with normalisation statistics from the training set.
     */
    public State train(Path trainManifest, List<Path> devManifests, Path modelDir, ModelConfig modelConfig,
            FeatureConfig featureConfig, boolean restart) throws IOException {
        return train(trainManifest, devManifests, modelDir, modelConfig, featureConfig, restart, null);
    }

    /**
     * As {@link #train(Path, List, Path, ModelConfig, FeatureConfig, boolean)}, but a new model (one not resumed from
     * a checkpoint) starts from the trained model folder {@code initFrom} when it is not null: its features,
     * vocabulary, normalisation and decoder settings, and its weights grown to {@code modelConfig}'s size by
     * {@link ModelGrowth#grow} (wider layers keep its output exactly; a new stride keeps its weights). The optimizer
     * starts afresh, with its warm-up.
     */
    public State train(Path trainManifest, List<Path> devManifests, Path modelDir, ModelConfig modelConfig,
            FeatureConfig featureConfig, boolean restart, Path initFrom) throws IOException {
        Path ckptDir = modelDir.resolve(CHECKPOINT_DIR);
        boolean resume = !restart && Files.exists(ckptDir.resolve(STATE));
        ModelBundle bundle;
        Adam adam;
        State state;
        Vocabulary vocabulary;
        FeatureConfig features;
        if (resume) {
            bundle = ModelBundle.load(ckptDir);
            // The decoder settings are the model folder's (tune-lm --write and the REPL change them there, not in
            // the checkpoint): keep them, so that saving a better model does not reset them to the defaults.
            if (Files.exists(modelDir.resolve(ModelBundle.CONFIG))) {
                DecoderConfig decoder = ModelBundle.readConfig(modelDir).decoder();
                if (decoder != null) {
                    bundle = bundle.withDecoder(decoder);
                }
            }
            adam = Adam.load(ckptDir.resolve(OPTIMIZER));
            state = JSON.readValue(ckptDir.resolve(STATE).toFile(), State.class);
            vocabulary = bundle.vocabulary();
            features = bundle.features();
            log.printf("resuming from %s at step %d (epoch %d, %.2f h of audio trained)%n", ckptDir, state.step(),
                    state.epoch() + 1, state.audioSecTrained() / 3600);
        } else if (initFrom != null) {
            ModelBundle source = ModelBundle.load(initFrom);
            ModelConfig mc = modelConfig != null ? modelConfig : source.modelConfig();
            String why = ModelGrowth.incompatibility(source.modelConfig(), mc);
            if (why != null) {
                throw new IllegalArgumentException("--init-from " + initFrom + ": cannot start a model of "
                        + mc + " from its " + source.modelConfig() + ": " + why);
            }
            vocabulary = source.vocabulary();
            features = source.features();
            bundle = new ModelBundle(features, mc, source.decoder(), vocabulary, source.normalizer(),
                    ModelGrowth.grow(source.model(), mc, config.seed()));
            adam = new Adam();
            state = State.start(true, null);
            log.printf("starting from %s (%s, %,d parameters)%n", initFrom, source.modelConfig(),
                    source.model().parameterCount());
        } else {
            vocabulary = Vocabulary.english();
            features = featureConfig;
            bundle = null;
            adam = new Adam();
            state = State.start(false, null);
        }

        long t0 = System.nanoTime();
        boolean augment = config.augment().enabled();
        // With augmentation each batch is read, augmented and featurised anew: only frame counts are kept here.
        List<Example> train = Corpus.load(trainManifest, features, vocabulary, threads, log, !augment);
        log.printf("read %s: %d utterances, %.2f h of audio in %.0f s%n", trainManifest, train.size(),
                hours(train), (System.nanoTime() - t0) / 1e9);
        if (train.isEmpty()) {
            throw new IOException(trainManifest + ": no usable training utterances");
        }
        if (bundle == null) {
            FeatureNormalizer.Accumulator acc = FeatureNormalizer.accumulator(features.numMelBins());
            if (augment) {
                // Statistics of clean audio from an evenly spread sample of the training set.
                LogMelExtractor extractor = new LogMelExtractor(features);
                int every = Math.max(1, train.size() / NORMALIZER_SAMPLE);
                for (int i = 0; i < train.size(); i += every) {
                    acc.add(extractor.extract(AudioLoader.loadMono(Path.of(train.get(i).id()),
                            features.sampleRateHz())));
                }
            } else {
                for (Example e : train) {
                    acc.add(e.frames());
                }
            }
            ModelConfig mc = modelConfig != null ? modelConfig
                    : ModelConfig.defaults(features.numMelBins(), vocabulary.size());
            AcousticModel model = AcousticModel.initialise(mc, config.seed());
            bundle = new ModelBundle(features, mc, DecoderConfig.defaults(), vocabulary, acc.finish(), model);
        }
        final ModelBundle b = bundle;
        if (!augment) {
            train.forEach(e -> b.normalizer().applyInPlace(e.frames()));
        }
        train = usable(train, b.modelConfig());
        Map<String, List<Example>> dev = loadDev(devManifests, b);
        String sets = describe(dev);
        if (resume && state.devSets() != null && !state.devSets().equals(sets.toString())
                || resume && state.devSets() == null && Double.isFinite(state.bestDevCer())) {
            log.printf("dev sets changed (were %s, now %s): best-on-dev selection starts afresh%n",
                    state.devSets() == null ? "unrecorded" : state.devSets(), sets);
        }
        state = state.withDevSets(sets);
        log.printf("model: %,d parameters, %s%n", b.model().parameterCount(), b.modelConfig());
        return loop(b, adam, state, train, dev, modelDir);
    }

    /**
     * Goes on training {@code bundle}'s model in memory, as the training loop of {@link #train} does: its parameters
     * are updated in place, so the bundle stays usable for inference whenever this returns (also after
     * {@link #requestStop()}, which ends the run after the current step). The optimizer starts afresh (new Adam
     * moments, warm-up from step 1) and steps are counted from 0, so {@link TrainConfig#maxSteps()} and
     * {@link TrainConfig#maxEpochs()} limit this run. Features, vocabulary and normalisation are the bundle's. The
     * checkpoints and best-on-dev copies the loop writes go to a temporary folder that is deleted before returning;
     * nothing else is written.
     *
     * @return the run's progress, with its history (a point every {@link TrainConfig#evalEverySteps()} steps and
     *         one at the end)
     */
    public State fineTune(ModelBundle bundle, Path trainManifest, List<Path> devManifests) throws IOException {
        FeatureConfig features = bundle.features();
        boolean augment = config.augment().enabled();
        long t0 = System.nanoTime();
        List<Example> train = Corpus.load(trainManifest, features, bundle.vocabulary(), threads, log, !augment);
        log.printf("read %s: %d utterances, %.2f h of audio in %.0f s%n", trainManifest, train.size(),
                hours(train), (System.nanoTime() - t0) / 1e9);
        if (!augment) {
            train.forEach(e -> bundle.normalizer().applyInPlace(e.frames()));
        }
        train = usable(train, bundle.modelConfig());
        if (train.isEmpty()) {
            throw new IOException(trainManifest + ": no usable training utterances");
        }
        Map<String, List<Example>> dev = loadDev(devManifests, bundle);
        State start = State.start(true, describe(dev));
        Path scratch = Files.createTempDirectory("verbatim-finetune");
        try {
            return loop(bundle, new Adam(), start, train, dev, scratch);
        } finally {
            try {
                FileTrees.delete(scratch);
            } catch (IOException leftOver) {
                // A temporary folder left behind is harmless; the run's result (or its failure) matters more.
            }
        }
    }

    /** The first {@code devLimit} utterances of each dev manifest, featurised and normalised, by file name. */
    private Map<String, List<Example>> loadDev(List<Path> devManifests, ModelBundle bundle) throws IOException {
        Map<String, List<Example>> dev = new LinkedHashMap<>();
        for (Path p : devManifests) {
            List<Example> d = Corpus.load(p, bundle.features(), bundle.vocabulary(), threads, log);
            d = d.subList(0, Math.min(d.size(), config.devLimit()));
            d.forEach(e -> bundle.normalizer().applyInPlace(e.frames()));
            dev.put(p.getFileName().toString(), d);
        }
        return dev;
    }

    /** "name (count), ...": which dev sets a best-on-dev score was measured on. */
    private static String describe(Map<String, List<Example>> dev) {
        StringBuilder sets = new StringBuilder();
        dev.forEach((name, d) -> sets.append(sets.length() == 0 ? "" : ", ").append(name).append(" (")
                .append(d.size()).append(")"));
        return sets.toString();
    }

    private List<Example> usable(List<Example> all, ModelConfig mc) {
        List<Example> out = new ArrayList<>();
        int tooLong = 0;
        int tooFast = 0;
        for (Example e : all) {
            if (e.seconds() > config.maxUtteranceSec()) {
                tooLong++;
            } else if (e.labels().length == 0 || Corpus.minFrames(e.labels()) > mc.outputFrames(e.numFrames())) {
                tooFast++;
            } else {
                out.add(e);
            }
        }
        if (tooLong + tooFast > 0) {
            log.printf("skipped %d utterances longer than %.0f s and %d with more characters than output frames "
                    + "(or empty)%n", tooLong, config.maxUtteranceSec(), tooFast);
        }
        return out;
    }

    private State loop(ModelBundle bundle, Adam adam, State state, List<Example> train,
            Map<String, List<Example>> dev, Path modelDir) throws IOException {
        AcousticModel model = bundle.model();
        try (BatchAugmenter augmenter = config.augment().enabled()
                ? new BatchAugmenter(config.augment(), bundle, train, config.seed()) : null) {
            return loop(bundle, adam, state, train, dev, modelDir, augmenter);
        }
    }

    private State loop(ModelBundle bundle, Adam adam, State state, List<Example> train,
            Map<String, List<Example>> dev, Path modelDir, BatchAugmenter augmenter) throws IOException {
        AcousticModel model = bundle.model();
        long step = state.step();
        int epoch = state.epoch();
        int batchInEpoch = state.batchInEpoch();
        double audioSec = state.audioSecTrained();
        double wallSec = state.trainWallSec();
        double best = state.bestDevCer();
        List<HistoryPoint> history = new ArrayList<>(state.history());
        long runStart = System.nanoTime();
        double lossSum = 0; // since the last history point
        int lossCount = 0;
        double windowLoss = 0; // since the last progress line
        double normSum = 0;
        int windowCount = 0;
        double windowAudio = 0;
        long windowStart = System.nanoTime();
        boolean done = false;
        while (!done) {
            List<List<Example>> batches = batches(train, epoch, state.trainedStart());
            Future<List<Example>> next = null;
            for (; batchInEpoch < batches.size(); batchInEpoch++) {
                long s0 = System.nanoTime();
                List<Example> batch = batches.get(batchInEpoch);
                if (augmenter != null) {
                    batch = BatchAugmenter.await(next != null ? next : augmenter.prefetch(batch, step + 1));
                    next = batchInEpoch + 1 < batches.size()
                            ? augmenter.prefetch(batches.get(batchInEpoch + 1), step + 2) : null;
                }
                Map<String, INDArray> ph = placeholders(model, batch);
                TrainingPass.Result result = model.lossAndGradients(ph);
                double loss = result.loss();
                step++;
                double lr = config.learningRateAt(step);
                if (Double.isFinite(loss)) {
                    double norm = adam.update(model.parameters(), result.gradients(), lr, config.clipNorm());
                    normSum += norm;
                    lossSum += loss;
                    lossCount++;
                    windowLoss += loss;
                    windowCount++;
                } else {
                    log.printf("step %d: loss is %s, update skipped%n", step, loss);
                }
                if (step % 10 == 0) {
                    // ND4J's arrays live off the Java heap and are freed only when their Java objects are collected;
                    // the heap barely grows, so without this the native memory grows until the OS kills the job.
                    System.gc();
                }
                double sec = 0;
                for (Example e : batch) {
                    sec += e.seconds();
                }
                audioSec += sec;
                windowAudio += sec;
                wallSec += (System.nanoTime() - s0) / 1e9;
                if (step % 10 == 0) {
                    double win = (System.nanoTime() - windowStart) / 1e9;
                    log.printf("step %d  epoch %d  batch %d/%d  loss %.3f  grad norm %.2f  lr %.2e  "
                            + "%.1f h audio/h  trained %.2f h%n",
                            step, epoch + 1, batchInEpoch + 1, batches.size(), windowCount == 0 ? Double.NaN
                                    : windowLoss / windowCount, windowCount == 0 ? Double.NaN : normSum / windowCount,
                            lr, windowAudio / win, audioSec / 3600);
                    windowLoss = 0;
                    normSum = 0;
                    windowCount = 0;
                    windowAudio = 0;
                    windowStart = System.nanoTime();
                }
                boolean timeUp = config.maxHours() > 0 && (System.nanoTime() - runStart) / 3.6e12 >= config.maxHours();
                boolean stepsUp = config.maxSteps() > 0 && step >= config.maxSteps();
                boolean stop = stopRequested.get() || timeUp || stepsUp;
                if (step % config.evalEverySteps() == 0 || stop) {
                    Double cer = null;
                    Double wer = null;
                    // A stop soon after a scheduled evaluation only writes the checkpoint: evaluating again would
                    // cost as much as tens of training steps and tell nothing new.
                    long lastEval = 0;
                    for (HistoryPoint h : history) {
                        if (h.devCer() != null) {
                            lastEval = h.step();
                        }
                    }
                    boolean evaluateNow = step % config.evalEverySteps() == 0
                            || step - lastEval >= Math.max(1, config.evalEverySteps() / 2);
                    if (!dev.isEmpty() && evaluateNow) {
                        double[] scores = evaluate(bundle, dev);
                        cer = scores[0];
                        wer = scores[1];
                    }
                    history.add(new HistoryPoint(step, audioSec / 3600, wallSec / 3600,
                            lossCount == 0 ? Double.NaN : lossSum / lossCount, cer, wer));
                    lossSum = 0;
                    lossCount = 0;
                    if (cer != null && keepSnapshots > 0) {
                        saveSnapshot(bundle, modelDir.resolve(SNAPSHOT_DIR), step);
                    }
                    if (cer != null && cer < best) {
                        best = cer;
                        bundle.save(modelDir);
                        log.printf("new best dev CER %.2f %%: saved %s%n", 100 * cer, modelDir);
                    } else if (dev.isEmpty()) {
                        bundle.save(modelDir);
                    }
                    State s = new State(step, epoch, batchInEpoch + 1, audioSec, wallSec, best, history,
                            state.devSets(), state.trainedStart());
                    saveCheckpoint(bundle, adam, s, modelDir.resolve(CHECKPOINT_DIR));
                }
                if (stop) {
                    stopReason = stopRequested.get() ? StopReason.INTERRUPTED
                            : timeUp ? StopReason.TIME_LIMIT : StopReason.STEP_LIMIT;
                    log.printf("stopped at step %d (%s); checkpoint in %s%n", step,
                            stopRequested.get() ? "interrupted" : timeUp ? "time limit" : "step limit",
                            modelDir.resolve(CHECKPOINT_DIR));
                    return new State(step, epoch, batchInEpoch + 1, audioSec, wallSec, best, history,
                            state.devSets(), state.trainedStart());
                }
            }
            epoch++;
            batchInEpoch = 0;
            if (config.maxEpochs() > 0 && epoch >= config.maxEpochs()) {
                done = true;
            }
        }
        stopReason = StopReason.FINISHED;
        State s = new State(step, epoch, 0, audioSec, wallSec, best, history, state.devSets(),
                state.trainedStart());
        if (dev.isEmpty()) {
            bundle.save(modelDir);
        }
        saveCheckpoint(bundle, adam, s, modelDir.resolve(CHECKPOINT_DIR));
        log.printf("finished %d epochs at step %d%n", epoch, step);
        return s;
    }

    /**
     * Length-bucketed batches: utterances sorted by length are cut into batches of at most
     * {@code maxBatchFrames} padded frames. The first epoch of a freshly initialised model runs shortest first
     * (SortaGrad); other epochs shuffle within length neighbourhoods and shuffle the batch order, deterministically
     * per epoch.
     */
    List<List<Example>> batches(List<Example> train, int epoch, boolean trainedStart) {
        List<Example> sorted = new ArrayList<>(train);
        Random rng = new Random(config.seed() * 1_000_003L + epoch);
        boolean shuffled = epoch > 0 || trainedStart;
        if (shuffled) {
            Collections.shuffle(sorted, rng);
            // Sort by length with a little jitter so batches differ from epoch to epoch.
            Map<Example, Double> key = new java.util.IdentityHashMap<>();
            for (Example e : sorted) {
                key.put(e, e.numFrames() * (1 + 0.1 * rng.nextDouble()));
            }
            sorted.sort(Comparator.comparingDouble(key::get));
        } else {
            sorted.sort(Comparator.comparingInt(Example::numFrames));
        }
        List<List<Example>> out = new ArrayList<>();
        List<Example> current = new ArrayList<>();
        int maxLen = 0;
        for (Example e : sorted) {
            int len = Math.max(maxLen, e.numFrames());
            if (!current.isEmpty() && (len * (current.size() + 1) > config.maxBatchFrames()
                    || current.size() >= config.maxBatchSize())) {
                out.add(current);
                current = new ArrayList<>();
                len = e.numFrames();
            }
            current.add(e);
            maxLen = len;
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        if (shuffled) {
            Collections.shuffle(out, rng);
        }
        return out;
    }

    static Map<String, INDArray> placeholders(AcousticModel model, List<Example> batch) {
        int n = batch.size();
        int bins = model.config().inputBins();
        int maxT = 0;
        int maxS = 1;
        for (Example e : batch) {
            maxT = Math.max(maxT, e.numFrames());
            maxS = Math.max(maxS, e.labels().length);
        }
        float[] x = new float[n * maxT * bins];
        int[] lengths = new int[n];
        int[] labels = new int[n * maxS];
        int[] labelLengths = new int[n];
        for (int i = 0; i < n; i++) {
            Example e = batch.get(i);
            float[][] f = e.frames();
            for (int t = 0; t < f.length; t++) {
                System.arraycopy(f[t], 0, x, (i * maxT + t) * bins, bins);
            }
            lengths[i] = f.length;
            System.arraycopy(e.labels(), 0, labels, i * maxS, e.labels().length);
            labelLengths[i] = e.labels().length;
        }
        Map<String, INDArray> ph = new LinkedHashMap<>();
        ph.put(AcousticModel.FEATURES, Nd4j.create(x, new long[] {n, maxT, bins}, DataType.FLOAT));
        ph.put(AcousticModel.FRAME_LENGTHS, model.outputLengths(lengths));
        ph.put(AcousticModel.LABELS, Nd4j.create(labels, new long[] {n, maxS}, DataType.INT32));
        ph.put(AcousticModel.LABEL_LENGTHS, Nd4j.createFromArray(labelLengths));
        return ph;
    }

    /** Greedy-decodes the dev sets; prints WER/CER per set and returns the pooled {CER, WER}. */
    private double[] evaluate(ModelBundle bundle, Map<String, List<Example>> dev) {
        GreedyDecoder decoder = new GreedyDecoder(bundle.vocabulary(), bundle.outputFrameSec());
        EvalReport pooled = new EvalReport();
        StringBuilder line = new StringBuilder("dev:");
        for (Map.Entry<String, List<Example>> set : dev.entrySet()) {
            EvalReport report = new EvalReport();
            // One utterance at a time through the model's inference path: exact, and unlike the graph's LSTM op it
            // keeps no native memory between calls.
            for (Example e : set.getValue()) {
                String hyp = decoder.decode(bundle.model().logProbs(e.frames())).text();
                report.add(e.id(), e.text(), hyp);
                pooled.add(e.id(), e.text(), hyp);
            }
            line.append(String.format("  %s WER %.1f %% CER %.1f %%", set.getKey(), 100 * report.wer(),
                    100 * report.cer()));
        }
        log.println(line);
        return new double[] {pooled.cer(), pooled.wer()};
    }

    /** Writes {@code dir/step-NNNNNN/} and deletes all but the newest {@link #keepSnapshots} step folders. */
    private void saveSnapshot(ModelBundle bundle, Path dir, long step) throws IOException {
        Path target = dir.resolve(String.format("step-%06d", step));
        Path tmp = dir.resolve(String.format("step-%06d.tmp", step));
        FileTrees.delete(tmp);
        bundle.save(tmp);
        FileTrees.delete(target);
        Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        List<Path> steps;
        try (var s = Files.list(dir)) {
            steps = s.filter(p -> p.getFileName().toString().matches("step-\\d+")).sorted().toList();
        }
        for (int i = 0; i < steps.size() - keepSnapshots; i++) {
            FileTrees.delete(steps.get(i));
        }
        log.printf("snapshot: %s%n", target);
    }

    private void saveCheckpoint(ModelBundle bundle, Adam adam, State state, Path dir) throws IOException {
        Files.createDirectories(dir);
        bundle.save(dir);
        adam.save(dir.resolve(OPTIMIZER));
        dev.verbatim.io.AtomicFiles.write(dir.resolve(STATE), JSON.writeValueAsBytes(state));
    }

    private static double hours(List<Example> examples) {
        double s = 0;
        for (Example e : examples) {
            s += e.seconds();
        }
        return s / 3600;
    }
}
