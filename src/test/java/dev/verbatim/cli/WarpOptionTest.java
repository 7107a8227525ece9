package dev.verbatim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verbatim.Recognizer;
import dev.verbatim.decode.DecoderConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void aBadFactorIsRefusedAndListenCannotChooseOne() {
        for (String bad : new String[] {"1.5", "0.5", "soon", "NaN"}) {
            TranscribeEndToEndTest.Run run = TranscribeEndToEndTest.run("transcribe", "--model", MODEL, "--warp", bad,
                    SAMPLE.toString());
            assertNotEquals(0, run.exitCode());
            assertTrue(run.err().contains("--warp wants a factor between 0.8 and 1.25 or 'auto', got '" + bad + "'"),
                    run.err());
            assertEquals("", run.out());
        }
        TranscribeEndToEndTest.Run listen = TranscribeEndToEndTest.run("listen", "--model", MODEL, "--warp", "auto",
                "--input", SAMPLE.toString(), "--fast");
        assertEquals(2, listen.exitCode(), listen.err());
        assertTrue(listen.err().contains("--warp auto chooses from recorded audio (transcribe, eval)"), listen.err());
    }
}
