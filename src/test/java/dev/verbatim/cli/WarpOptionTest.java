package dev.verbatim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verbatim.Recognizer;
import dev.verbatim.audio.AudioLoader;
import dev.verbatim.audio.WavWriter;
import dev.verbatim.data.Manifest;
import dev.verbatim.data.Utterance;
import dev.verbatim.decode.DecoderConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --warp F|auto} on transcribe, eval and listen, with the shipped model on the audio samples. */
class WarpOptionTest {
    private static final Path SAMPLES = Path.of("audio-samples");
    private static final Path SAMPLE = SAMPLES.resolve("synth-us-nyc-m6.wav");
    private static final String MODEL = Path.of("models", "default").toString();

    @Test
    void transcribeWarpAutoReportsItsChoiceAndTranscribesWithIt() throws IOException {
        TranscribeEndToEndTest.Run run = TranscribeEndToEndTest.run("transcribe", "--model", MODEL, "--warp", "auto",
                SAMPLES.toString());
        assertEquals(0, run.exitCode(), run.err());
        Matcher m = Pattern.compile("warp (\\d\\.\\d\\d) chosen from 21 s of audio; confidence by factor: 0\\.85 ")
                .matcher(run.err());
        assertTrue(m.find(), run.err());
        double chosen = Double.parseDouble(m.group(1));
        String expected = Recognizer.load(Path.of(MODEL)).withWarp(chosen).transcribeFile(SAMPLE).text();
        assertTrue(run.out().contains(SAMPLE + "\t" + expected + "\n"), run.out());
        TranscribeEndToEndTest.Run quiet = TranscribeEndToEndTest.run("transcribe", "--model", MODEL, "--warp", "auto",
                "--quiet", SAMPLE.toString());
        assertEquals("", quiet.err());
    }

    @Test
    void evalWithAFixedWarpDecodesAsTheLibraryDoes(@TempDir Path dir) throws IOException {
        Path manifest = dir.resolve("m.tsv");
        String text = "he came therefore and took away his body";
        Files.writeString(manifest, SAMPLE.toAbsolutePath() + "\t" + text + "\n");
        TranscribeEndToEndTest.Run run = TranscribeEndToEndTest.run("eval", "--model", MODEL, "--decoder", "greedy",
                "--warp", "0.85", "--per-utterance", dir.resolve("w.tsv").toString(), manifest.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("(model " + MODEL + ", warp 0.85)"), run.out());
        Recognizer base = Recognizer.load(Path.of(MODEL), false);
        Recognizer greedy = base.withDecoding(base.bundle().decoder().withMethod(DecoderConfig.GREEDY), null, null,
                Map.of());
        List<String> lines = Files.readAllLines(dir.resolve("w.tsv"));
        assertEquals(greedy.withWarp(0.85).transcribeFile(SAMPLE).text(), lines.get(1).split("\t", -1)[2]);
        TranscribeEndToEndTest.Run plain = TranscribeEndToEndTest.run("eval", "--model", MODEL, "--decoder", "greedy",
                manifest.toString());
        assertTrue(!plain.out().contains("warp"), plain.out());
    }

    @Test
    void evalWarpAutoChoosesOnTheAudioAsGainMakesIt(@TempDir Path dir) throws IOException {
        Path manifest = dir.resolve("m.tsv");
        Files.writeString(manifest, SAMPLE.toAbsolutePath() + "\the came therefore and took away his body\n");
        TranscribeEndToEndTest.Run run = TranscribeEndToEndTest.run("eval", "--model", MODEL, "--decoder", "greedy",
                "--warp", "auto", "--gain", "-30", manifest.toString());
        assertEquals(0, run.exitCode(), run.err());
        float[] quieter = dev.verbatim.augment.Augmenter.gain(AudioLoader.loadMono(SAMPLE, 16000), -30);
        String expected = dev.verbatim.SpeakerWarp.choose(Recognizer.load(Path.of(MODEL), false), List.of(quieter))
                .describe();
        assertTrue(run.out().contains(expected), "expected " + expected + " in\n" + run.out());
    }

    @Test
    void aBadFactorIsRefused() {
        for (String bad : new String[] {"1.5", "0.5", "soon", "NaN"}) {
            TranscribeEndToEndTest.Run run = TranscribeEndToEndTest.run("transcribe", "--model", MODEL, "--warp", bad,
                    SAMPLE.toString());
            assertNotEquals(0, run.exitCode());
            assertTrue(run.err().contains("--warp wants a factor between 0.8 and 1.25 or 'auto', got '" + bad + "'"),
                    run.err());
            assertEquals("", run.out());
        }
    }

    @Test
    void listenWarpAutoChoosesFromTheFirstHalfMinuteOfSpeech(@TempDir Path dir) throws IOException {
        // the samples twice over, a second of silence after each: about 45 s, so the finals pass 30 s
        List<float[]> clips = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (Utterance u : Manifest.read(SAMPLES.resolve("transcripts.tsv"))) {
                clips.add(AudioLoader.loadMono(u.audio(), 16000));
                clips.add(new float[16000]);
            }
        }
        int total = clips.stream().mapToInt(c -> c.length).sum();
        float[] stream = new float[total];
        int at = 0;
        for (float[] c : clips) {
            System.arraycopy(c, 0, stream, at, c.length);
            at += c.length;
        }
        Path wav = dir.resolve("twice.wav");
        WavWriter.writePcm16(wav, stream, 16000);
        TranscribeEndToEndTest.Run run = TranscribeEndToEndTest.run("listen", "--model", MODEL, "--warp", "auto",
                "--input", wav.toString(), "--fast");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Pattern.compile("warp \\d\\.\\d\\d chosen from 30 s of audio; confidence by factor: 0\\.85 ")
                .matcher(run.err()).find(), run.err());
        assertTrue(run.out().lines().count() >= 10, "the finals:\n" + run.out());
        TranscribeEndToEndTest.Run plain = TranscribeEndToEndTest.run("listen", "--model", MODEL, "--input",
                wav.toString(), "--fast");
        assertTrue(!plain.err().contains("warp"), plain.err());
    }
}
