package dev.verbatim.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.verbatim.Recognizer;
import dev.verbatim.audio.AudioLoader;
import dev.verbatim.data.Manifest;
import dev.verbatim.data.Utterance;
import dev.verbatim.decode.DecoderConfig;
import dev.verbatim.features.FeatureConfig;
import dev.verbatim.features.FeatureNormalizer;
import dev.verbatim.features.LogMelExtractor;
import dev.verbatim.model.AcousticModel;
import dev.verbatim.model.ModelBundle;
import dev.verbatim.model.ModelConfig;
import dev.verbatim.text.Vocabulary;
import dev.verbatim.train.TrainConfig;
import dev.verbatim.train.Trainer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Trainer#fineTune}: training a model held in memory, as the REPL's train command does. */
class FineTuneTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    static ModelBundle tinyBundle(Path manifest) throws Exception {
        FeatureConfig features = FeatureConfig.defaults();
        FeatureNormalizer.Accumulator acc = FeatureNormalizer.accumulator(features.numMelBins());
        LogMelExtractor extractor = new LogMelExtractor(features);
        for (Utterance u : Manifest.read(manifest)) {
            acc.add(extractor.extract(AudioLoader.loadMono(u.audio(), features.sampleRateHz())));
        }
        ModelConfig tiny = new ModelConfig(features.numMelBins(), 32, 5, 2, 1, 32, Vocabulary.english().size());
        return new ModelBundle(features, tiny, DecoderConfig.defaults(), Vocabulary.english(), acc.finish(),
                AcousticModel.initialise(tiny, 1));
    }

    static TrainConfig steps(long n) {
        return new TrainConfig(100_000, 8, 16, 1e-2, 0, 5.0, 1, 10, n, 0, 0, 1, null);
    }

    @Test
    void updatesTheParametersInPlaceAndRecordsTheHistory() throws Exception {
        Path manifest = ReplTrainingTest.fixtures().resolve("digits.tsv");
        ModelBundle bundle = tinyBundle(manifest);
        float[] before = bundle.model().parameters().get("out_W").dup().data().asFloat();

        Trainer trainer = new Trainer(steps(3), 1, QUIET);
        Trainer.State state = trainer.fineTune(bundle, manifest, List.of());

        assertEquals(3, state.step());
        assertEquals(Trainer.StopReason.STEP_LIMIT, trainer.stopReason());
        assertEquals(List.of(1L, 2L, 3L), state.history().stream().map(Trainer.HistoryPoint::step).toList());
        float[] after = bundle.model().parameters().get("out_W").data().asFloat();
        assertFalse(java.util.Arrays.equals(before, after), "the bundle's own parameters were trained");
        // Still a working recogniser.
        assertNotNull(new Recognizer(bundle).transcribeFile(Manifest.read(manifest).get(0).audio()).text());
    }

    @Test
    void aRequestedStopEndsTheRunAfterOneStep() throws Exception {
        Path manifest = ReplTrainingTest.fixtures().resolve("digits.tsv");
        ModelBundle bundle = tinyBundle(manifest);
        Trainer trainer = new Trainer(steps(1000), 1, QUIET);
        trainer.requestStop();
        Trainer.State state = trainer.fineTune(bundle, manifest, List.of(manifest));
        assertEquals(1, state.step());
        assertEquals(Trainer.StopReason.INTERRUPTED, trainer.stopReason());
        Trainer.HistoryPoint last = state.history().get(state.history().size() - 1);
        assertNotNull(last.devCer(), "the dev set was scored at the stop");
    }

    @Test
    void aManifestWithNothingUsableIsAnError(@TempDir Path dir) throws Exception {
        Path manifest = ReplTrainingTest.fixtures().resolve("digits.tsv");
        ModelBundle bundle = tinyBundle(manifest);
        Path empty = dir.resolve("empty.tsv");
        Files.writeString(empty, "missing.wav\tnothing here\n");
        assertThrows(IOException.class, () -> new Trainer(steps(2), 1, QUIET).fineTune(bundle, empty, List.of()));
    }
}
