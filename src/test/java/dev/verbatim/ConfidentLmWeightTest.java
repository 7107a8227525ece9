package dev.verbatim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verbatim.audio.AudioLoader;
import dev.verbatim.data.Manifest;
import dev.verbatim.data.Utterance;
import dev.verbatim.decode.DecoderConfig;
import dev.verbatim.decode.Transcript;
import dev.verbatim.model.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A language model weight that depends on the network's confidence ({@link DecoderConfig#confidentAbove}), with the
 * shipped model and its language model on the audio samples.
 */
class ConfidentLmWeightTest {
    private static final double HEAVY = 3.0;
    private static Recognizer base;
    private static DecoderConfig oneWeight;
    private static List<Utterance> samples;

    @BeforeAll
    static void load() throws IOException {
        base = Recognizer.load(Path.of("models", "default"));
        oneWeight = base.bundle().decoder().withMethod(DecoderConfig.BEAM).withConfidentLmWeight(0, 0);
        samples = Manifest.read(Path.of("audio-samples", "transcripts.tsv"));
    }

    private static Recognizer with(DecoderConfig d) {
        return base.withDecoding(d, base.languageModel(), null, Map.of());
    }

    @Test
    void theBestPathsConfidenceChoosesTheWeightOfEachUtterance() throws IOException {
        Recognizer plain = with(oneWeight);
        Recognizer heavy = with(oneWeight.withBeam(oneWeight.beamWidth(), HEAVY, oneWeight.wordBonus()));
        Recognizer greedy = with(oneWeight.withMethod(DecoderConfig.GREEDY));
        int differ = 0;
        for (Utterance u : samples) {
            float[][] logProbs = base.logProbs(AudioLoader.loadMono(u.audio(), 16000));
            double c = greedy.decode(logProbs).characterConfidence();
            assertTrue(c > 0.5 && c < 0.99, u.audio() + ": confidence " + c);
            Recognizer sure = with(oneWeight.withConfidentLmWeight(HEAVY, c - 0.005));
            Recognizer unsure = with(oneWeight.withConfidentLmWeight(HEAVY, c + 0.005));
            assertEquals(heavy.decode(logProbs).text(), sure.decode(logProbs).text(), u.audio().toString());
            assertEquals(HEAVY, sure.lmWeightFor(logProbs));
            assertEquals(plain.decode(logProbs).text(), unsure.decode(logProbs).text(), u.audio().toString());
            assertEquals(oneWeight.lmWeight(), unsure.lmWeightFor(logProbs));
            assertEquals(heavy.decode(logProbs, 3), sure.decode(logProbs, 3), "n-best too");
            if (!heavy.decode(logProbs).text().equals(plain.decode(logProbs).text())) {
                differ++;
            }
        }
        assertTrue(differ > 0, "a weight of " + HEAVY + " must change some transcript, or this test shows nothing");
    }

    @Test
    void withoutALanguageModelOrWithBestPathThereIsNoWeightToChoose() throws IOException {
        float[][] logProbs = base.logProbs(AudioLoader.loadMono(samples.get(0).audio(), 16000));
        DecoderConfig rule = oneWeight.withConfidentLmWeight(HEAVY, 0.01);
        Recognizer noLm = base.withDecoding(rule, null, null, Map.of());
        assertEquals(0, noLm.lmWeightFor(logProbs));
        assertEquals(base.withDecoding(oneWeight, null, null, Map.of()).decode(logProbs).text(),
                noLm.decode(logProbs).text());
        Recognizer greedy = with(rule.withMethod(DecoderConfig.GREEDY));
        assertEquals(0, greedy.lmWeightFor(logProbs));
        assertEquals(with(oneWeight.withMethod(DecoderConfig.GREEDY)).decode(logProbs), greedy.decode(logProbs));
    }

    @Test
    void theRuleIsSavedWithTheModelAndAnOlderConfigHasNone(@TempDir Path dir) throws IOException {
        ModelBundle bundle = base.bundle().withDecoder(oneWeight.withConfidentLmWeight(1.25, 0.8));
        Files.createDirectories(dir);
        bundle.saveConfig(dir);
        DecoderConfig read = ModelBundle.readConfig(dir).decoder();
        assertEquals(1.25, read.confidentLmWeight());
        assertEquals(0.8, read.confidentAbove());
        assertTrue(read.confidenceDependent());
        String older = Files.readString(dir.resolve("config.json"))
                .replaceAll(",\\s*\"confidentLmWeight\"\\s*:\\s*[0-9.]+", "")
                .replaceAll(",\\s*\"confidentAbove\"\\s*:\\s*[0-9.]+", "");
        assertTrue(!older.contains("confident"), older);
        Files.writeString(dir.resolve("config.json"), older);
        DecoderConfig old = ModelBundle.readConfig(dir).decoder();
        assertEquals(0, old.confidentAbove());
        assertTrue(!old.confidenceDependent());
        assertEquals(read.lmWeight(), old.lmWeight());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> oneWeight.withConfidentLmWeight(1.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> oneWeight.withConfidentLmWeight(1.0, -0.1));
        assertThrows(IllegalArgumentException.class, () -> oneWeight.withConfidentLmWeight(-1.0, 0.8));
        assertThrows(IllegalArgumentException.class, () -> oneWeight.withConfidentLmWeight(Double.NaN, 0.8));
    }

    @Test
    void characterConfidenceWeighsEachWordByItsLength() {
        Transcript t = Transcript.of(List.of(new Transcript.Word("ab", 0, 0.1, 0.5),
                new Transcript.Word("c", 0.2, 0.3, 0.8)));
        assertEquals(3, t.characters());
        assertEquals((0.5 * 2 + 0.8) / 3, t.characterConfidence(), 1e-12);
        assertEquals(0, Transcript.empty().characterConfidence());
    }
}
