package dev.verbatim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verbatim.decode.DecoderConfig;
import dev.verbatim.model.ModelBundle;
import dev.verbatim.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verbatim train} as a user runs it: child processes that each resume from the previous checkpoint. */
class TrainCommandTest {
    private static final String DIGITS = "src/test/resources/fixtures/digits.tsv";

    @Test
    void trainsInChunksThatResumeFromTheCheckpoint(@TempDir Path modelDir) throws Exception {
        String[] args = {"train", "--train", DIGITS, "--dev", DIGITS, "--model-dir", modelDir.toString(),
            "--conv-channels", "16", "--conv-kernel", "5", "--layers", "1", "--hidden", "16",
            "--steps-per-process", "6", "--max-steps", "15", "--eval-every", "5", "--threads", "1"};
        TranscribeEndToEndTest.Run run = TranscribeEndToEndTest.run(args);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(15, Trainer.checkpointStep(modelDir), "three chunks: 6, 12, then 15");
        String state = Files.readString(modelDir.resolve(Trainer.CHECKPOINT_DIR).resolve("state.json"));
        // Dev evaluations at steps 5, 10 and 15 across the three processes: the history survived each restart.
        for (int step : new int[] {5, 10, 15}) {
            assertTrue(state.contains("\"step\" : " + step), state);
        }
        ModelBundle best = ModelBundle.load(modelDir);
        assertEquals(16, best.modelConfig().lstmHidden());

        // Asking for more steps later continues from the same checkpoint instead of starting again, and keeps the
        // decoder settings given to the model folder meanwhile (as tune-lm --write gives them) when it saves a
        // better model.
        DecoderConfig tuned = new DecoderConfig(DecoderConfig.BEAM, 7, 0, 0.5, 0.99, 9, null);
        best.withDecoder(tuned).saveConfig(modelDir);
        double bestBefore = bestDevCer(modelDir);
        args[args.length - 5] = "40";
        TranscribeEndToEndTest.Run more = TranscribeEndToEndTest.run(args);
        assertEquals(0, more.exitCode(), more.err());
        assertEquals(40, Trainer.checkpointStep(modelDir));
        double bestAfter = bestDevCer(modelDir);
        assertTrue(bestAfter < bestBefore, "a better model was saved: best dev CER " + bestBefore + " -> " + bestAfter);
        assertEquals(tuned, ModelBundle.load(modelDir).decoder());
    }

    /**
     * {@code --init-from} starts a wider model from a trained one: it keeps the trained model's normalisation and
     * (its new units having zero outgoing weights) its output, instead of starting from fresh weights; a size it
     * cannot grow into is refused with the reason.
     */
    @Test
    void initFromGrowsATrainedModel(@TempDir Path dir) throws Exception {
        Path small = dir.resolve("small");
        Path wide = dir.resolve("wide");
        String[] common = {"train", "--train", DIGITS, "--dev", DIGITS, "--conv-channels", "16", "--conv-kernel",
            "5", "--layers", "1", "--steps-per-process", "0", "--threads", "1", "--seed", "3"};
        TranscribeEndToEndTest.Run first = TranscribeEndToEndTest.run(concat(common, "--model-dir", small.toString(),
                "--hidden", "16", "--max-steps", "10", "--eval-every", "10", "--lr", "1e-2"));
        assertEquals(0, first.exitCode(), first.err());

        // One step at a negligible learning rate: the saved grown model is the starting point.
        TranscribeEndToEndTest.Run grown = TranscribeEndToEndTest.run(concat(common, "--model-dir", wide.toString(),
                "--hidden", "24", "--max-steps", "1", "--eval-every", "1", "--lr", "1e-9", "--init-from",
                small.toString()));
        assertEquals(0, grown.exitCode(), grown.err());
        ModelBundle smallModel = ModelBundle.load(small);
        ModelBundle wideModel = ModelBundle.load(wide);
        assertEquals(24, wideModel.modelConfig().lstmHidden());
        assertArrayEquals(smallModel.normalizer().mean(), wideModel.normalizer().mean());
        float[][] frames = new float[60][80];
        java.util.Random rng = new java.util.Random(1);
        for (float[] row : frames) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) rng.nextGaussian();
            }
        }
        float[][] a = smallModel.model().logProbs(frames);
        float[][] b = wideModel.model().logProbs(frames);
        for (int t = 0; t < a.length; t++) {
            assertArrayEquals(a[t], b[t], 1e-3f, "frame " + t);
        }

        String[] deeper = concat(common, "--model-dir", dir.resolve("deep").toString(), "--hidden", "24",
                "--max-steps", "1", "--init-from", small.toString());
        deeper[java.util.Arrays.asList(deeper).indexOf("--layers") + 1] = "2";
        TranscribeEndToEndTest.Run refused = TranscribeEndToEndTest.run(deeper);
        assertTrue(refused.exitCode() != 0, "a deeper model cannot be grown from a 1-layer one");
        assertTrue(refused.err().contains("layer counts differ"), refused.err());
    }

    /**
     * A learning-rate cycle reaches every child process of a supervised run: after the step where its rate is zero,
     * further steps leave the weights exactly as they were, while the same steps without the cycle change them.
     */
    @Test
    void learningRateCycleEndsAtZeroAcrossChildProcesses(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m");
        String[] common = {"train", "--train", DIGITS, "--dev", DIGITS, "--model-dir", model.toString(),
            "--conv-channels", "16", "--conv-kernel", "5", "--layers", "1", "--hidden", "16", "--steps-per-process",
            "3", "--eval-every", "3", "--threads", "1", "--lr", "1e-2"};
        String[] cycle = {"--cycle-from", "2", "--cycle-warmup", "1", "--cycle-to", "6"};
        TranscribeEndToEndTest.Run first = TranscribeEndToEndTest.run(concat(concat(common, cycle), "--max-steps",
                "6"));
        assertEquals(0, first.exitCode(), first.err());
        byte[] atZero = Files.readAllBytes(model.resolve(Trainer.CHECKPOINT_DIR).resolve("weights.bin"));

        Path plain = dir.resolve("plain");
        copyTree(model, plain);
        TranscribeEndToEndTest.Run more = TranscribeEndToEndTest.run(concat(concat(common, cycle), "--max-steps",
                "9"));
        assertEquals(0, more.exitCode(), more.err());
        assertEquals(9, Trainer.checkpointStep(model));
        assertArrayEquals(atZero, Files.readAllBytes(model.resolve(Trainer.CHECKPOINT_DIR).resolve("weights.bin")),
                "steps 7-9 ran at learning rate zero");

        String[] noCycle = concat(common, "--max-steps", "9");
        noCycle[java.util.Arrays.asList(noCycle).indexOf("--model-dir") + 1] = plain.toString();
        TranscribeEndToEndTest.Run control = TranscribeEndToEndTest.run(noCycle);
        assertEquals(0, control.exitCode(), control.err());
        assertEquals(9, Trainer.checkpointStep(plain));
        assertTrue(!java.util.Arrays.equals(atZero,
                Files.readAllBytes(plain.resolve(Trainer.CHECKPOINT_DIR).resolve("weights.bin"))),
                "without the cycle the same steps change the weights");

        TranscribeEndToEndTest.Run refused = TranscribeEndToEndTest.run(concat(common, "--max-steps", "12",
                "--cycle-from", "9", "--cycle-warmup", "5", "--cycle-to", "12"));
        assertTrue(refused.exitCode() != 0, "a cycle that ends inside its warm-up is refused");
        assertTrue(refused.err().contains("must end after its warm-up"), refused.err());
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double bestDevCer(Path modelDir) throws java.io.IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(modelDir.resolve(Trainer.CHECKPOINT_DIR).resolve("state.json").toFile())
                .get("bestDevCer").asDouble();
    }
    /** --augment changes single settings of the defaults; a wrong key or value is refused with the reason. */
    @Test
    void augmentOptionsChangeSingleSettings() {
        TrainCommand cmd = new TrainCommand();
        new picocli.CommandLine(cmd).parseArgs("--train", "a.tsv", "--model-dir", "m", "--augment", "noiseProb=0",
                "--augment", "speedProb=1", "--augment", "freqMasks=3");
        dev.verbatim.augment.AugmentConfig got = cmd.augmentConfig();
        dev.verbatim.augment.AugmentConfig defaults = dev.verbatim.augment.AugmentConfig.defaults();
        assertEquals(0.0, got.noiseProb());
        assertEquals(1.0, got.speedProb());
        assertEquals(3, got.freqMasks());
        assertEquals(defaults.reverbProb(), got.reverbProb());
        assertEquals(defaults.speedMin(), got.speedMin());

        for (String bad : new String[] {"noiseProbability=0", "noiseProb=lots", "speedProb=1.5", "noiseProb"}) {
            TrainCommand c = new TrainCommand();
            new picocli.CommandLine(c).parseArgs("--train", "a.tsv", "--model-dir", "m", "--augment", bad);
            picocli.CommandLine.ParameterException e = org.junit.jupiter.api.Assertions.assertThrows(
                    picocli.CommandLine.ParameterException.class, c::augmentConfig, bad);
            assertTrue(e.getMessage().startsWith("--augment"), e.getMessage());
        }
        TrainCommand none = new TrainCommand();
        new picocli.CommandLine(none).parseArgs("--train", "a.tsv", "--model-dir", "m", "--no-augment");
        assertTrue(!none.augmentConfig().enabled());
    }

    /**
     * {@code --snapshots N} keeps the models of the last N dev evaluations (also across child processes), and
     * {@code average} writes their element-wise mean as a model folder; folders of different networks are refused
     * with the folder's name.
     */
    @Test
    void snapshotsOfTheLastEvaluationsAverageIntoAModel(@TempDir Path dir) throws Exception {
        Path modelDir = dir.resolve("m");
        String[] args = {"train", "--train", DIGITS, "--dev", DIGITS, "--model-dir", modelDir.toString(),
            "--conv-channels", "16", "--conv-kernel", "5", "--layers", "1", "--hidden", "16",
            "--steps-per-process", "10", "--max-steps", "15", "--eval-every", "5", "--threads", "1",
            "--snapshots", "2"};
        TranscribeEndToEndTest.Run run = TranscribeEndToEndTest.run(args);
        assertEquals(0, run.exitCode(), run.err());
        Path snaps = modelDir.resolve(Trainer.SNAPSHOT_DIR);
        try (var list = Files.list(snaps)) {
            assertEquals(java.util.List.of("step-000010", "step-000015"),
                    list.map(p -> p.getFileName().toString()).sorted().toList(), "the last two of steps 5, 10, 15");
        }
        Path a = snaps.resolve("step-000010");
        Path b = snaps.resolve("step-000015");
        Path avg = dir.resolve("avg");
        TranscribeEndToEndTest.Run av = TranscribeEndToEndTest.run("average", "--out", avg.toString(), a.toString(),
                b.toString());
        assertEquals(0, av.exitCode(), av.err());
        var wa = ModelBundle.load(a).model().parameters();
        var wb = ModelBundle.load(b).model().parameters();
        var wm = ModelBundle.load(avg).model().parameters();
        boolean differ = false;
        for (String name : wa.keySet()) {
            float[] x = wa.get(name).dup().data().asFloat();
            float[] y = wb.get(name).dup().data().asFloat();
            float[] m = wm.get(name).dup().data().asFloat();
            for (int i = 0; i < x.length; i++) {
                assertEquals((x[i] + y[i]) / 2, m[i], 1e-6, name + "[" + i + "]");
                differ |= x[i] != y[i];
            }
        }
        assertTrue(differ, "five training steps changed the weights between the snapshots");

        Path other = dir.resolve("other");
        String[] wider = args.clone();
        wider[6] = other.toString();
        wider[14] = "24";
        assertEquals(0, TranscribeEndToEndTest.run(wider).exitCode());
        TranscribeEndToEndTest.Run bad = TranscribeEndToEndTest.run("average", "--out", dir.resolve("x").toString(),
                a.toString(), other.toString());
        assertTrue(bad.exitCode() != 0);
        assertTrue(bad.err().contains(other.toString()) && bad.err().contains("network sizes"), bad.err());
    }
}
