package dev.verbatim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verbatim.Recognizer;
import dev.verbatim.audio.AudioLoader;
import dev.verbatim.augment.Augmenter;
import dev.verbatim.decode.DecoderConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verbatim eval} with the shipped model on an audio sample: its level option. */
class EvalCommandTest {
    private static final Path SAMPLE = Path.of("audio-samples", "synth-us-nyc-m6.wav");
    private static final String MODEL = Path.of("models", "default").toString();
    private static final String TEXT = "he came therefore and took away his body";

    /** The hypothesis column of a --per-utterance file with one utterance. */
    private static String hypothesis(Path perUtterance) throws IOException {
        List<String> lines = Files.readAllLines(perUtterance);
        assertEquals(2, lines.size(), String.join("\n", lines));
        return lines.get(1).split("\t", -1)[2];
    }

    @Test
    void gainHearsTheFileAsTheRecognizerHearsTheQuieterSamples(@TempDir Path dir) throws IOException {
        Path asRecorded = dir.resolve("as-recorded.tsv");
        Files.writeString(asRecorded, SAMPLE.toAbsolutePath() + "\t" + TEXT + "\n");
        TranscribeEndToEndTest.Run withGain = TranscribeEndToEndTest.run("eval", "--model", MODEL, "--decoder",
                "greedy", "--gain", "-40", "--per-utterance", dir.resolve("a.tsv").toString(),
                asRecorded.toString());
        TranscribeEndToEndTest.Run plain = TranscribeEndToEndTest.run("eval", "--model", MODEL, "--decoder",
                "greedy", "--per-utterance", dir.resolve("c.tsv").toString(), asRecorded.toString());
        assertEquals(0, withGain.exitCode(), withGain.err());
        assertTrue(withGain.out().contains("gain -40.0 dB"), withGain.out());
        assertTrue(!plain.out().contains("gain"), plain.out());
        // The library's transcript of the same samples made 40 dB quieter, and not the file as recorded.
        Recognizer base = Recognizer.load(Path.of(MODEL), false);
        Recognizer greedy = base.withDecoding(base.bundle().decoder().withMethod(DecoderConfig.GREEDY), null, null,
                Map.of());
        float[] quiet = Augmenter.gain(AudioLoader.loadMono(SAMPLE, 16000), -40);
        assertEquals(greedy.transcribe(quiet).text(), hypothesis(dir.resolve("a.tsv")));
        assertNotEquals(hypothesis(dir.resolve("c.tsv")), hypothesis(dir.resolve("a.tsv")));
    }

    @Test
    void beamOnlyOptionsBesideGreedyDecodingAreRefusedNotIgnored(@TempDir Path dir) throws IOException {
        Path manifest = dir.resolve("m.tsv");
        Files.writeString(manifest, SAMPLE.toAbsolutePath() + "\t" + TEXT + "\n");
        Path words = dir.resolve("words.txt");
        Files.writeString(words, "he\ncame\n");
        TranscribeEndToEndTest.Run eval = TranscribeEndToEndTest.run("eval", "--model", MODEL, "--decoder", "greedy",
                "--vocabulary", words.toString(), manifest.toString());
        assertNotEquals(0, eval.exitCode());
        assertTrue(eval.err().contains("--vocabulary needs beam search, but --decoder greedy was given"), eval.err());
        TranscribeEndToEndTest.Run transcribe = TranscribeEndToEndTest.run("transcribe", "--model", MODEL,
                "--decoder", "greedy", "--hotword", "body:2", "--lm-weight", "1", SAMPLE.toString());
        assertNotEquals(0, transcribe.exitCode());
        assertTrue(transcribe.err().contains("--hotword, --lm-weight need beam search"), transcribe.err());
        assertTrue(transcribe.out().isBlank(), transcribe.out());
        // Without --decoder greedy the word list implies beam search and restricts the output to its words.
        Path perUtterance = dir.resolve("pu.tsv");
        TranscribeEndToEndTest.Run beam = TranscribeEndToEndTest.run("eval", "--model", MODEL, "--vocabulary",
                words.toString(), "--per-utterance", perUtterance.toString(), manifest.toString());
        assertEquals(0, beam.exitCode(), beam.err());
        for (String w : hypothesis(perUtterance).split(" ")) {
            assertTrue(w.isEmpty() || w.equals("he") || w.equals("came"), hypothesis(perUtterance));
        }
    }

    @Test
    void aGainThatIsNotANumberIsRefused(@TempDir Path dir) throws IOException {
        Path manifest = dir.resolve("m.tsv");
        Files.writeString(manifest, SAMPLE.toAbsolutePath() + "\t" + TEXT + "\n");
        TranscribeEndToEndTest.Run run = TranscribeEndToEndTest.run("eval", "--model", MODEL, "--gain", "NaN",
                manifest.toString());
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("--gain must be a number of dB"), run.err());
    }
}
