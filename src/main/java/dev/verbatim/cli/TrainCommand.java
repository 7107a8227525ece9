package dev.verbatim.cli;

import dev.verbatim.augment.AugmentConfig;
import dev.verbatim.features.FeatureConfig;
import dev.verbatim.model.ModelConfig;
import dev.verbatim.train.LearningRateCycle;
import dev.verbatim.train.TrainConfig;
import dev.verbatim.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Train (or resume training) an acoustic model with CTC. Ctrl-C stops after the current step "
                + "and writes a checkpoint; rerunning resumes from it.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--train", required = true, paramLabel = "TSV", description = "Training manifest.")
    Path train;

    @Option(names = "--dev", paramLabel = "TSV", description = "Dev manifest (repeatable); best-on-dev is kept.")
    List<Path> dev = new ArrayList<>();

    @Option(names = "--model-dir", required = true, paramLabel = "DIR", description = "Where the model goes.")
    Path modelDir;

    @Option(names = "--restart", description = "Ignore an existing checkpoint and start from scratch.")
    boolean restart;

    @Option(names = "--init-from", paramLabel = "MODEL_DIR", description = "Start a new model (not one resumed "
            + "from a checkpoint) from this trained model folder: its features, vocabulary, normalisation and decoder "
            + "settings, and its weights grown to the size options (more conv channels or LSTM units keep its output "
            + "exactly; another --stride keeps its weights). Layers and kernel width must match it.")
    Path initFrom;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    ModelSizeOptions size = new ModelSizeOptions();

    @Option(names = "--batch-frames", description = "Padded frames per batch.")
    int batchFrames = TrainConfig.defaults().maxBatchFrames();
    @Option(names = "--max-batch", description = "Utterances per batch at most.")
    int maxBatch = TrainConfig.defaults().maxBatchSize();
    @Option(names = "--lr", description = "Peak learning rate.")
    double lr = TrainConfig.defaults().learningRate();
    @Option(names = "--warmup", description = "Warm-up steps.")
    int warmup = TrainConfig.defaults().warmupSteps();
    @Option(names = "--cycle-from", paramLabel = "STEP", description = "Start a new learning-rate cycle after "
            + "this step (usually the step of the checkpoint resumed): the rate rises linearly to --lr over "
            + "--cycle-warmup steps, then falls linearly to zero at --cycle-to. 0: no cycle, the rate decays as "
            + "1/sqrt(step) after --warmup.")
    long cycleFrom;
    @Option(names = "--cycle-warmup", paramLabel = "STEPS", description = "Warm-up steps of the cycle.")
    int cycleWarmup = 100;
    @Option(names = "--cycle-to", paramLabel = "STEP", description = "The step at which the cycle's rate is zero.")
    long cycleTo;
    @Option(names = "--clip", description = "Gradient-norm clip.")
    double clip = TrainConfig.defaults().clipNorm();
    @Option(names = "--eval-every", description = "Steps between dev evaluations and checkpoints.")
    int evalEvery = TrainConfig.defaults().evalEverySteps();
    @Option(names = "--dev-limit", description = "Utterances per dev set decoded during training.")
    int devLimit = TrainConfig.defaults().devLimit();
    @Option(names = "--max-steps", description = "Stop at this many steps in total (0: no limit).")
    long maxSteps;
    @Option(names = "--epochs", description = "Stop after this many epochs in total (0: no limit).")
    int epochs;
    @Option(names = "--max-hours", description = "Stop after this many hours in this run (0: no limit).")
    double maxHours;
    @Option(names = "--seed", description = "Random seed.")
    long seed = 1;
    @Option(names = "--no-augment", description = "Train on the audio as it is. By default the training audio is "
            + "augmented on the fly (speed, reverb, noise, silence, gain, band-limiting, VTLP, SpecAugment), "
            + "differently every epoch.")
    boolean noAugment;
    @Option(names = "--augment", paramLabel = "KEY=VALUE", description = "Change one augmentation setting "
            + "(repeatable), e.g. --augment noiseProb=0 --augment speedProb=1; keys as the REPL's augment.* "
            + "settings (speedProb, speedMin, speedMax, reverbProb, noiseProb, snrMinDb, snrMaxDb, gainProb, "
            + "silenceProb, freqMasks, freqMaskMaxBins, timeMasks, timeMaskMaxFraction, bandLimitProb, vtlpProb, "
            + "vtlpMin, vtlpMax, ...).")
    List<String> augment = new ArrayList<>();
    @Option(names = "--snapshots", paramLabel = "N", description = "Keep the model of each of the last N dev "
            + "evaluations in MODEL_DIR/snapshots/step-NNNNNN/ (32-bit, loadable as model folders), for "
            + "'verbatim average' (0: none).")
    int snapshots = 0;

    @Option(names = "--threads", description = "Threads for reading audio.")
    int threads = Runtime.getRuntime().availableProcessors();
    @Option(names = "--steps-per-process", description = "Run training in child processes of this many steps each "
            + "(0: all in this process), each resuming from the checkpoint of the one before. Needed before the "
            + "training pass replaced ND4J's leaking LSTM backward op; kept for long runs on small machines.")
    long stepsPerProcess = 0;

    /** Set on the child processes of a supervised run: stopping at the step limit ends a chunk, not the run. */
    @Option(names = "--chunk", hidden = true)
    boolean chunk;

    /** Exit code of a child process that stopped at its chunk's step limit. */
    static final int CHUNK_DONE = 10;

    @Override
    public Integer call() throws Exception {
        // Refuse bad --augment and --cycle-* options here, before any child process starts.
        augmentConfig();
        cycle();
        if (stepsPerProcess > 0 && !chunk) {
            return supervise();
        }
        return trainHere();
    }

    /** Runs training as a series of child JVMs, each resuming from the checkpoint the previous one wrote. */
    private int supervise() throws Exception {
        long start = System.nanoTime();
        boolean first = true;
        while (true) {
            long done = (restart && first) ? 0 : Trainer.checkpointStep(modelDir);
            if (maxSteps > 0 && done >= maxSteps) {
                return 0;
            }
            long target = maxSteps > 0 ? Math.min(maxSteps, done + stepsPerProcess) : done + stepsPerProcess;
            double hoursLeft = 0;
            if (maxHours > 0) {
                hoursLeft = maxHours - (System.nanoTime() - start) / 3.6e12;
                if (hoursLeft <= 0) {
                    return 0;
                }
            }
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "train", "--chunk",
                    "--train", train.toString(), "--model-dir", modelDir.toString(),
                    "--batch-frames", "" + batchFrames,
                    "--max-batch", "" + maxBatch, "--lr", "" + lr, "--warmup", "" + warmup, "--clip", "" + clip,
                    "--eval-every", "" + evalEvery, "--dev-limit", "" + devLimit, "--max-steps", "" + target,
                    "--epochs", "" + epochs, "--max-hours", "" + hoursLeft, "--seed", "" + seed,
                    "--threads", "" + threads, "--snapshots", "" + snapshots,
                    "--cycle-from", "" + cycleFrom, "--cycle-warmup", "" + cycleWarmup, "--cycle-to", "" + cycleTo));
            cmd.addAll(size.asArgs());
            if (noAugment) {
                cmd.add("--no-augment");
            }
            for (String a : augment) {
                cmd.addAll(List.of("--augment", a));
            }
            for (Path d : dev) {
                cmd.addAll(List.of("--dev", d.toString()));
            }
            if (restart && first) {
                cmd.add("--restart");
            }
            if (initFrom != null) {
                cmd.addAll(List.of("--init-from", initFrom.toString()));
            }
            Process child = new ProcessBuilder(cmd).inheritIO().start();
            // If this process is asked to stop, pass it on and let the child write its checkpoint first.
            Thread forward = new Thread(() -> {
                child.destroy();
                try {
                    child.waitFor(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(forward);
            int rc = child.waitFor();
            try {
                Runtime.getRuntime().removeShutdownHook(forward);
            } catch (IllegalStateException shuttingDown) {
                return rc;
            }
            if (rc != CHUNK_DONE) {
                return rc;
            }
            first = false;
        }
    }

    /** This command's command line, for option errors that name it and go to its error stream. */
    private CommandLine cli() {
        return spec != null ? spec.commandLine() : new CommandLine(this);
    }

    /** The learning-rate cycle of --cycle-from / --cycle-warmup / --cycle-to, or null without --cycle-from. */
    LearningRateCycle cycle() {
        if (cycleFrom <= 0) {
            if (cycleTo > 0) {
                throw new CommandLine.ParameterException(cli(), "--cycle-to needs --cycle-from");
            }
            return null;
        }
        try {
            return new LearningRateCycle(cycleFrom, cycleWarmup, cycleTo);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli(), e.getMessage());
        }
    }

    /** The defaults, or none with --no-augment, with the --augment changes applied (and validated). */
    AugmentConfig augmentConfig() {
        if (noAugment) {
            if (!augment.isEmpty()) {
                throw new CommandLine.ParameterException(cli(),
                        "--augment changes nothing with --no-augment");
            }
            return AugmentConfig.none();
        }
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Map<String, Object> values = json.convertValue(AugmentConfig.defaults(),
                new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() { });
        for (String a : augment) {
            int eq = a.indexOf('=');
            String key = eq < 0 ? a : a.substring(0, eq).trim();
            if (eq < 0 || !values.containsKey(key)) {
                throw new CommandLine.ParameterException(cli(), "--augment " + a + ": expected "
                        + "KEY=VALUE with KEY one of " + String.join(", ", values.keySet()));
            }
            String value = a.substring(eq + 1).trim();
            try {
                values.put(key, values.get(key) instanceof Integer ? (Object) Integer.parseInt(value)
                        : (Object) Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(cli(), "--augment " + a + ": '" + value
                        + "' is not a number");
            }
        }
        try {
            return json.convertValue(values, AugmentConfig.class);
        } catch (IllegalArgumentException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new CommandLine.ParameterException(cli(), "--augment: " + cause.getMessage());
        }
    }

    private int trainHere() throws Exception {
        FeatureConfig features = FeatureConfig.defaults();
        ModelConfig model = size.toConfig();
        TrainConfig config = new TrainConfig(batchFrames, maxBatch, 16.0, lr, warmup, clip, evalEvery, devLimit,
                maxSteps, epochs, maxHours, seed, augmentConfig(), cycle());
        Trainer trainer = new Trainer(config, threads, System.out);
        trainer.keepSnapshots(snapshots);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            trainer.requestStop();
            System.out.println("\nstopping after the current step...");
            try {
                finished.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            trainer.train(train, dev, modelDir, model, features, restart, initFrom);
        } finally {
            finished.countDown();
            // Also when training failed (a missing manifest, say): the hook would otherwise announce a stop
            // that nobody asked for as the JVM exits.
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // Ctrl-C arrived: the hook is running and waits for us.
            }
        }
        return chunk && trainer.stopReason() == Trainer.StopReason.STEP_LIMIT ? CHUNK_DONE : 0;
    }
}
