package dev.verbatim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verbatim.Recognizer;
import dev.verbatim.data.Manifest;
import dev.verbatim.data.Utterance;
import dev.verbatim.decode.DecoderConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --confident-lm-weight}, {@code --confident-above} and {@code --lm-weight} on eval, with the shipped model. */
class ConfidentLmWeightOptionTest {
    private static final String MODEL = Path.of("models", "default").toString();

    /** The hypotheses eval wrote with {@code options}, in manifest order. */
    private static List<String> eval(Path dir, String... options) throws IOException {
        Path perUtterance = dir.resolve("pu.tsv");
        List<String> args = new ArrayList<>(List.of("eval", "--model", MODEL, "--per-utterance",
                perUtterance.toString()));
        args.addAll(List.of(options));
        args.add(Path.of("audio-samples", "transcripts.tsv").toString());
        TranscribeEndToEndTest.Run run = TranscribeEndToEndTest.run(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        List<String> hyps = new ArrayList<>();
        List<String> lines = Files.readAllLines(perUtterance);
        for (String line : lines.subList(1, lines.size())) {
            hyps.add(line.split("\t", -1)[2]);
        }
        return hyps;
    }

    private static List<String> library(DecoderConfig d) throws IOException {
        Recognizer base = Recognizer.load(Path.of(MODEL));
        Recognizer r = base.withDecoding(d, base.languageModel(), null, Map.of());
        List<String> hyps = new ArrayList<>();
        for (Utterance u : Manifest.read(Path.of("audio-samples", "transcripts.tsv"))) {
            hyps.add(r.transcribeFile(u.audio()).text());
        }
        return hyps;
    }

    @Test
    void evalDecodesWithTheRuleItIsGiven(@TempDir Path dir) throws IOException {
        DecoderConfig d = Recognizer.load(Path.of(MODEL), false).bundle().decoder().withMethod(DecoderConfig.BEAM);
        List<String> rule = eval(dir, "--confident-lm-weight", "3", "--confident-above", "0.8");
        assertEquals(library(d.withConfidentLmWeight(3, 0.8)), rule);
        List<String> one = eval(dir, "--lm-weight", "0.75");
        assertEquals(library(d.withBeam(d.beamWidth(), 0.75, d.wordBonus()).withConfidentLmWeight(0, 0)), one);
        assertNotEquals(one, rule, "a weight of 3 for the confident utterances must change some transcript");
    }

    @Test
    void badCombinationsAreRefusedWithTheOptionsNamed() {
        TranscribeEndToEndTest.Run noRule = TranscribeEndToEndTest.run("eval", "--model", MODEL,
                "--confident-lm-weight", "2", "--confident-above", "0", "audio-samples/transcripts.tsv");
        assertNotEquals(0, noRule.exitCode());
        assertTrue(noRule.err().contains("--confident-lm-weight needs --confident-above P"), noRule.err());
        TranscribeEndToEndTest.Run greedy = TranscribeEndToEndTest.run("eval", "--model", MODEL, "--decoder", "greedy",
                "--confident-above", "0.8", "audio-samples/transcripts.tsv");
        assertNotEquals(0, greedy.exitCode());
        assertTrue(greedy.err().contains("--confident-above needs beam search"), greedy.err());
        TranscribeEndToEndTest.Run range = TranscribeEndToEndTest.run("eval", "--model", MODEL,
                "--confident-lm-weight", "1", "--confident-above", "1.5", "audio-samples/transcripts.tsv");
        assertNotEquals(0, range.exitCode());
        assertTrue(range.err().contains("confidentAbove must be in [0, 1)"), range.err());
    }
}
