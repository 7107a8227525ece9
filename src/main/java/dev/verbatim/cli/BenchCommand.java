package dev.verbatim.cli;

import dev.verbatim.augment.AugmentConfig;
import dev.verbatim.model.ModelConfig;
import dev.verbatim.train.TrainConfig;
import dev.verbatim.train.TrainingBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Benchmarks: measured speed, not timed tests. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure speed on this machine.",
        subcommands = {BenchCommand.Train.class, BenchCommand.Transcribe.class, BenchCommand.FileRtf.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "bench what? try: bench train, bench transcribe");
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
        @picocli.CommandLine.Mixin
        ModelSizeOptions size = new ModelSizeOptions();
        @Option(names = "--batch-frames", description = "Padded frames per batch.")
        int batchFrames = TrainConfig.defaults().maxBatchFrames();
        @Option(names = "--max-batch", description = "Utterances per batch at most.")
        int maxBatch = TrainConfig.defaults().maxBatchSize();
        @Option(names = "--no-augment", description = "Leave out the on-the-fly augmentation.")
        boolean noAugment;
        @Option(names = "--graph-gradients", description = "Time the SameDiff graph's own backward pass (libnd4j's "
                + "LSTM ops, used for training before the fifth session; wrong on padded batches) instead of the "
                + "training pass.")
        boolean graphGradients;

        @Override
        public Integer call() throws Exception {
            ModelConfig model = size.toConfig();
            TrainConfig d = TrainConfig.defaults();
            TrainConfig config = new TrainConfig(batchFrames, maxBatch, d.maxUtteranceSec(), d.learningRate(),
                    d.warmupSteps(), d.clipNorm(), d.evalEverySteps(), d.devLimit(), 0, 0, 0, 1,
                    noAugment ? AugmentConfig.none() : AugmentConfig.defaults());
            TrainingBenchmark.Result r = TrainingBenchmark.run(manifest, limit, model, config, warmup, steps,
                    graphGradients, System.out);
            System.out.println(r.format());
            return 0;
        }
    }

    @Command(name = "transcribe", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = {"Batch transcription speed and memory: `verbatim transcribe` on a folder of mixed-length "
                    + "recordings (made from audio-samples/ unless --folder is given), and the peak resident memory "
                    + "of a separate `verbatim transcribe` process on one long recording.",
                "Run it on a quiet machine."})
    static final class Transcribe implements Callable<Integer> {
        @Option(names = {"-m", "--model"}, paramLabel = "DIR", description = "Model folder.")
        Path model = Main.defaultModel();
        @Option(names = "--folder", paramLabel = "DIR", description = "Recordings to transcribe (default: made up).")
        Path folder;
        @Option(names = "--samples", paramLabel = "DIR", description = "Clips the made-up recordings are built from.")
        Path samples = Main.home().resolve("audio-samples");
        @Option(names = "--long-minutes", description = "Length of the long recording (0: skip it).")
        double longMinutes = 60;
        @Option(names = {"-j", "--jobs"}, description = "Passed on to transcribe.")
        int jobs = Runtime.getRuntime().availableProcessors();
        @Option(names = "--java-opts",
                description = "JVM options of the long-recording process (the launcher's for transcribe).")
        String javaOpts = "-Xmx2g -XX:+UseSerialGC";

        @Override
        public Integer call() throws Exception {
            Path work = java.nio.file.Files.createTempDirectory("verbatim-bench");
            try {
                Path in = folder;
                if (in == null) {
                    in = work.resolve("mixed");
                    double[] minutes = {0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 8};
                    for (int i = 0; i < minutes.length; i++) {
                        BenchAudio.write(in.resolve(String.format("rec%02d.wav", i)), samples, minutes[i] * 60, i);
                    }
                }
                double audioSec = BenchAudio.totalSeconds(in);
                String load = BenchAudio.loadAverage();
                long t0 = System.nanoTime();
                int rc = new picocli.CommandLine(new Main()).execute("transcribe", "-q", "-f", "json", "--model",
                        model.toString(), "--jobs", "" + jobs, "-o", work.resolve("out").toString(), in.toString());
                double wall = (System.nanoTime() - t0) / 1e9;
                System.out.printf("folder %s: %.1f min of audio in %.1f s with --jobs %d: real-time factor %.4f, "
                        + "%.0f h of audio per hour (exit code %d; load average before: %s)%n", in, audioSec / 60,
                        wall, jobs, wall / audioSec, audioSec / wall, rc, load);
                if (longMinutes > 0) {
                    Path longFile = work.resolve("long.wav");
                    BenchAudio.write(longFile, samples, longMinutes * 60, 99);
                    BenchAudio.Peak peak = BenchAudio.peakOfChild(javaOpts, model, longFile);
                    System.out.printf("one %.0f-minute recording in a separate process (%s): peak resident memory "
                            + "%.0f MB, %.1f s wall, real-time factor %.4f (exit code %d)%n", longMinutes, javaOpts,
                            peak.peakRssKb() / 1024.0, peak.wallSec(), peak.wallSec() / (longMinutes * 60),
                            peak.exitCode());
                }
                return rc;
            } finally {
                dev.verbatim.io.FileTrees.delete(work);
            }
        }
    }

    @Command(name = "file", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = {"Real-time factor of transcribing one recording of --seconds (made from audio-samples/ "
                    + "clips separated by pauses, or --file), with the model loaded once: the median of --repeat "
                    + "timed runs of the whole file path (read, resample, segment, features, network, decoding), "
                    + "with the model's own decoder settings and with greedy decoding.",
                "Run it on a quiet machine."})
    static final class FileRtf implements Callable<Integer> {
        @Option(names = {"-m", "--model"}, paramLabel = "DIR", description = "Model folder.")
        Path model = Main.defaultModel();
        @Option(names = "--file", paramLabel = "WAV", description = "Recording to time (default: made up).")
        Path file;
        @Option(names = "--seconds", description = "Length of the made-up recording.")
        double seconds = 10;
        @Option(names = "--samples", paramLabel = "DIR", description = "Clips the made-up recording is built from.")
        Path samples = Main.home().resolve("audio-samples");
        @Option(names = "--warmup", description = "Untimed runs first.")
        int warmup = 3;
        @Option(names = "--repeat", description = "Timed runs.")
        int repeat = 15;

        @Override
        public Integer call() throws Exception {
            Path work = java.nio.file.Files.createTempDirectory("verbatim-bench");
            try {
                Path in = file;
                if (in == null) {
                    in = work.resolve("rec.wav");
                    BenchAudio.write(in, samples, seconds, 7);
                }
                String load = BenchAudio.loadAverage();
                long t0 = System.nanoTime();
                dev.verbatim.Recognizer configured = dev.verbatim.Recognizer.load(model);
                double loadSec = (System.nanoTime() - t0) / 1e9;
                int rate = configured.bundle().features().sampleRateHz();
                double audioSec = dev.verbatim.audio.AudioLoader.loadMono(in, rate).length / (double) rate;
                dev.verbatim.Recognizer greedy = configured.withDecoding(dev.verbatim.decode.DecoderConfig.defaults(),
                        null, null, java.util.Map.of());
                System.out.printf("%s: %.1f s of audio; model %s loaded in %.2f s; %d cores; load average before: "
                        + "%s%n", in.getFileName(), audioSec, model, loadSec,
                        Runtime.getRuntime().availableProcessors(), load);
                String[] names = {"model's decoder (" + configured.bundle().decoder().method()
                        + (configured.languageModel() != null ? " + LM" : "") + ")", "greedy"};
                dev.verbatim.Recognizer[] recognizers = {configured, greedy};
                for (int k = 0; k < recognizers.length; k++) {
                    dev.verbatim.batch.LongAudioTranscriber t = new dev.verbatim.batch.LongAudioTranscriber(
                            recognizers[k], dev.verbatim.batch.Segmenter.Config.defaults());
                    double[] rtf = new double[repeat];
                    String text = "";
                    for (int i = 0; i < warmup + repeat; i++) {
                        long s = System.nanoTime();
                        text = t.transcribeFile(in).text();
                        double sec = (System.nanoTime() - s) / 1e9;
                        if (i >= warmup) {
                            rtf[i - warmup] = sec / audioSec;
                        }
                    }
                    java.util.Arrays.sort(rtf);
                    System.out.printf("%-24s real-time factor median %.4f (min %.4f, max %.4f over %d runs): %s%n",
                            names[k], rtf[repeat / 2], rtf[0], rtf[repeat - 1], repeat,
                            text.length() > 60 ? text.substring(0, 60) + "..." : text);
                }
                return 0;
            } finally {
                dev.verbatim.io.FileTrees.delete(work);
            }
        }
    }
}
