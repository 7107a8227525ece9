package dev.verbatim.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verbatim.decode.DecoderConfig;
import dev.verbatim.features.FeatureConfig;
import dev.verbatim.features.FeatureNormalizer;
import dev.verbatim.text.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {
    private static ModelBundle tinyBundle() {
        FeatureConfig features = FeatureConfig.defaults();
        ModelConfig config = new ModelConfig(features.numMelBins(), 16, 5, 2, 2, 12, Vocabulary.english().size());
        FeatureNormalizer.Accumulator acc = FeatureNormalizer.accumulator(features.numMelBins());
        acc.add(randomFrames(50, 11));
        return new ModelBundle(features, config, DecoderConfig.defaults(), Vocabulary.english(), acc.finish(),
                AcousticModel.initialise(config, 42));
    }

    /** {@code t} frames of 80 standard-normal values, from {@code seed}. */
    static float[][] randomFrames(int t, long seed) {
        Random rng = new Random(seed);
        float[][] f = new float[t][80];
        for (float[] row : f) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) rng.nextGaussian();
            }
        }
        return f;
    }

    @Test
    void saveThenLoadGivesIdenticalOutput(@TempDir Path dir) throws IOException {
        ModelBundle original = tinyBundle();
        original.save(dir);
        ModelBundle loaded = ModelBundle.load(dir);
        assertEquals(original.features(), loaded.features());
        assertEquals(original.modelConfig(), loaded.modelConfig());
        assertEquals(original.vocabulary(), loaded.vocabulary());
        assertArrayEquals(original.normalizer().mean(), loaded.normalizer().mean());
        float[][] frames = randomFrames(37, 5);
        float[][] a = original.model().logProbs(frames);
        float[][] b = loaded.model().logProbs(frames);
        assertEquals(19, a.length, "37 frames at stride 2 give 19 output frames");
        for (int t = 0; t < a.length; t++) {
            assertArrayEquals(a[t], b[t], "frame " + t);
        }
    }

    /**
     * 16-bit weights (the shipped folder's form, {@code verbatim compact}): a weights file about half as large, a model
     * that loads with 32-bit parameters, and log-probabilities within rounding of the original's.
     */
    @Test
    void halfPrecisionWeightsHalveTheFileAndKeepTheOutput(@TempDir Path dir) throws IOException {
        ModelBundle original = tinyBundle();
        original.save(dir.resolve("full"));
        original.save(dir.resolve("half"), org.nd4j.linalg.api.buffer.DataType.HALF);
        long full = Files.size(dir.resolve("full").resolve(ModelBundle.WEIGHTS));
        long half = Files.size(dir.resolve("half").resolve(ModelBundle.WEIGHTS));
        assertTrue(half < 0.6 * full, "16-bit file " + half + " bytes against " + full);
        ModelBundle loaded = ModelBundle.load(dir.resolve("half"));
        for (org.nd4j.linalg.api.ndarray.INDArray p : loaded.model().parameters().values()) {
            assertEquals(org.nd4j.linalg.api.buffer.DataType.FLOAT, p.dataType());
        }
        float[][] frames = randomFrames(37, 5);
        float[][] a = original.model().logProbs(frames);
        float[][] b = loaded.model().logProbs(frames);
        double maxDiff = 0;
        for (int t = 0; t < a.length; t++) {
            for (int k = 0; k < a[t].length; k++) {
                maxDiff = Math.max(maxDiff, Math.abs(a[t][k] - b[t][k]));
            }
        }
        assertTrue(maxDiff > 0, "rounding to 16 bits changes something");
        assertTrue(maxDiff < 1e-2, "log-probabilities moved by " + maxDiff);
    }

    @Test
    void missingOrCorruptFilesAreNamed(@TempDir Path dir) throws IOException {
        tinyBundle().save(dir);
        Files.delete(dir.resolve(ModelBundle.VOCABULARY));
        IOException e = assertThrows(IOException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().contains(ModelBundle.VOCABULARY) && e.getMessage().contains("missing"),
                e.getMessage());

        tinyBundle().save(dir);
        byte[] weights = Files.readAllBytes(dir.resolve(ModelBundle.WEIGHTS));
        weights[weights.length / 2] ^= 0x5A;
        Files.write(dir.resolve(ModelBundle.WEIGHTS), weights);
        e = assertThrows(IOException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().contains(ModelBundle.WEIGHTS) && e.getMessage().contains("corrupt"),
                e.getMessage());

        tinyBundle().save(dir);
        Files.writeString(dir.resolve(ModelBundle.CONFIG), "{\"formatVersion\": 1, \"features\": ");
        e = assertThrows(IOException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().contains(ModelBundle.CONFIG) && e.getMessage().contains("corrupt"),
                e.getMessage());

        Files.delete(dir.resolve(ModelBundle.CONFIG));
        e = assertThrows(IOException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().contains(ModelBundle.CONFIG), e.getMessage());
    }
}
