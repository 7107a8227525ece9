package dev.verbatim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verbatim.Recognizer;
import dev.verbatim.data.Manifest;
import dev.verbatim.data.Utterance;
import dev.verbatim.features.FeatureConfig;
import dev.verbatim.model.ModelConfig;
import dev.verbatim.text.Vocabulary;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole training path on real audio: a tiny model must memorise five spoken digits and decode them exactly. */
class TinyOverfitTest {
    static Path fixtures() throws URISyntaxException {
        return Path.of(TinyOverfitTest.class.getResource("/fixtures/digits.tsv").toURI()).getParent();
    }

    @Test
    void tinyModelOverfitsFiveUtterancesAndDecodesThemExactly(@TempDir Path modelDir) throws Exception {
        Path manifest = fixtures().resolve("digits.tsv");
        FeatureConfig features = FeatureConfig.defaults();
        ModelConfig tiny = new ModelConfig(features.numMelBins(), 48, 5, 2, 1, 48, Vocabulary.english().size());
        TrainConfig config = new TrainConfig(100_000, 8, 16, 1e-2, 20, 5.0, 100, 10, 300, 0, 0, 1, null);
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        Trainer.State state = new Trainer(config, 1, quiet)
                .train(manifest, List.of(manifest), modelDir, tiny, features, false);

        assertTrue(state.history().size() >= 2);
        double firstLoss = state.history().get(0).loss();
        double lastLoss = state.history().get(state.history().size() - 1).loss();
        assertTrue(lastLoss < firstLoss / 5, "loss fell from " + firstLoss + " to " + lastLoss);

        Recognizer recognizer = Recognizer.load(modelDir);
        for (Utterance u : Manifest.read(manifest)) {
            assertEquals(u.transcript(), recognizer.transcribeFile(u.audio()).text(), u.audio().toString());
        }
        assertTrue(Files.exists(modelDir.resolve(Trainer.CHECKPOINT_DIR).resolve("state.json")));
    }
}
