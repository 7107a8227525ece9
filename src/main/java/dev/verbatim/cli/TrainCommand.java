package dev.verbatim.cli;

import dev.verbatim.features.FeatureConfig;
import dev.verbatim.model.ModelConfig;
import dev.verbatim.text.Vocabulary;
import dev.verbatim.train.TrainConfig;
import dev.verbatim.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    @Option(names = "--conv-channels", description = "Conv1D channels.")
    int convChannels = 256;
    @Option(names = "--conv-kernel", description = "Conv1D kernel width (frames).")
    int convKernel = 11;
    @Option(names = "--stride", description = "Time downsampling of the front end.")
    int stride = 2;
    @Option(names = "--layers", description = "Bidirectional LSTM layers.")
    int layers = 2;
    @Option(names = "--hidden", description = "LSTM units per direction.")
    int hidden = 128;

    @Option(names = "--batch-frames", description = "Padded frames per batch.")
    int batchFrames = TrainConfig.defaults().maxBatchFrames();
    @Option(names = "--max-batch", description = "Utterances per batch at most.")
    int maxBatch = TrainConfig.defaults().maxBatchSize();
    @Option(names = "--lr", description = "Peak learning rate.")
    double lr = TrainConfig.defaults().learningRate();
    @Option(names = "--warmup", description = "Warm-up steps.")
    int warmup = TrainConfig.defaults().warmupSteps();
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
    @Option(names = "--threads", description = "Threads for reading audio.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        FeatureConfig features = FeatureConfig.defaults();
        ModelConfig model = new ModelConfig(features.numMelBins(), convChannels, convKernel, stride, layers, hidden,
                Vocabulary.english().size());
        TrainConfig config = new TrainConfig(batchFrames, maxBatch, 16.0, lr, warmup, clip, evalEvery, devLimit,
                maxSteps, epochs, maxHours, seed);
        Trainer trainer = new Trainer(config, threads, System.out);
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
            trainer.train(train, dev, modelDir, model, features, restart);
        } finally {
            finished.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // Ctrl-C arrived: the hook is running and waits for us.
        }
        return 0;
    }
}
