package dev.verbatim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verbatim.Recognizer;
import dev.verbatim.audio.AudioLoader;
import dev.verbatim.live.Microphone;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verbatim listen} through files and pipes, and without a microphone. */
class ListenCommandTest {
    private static final String MODEL = Path.of("models", "default").toString();
    private static final Path CLIP = Path.of("audio-samples", "fsdd-george-4179.wav");
    private static String expected;

    @BeforeAll
    static void batchResult() throws Exception {
        expected = Recognizer.load(Path.of(MODEL)).transcribeFile(CLIP).text();
        assertTrue(!expected.isEmpty());
    }

    @Test
    void jsonEventsEndWithTheFinalThatBatchTranscriptionGives() throws Exception {
        var run = TranscribeEndToEndTest.run("listen", "--model", MODEL, "--input", CLIP.toString(), "--fast",
                "-f", "json");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().strip().split("\n");
        ObjectMapper m = new ObjectMapper();
        JsonNode last = m.readTree(lines[lines.length - 1]);
        assertEquals("final", last.get("type").asText());
        assertEquals(expected, last.get("text").asText());
        assertEquals(0.0, last.get("start").asDouble(), 1e-9);
        for (int i = 0; i < lines.length - 1; i++) {
            assertEquals("partial", m.readTree(lines[i]).get("type").asText(), lines[i]);
        }
        assertTrue(last.get("result").size() > 0);
    }

    @Test
    void textFinalsAndSavedUtterances(@TempDir Path dir) throws Exception {
        var run = TranscribeEndToEndTest.run("listen", "--model", MODEL, "--input", CLIP.toString(), "--fast",
                "--save-audio", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        String line = run.out().strip();
        assertTrue(line.matches("\\[0:00\\.00 -> 0:0\\d\\.\\d\\d] .+"), line);
        assertTrue(line.endsWith("] " + expected), line);
        assertEquals(expected + "\n", Files.readString(dir.resolve("utt-0001.txt")));
        float[] saved = AudioLoader.loadMono(dir.resolve("utt-0001.wav"), 16000);
        assertEquals(AudioLoader.loadMono(CLIP, 16000).length, saved.length);
    }

    @Test
    void rawPcmOnStandardInput() throws Exception {
        float[] x = AudioLoader.loadMono(CLIP, 16000);
        byte[] pcm = new byte[2 * x.length];
        for (int i = 0; i < x.length; i++) {
            int v = Math.max(-32768, Math.min(32767, Math.round(x[i] * 32768)));
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(pcm));
            var run = TranscribeEndToEndTest.run("listen", "--model", MODEL, "--input", "-");
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().strip().endsWith("] " + expected), run.out());
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void withoutTheMicrophoneItFailsWithAClearMessage() {
        boolean none = Microphone.devices().isEmpty();
        var run = none ? TranscribeEndToEndTest.run("listen", "--model", MODEL)
                : TranscribeEndToEndTest.run("listen", "--model", MODEL, "--device", "no-such-device-42");
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains(none ? "no microphone" : "no capture device 'no-such-device-42'"), run.err());
        assertTrue(!run.err().contains("Exception"), "no stack trace: " + run.err());
        var devices = TranscribeEndToEndTest.run("devices");
        assertEquals(none ? 1 : 0, devices.exitCode(), devices.err());
    }
}
