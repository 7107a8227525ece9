package dev.verbatim.cli;

import dev.verbatim.augment.AugmentConfig;
import dev.verbatim.model.ModelConfig;
import dev.verbatim.text.Vocabulary;
import dev.verbatim.train.TrainConfig;
import dev.verbatim.train.TrainingBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Benchmarks: measured speed, not timed tests. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure speed on this machine.",
        subcommands = {BenchCommand.Train.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "bench what? try: bench train");
    }

    @Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Training throughput (hours of audio per hour) of a fresh model of the given size on real "
                    + "batches of a manifest. Run it on a quiet machine: anything else on the cores slows it a lot.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--manifest", required = true, paramLabel = "TSV", description = "Audio to batch.")
        Path manifest;
        @Option(names = "--limit", description = "Utterances read from the manifest.")
        int limit = 1200;
        @Option(names = "--warmup", description = "Untimed steps first.")
        int warmup = 3;
        @Option(names = "--steps", description = "Timed steps.")
        int steps = 15;
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
        @Option(names = "--no-augment", description = "Leave out the on-the-fly augmentation.")
        boolean noAugment;

        @Override
        public Integer call() throws Exception {
            ModelConfig model = new ModelConfig(80, convChannels, convKernel, stride, layers, hidden,
                    Vocabulary.english().size());
            TrainConfig d = TrainConfig.defaults();
            TrainConfig config = new TrainConfig(batchFrames, maxBatch, d.maxUtteranceSec(), d.learningRate(),
                    d.warmupSteps(), d.clipNorm(), d.evalEverySteps(), d.devLimit(), 0, 0, 0, 1,
                    noAugment ? AugmentConfig.none() : AugmentConfig.defaults());
            TrainingBenchmark.Result r = TrainingBenchmark.run(manifest, limit, model, config, warmup, steps,
                    System.out);
            System.out.println(r.format());
            return 0;
        }
    }
}
