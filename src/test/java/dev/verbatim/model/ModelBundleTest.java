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
        return tinyBundle(12);
    }

    private static ModelBundle tinyBundle(int hidden) {
        FeatureConfig features = FeatureConfig.defaults();
        ModelConfig config = new ModelConfig(features.numMelBins(), 16, 5, 2, 2, hidden,
                Vocabulary.english().size());
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
     * 16-bit and 8-bit weights ({@code verbatim compact --bits 16 / 8}; 8-bit is the shipped form): files about a half
     * and a quarter as large, a model that loads with 32-bit parameters, and log-probabilities near the original's.
     */
    @Test
    void narrowerWeightsShrinkTheFileAndKeepTheOutput(@TempDir Path dir) throws IOException {
        ModelBundle original = tinyBundle(40); // matrices large enough to be stored in 8 bits
        original.save(dir.resolve("full"));
        long full = Files.size(dir.resolve("full").resolve(ModelBundle.WEIGHTS));
        float[][] frames = randomFrames(37, 5);
        float[][] a = original.model().logProbs(frames);
        double[] limits = {1e-2, 5e-2};
        double[] sizes = {0.6, 0.35};
        int i = 0;
        for (WeightsFile.Storage storage : new WeightsFile.Storage[] {WeightsFile.Storage.FLOAT16,
                WeightsFile.Storage.INT8}) {
            Path d = dir.resolve(storage.toString());
            original.save(d, storage);
            long size = Files.size(d.resolve(ModelBundle.WEIGHTS));
            assertTrue(size < sizes[i] * full, storage + " file " + size + " bytes against " + full);
            ModelBundle loaded = ModelBundle.load(d);
            for (org.nd4j.linalg.api.ndarray.INDArray p : loaded.model().parameters().values()) {
                assertEquals(org.nd4j.linalg.api.buffer.DataType.FLOAT, p.dataType());
            }
            float[][] b = loaded.model().logProbs(frames);
            double maxDiff = 0;
            for (int t = 0; t < a.length; t++) {
                for (int k = 0; k < a[t].length; k++) {
                    maxDiff = Math.max(maxDiff, Math.abs(a[t][k] - b[t][k]));
                }
            }
            assertTrue(maxDiff > 0, storage + ": rounding changes something");
            assertTrue(maxDiff < limits[i], storage + ": log-probabilities moved by " + maxDiff);
            i++;
        }
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
