package dev.verbatim.cli;

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

    private static double bestDevCer(Path modelDir) throws java.io.IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(modelDir.resolve(Trainer.CHECKPOINT_DIR).resolve("state.json").toFile())
                .get("bestDevCer").asDouble();
    }
}
