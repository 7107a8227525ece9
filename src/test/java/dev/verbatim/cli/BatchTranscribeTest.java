package dev.verbatim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verbatim.audio.AudioLoader;
import dev.verbatim.audio.Resampling;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verbatim transcribe} on a folder the way people point it at an archive. */
class BatchTranscribeTest {
    private static final String MODEL = Path.of("models", "default").toString();
    private static final Path SAMPLE = Path.of("audio-samples", "synth-us-nyc-m6.wav");
    private static final Path OTHER = Path.of("audio-samples", "matthes-LJ002-0012.wav");

    @TempDir
    static Path shared;
    static Path input;

    /** A 16-bit stereo WAV at 44.1 kHz made from a 16 kHz mono clip (the right channel a little quieter). */
    static byte[] stereo44k(float[] mono16k) {
        float[] x = Resampling.resample(mono16k, 16000, 44100);
        ByteBuffer b = ByteBuffer.allocate(44 + x.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + x.length * 4).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(44100)
                .putInt(44100 * 4).putShort((short) 4).putShort((short) 16);
        b.put("data".getBytes()).putInt(x.length * 4);
        for (float v : x) {
            b.putShort((short) Math.round(Math.max(-1, Math.min(1, v)) * 32767));
            b.putShort((short) Math.round(Math.max(-1, Math.min(1, v * 0.8f)) * 32767));
        }
        return b.array();
    }

    @BeforeAll
    static void makeInputFolder() throws IOException {
        input = shared.resolve("archive");
        Files.createDirectories(input.resolve("day1"));
        Files.copy(SAMPLE, input.resolve("day1").resolve("good.wav"));
        Files.copy(OTHER, input.resolve("other.wav"));
        Files.write(input.resolve("day1").resolve("stereo.wav"), stereo44k(AudioLoader.loadMono(SAMPLE, 16000)));
        Files.writeString(input.resolve("corrupt.wav"), "RIFF....WAVEjunk that is not a wave file");
        Files.write(input.resolve("empty.wav"), new byte[0]);
        Files.writeString(input.resolve("notes.txt"), "not audio");
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void writesEveryFormatMirroringTheTreeAndReportsBadFiles(@TempDir Path out) throws Exception {
        var run = TranscribeEndToEndTest.run("transcribe", "--model", MODEL, "-f", "txt,tsv,json,srt,vtt",
                "--output-dir", out.toString(), input.toString());
        assertEquals(1, run.exitCode(), "corrupt and empty files make the exit code 1:\n" + run.err());
        assertTrue(run.err().contains("corrupt.wav") && run.err().contains("empty.wav"), run.err());
        assertTrue(run.err().contains("not .wav skipped"), "non-WAV files get a note: " + run.err());
        assertTrue(run.err().contains("3 files transcribed, 2 failed"), run.err());
        assertEquals("", run.out(), "with --output-dir nothing goes to standard output");

        for (String stem : List.of("day1/good", "day1/stereo", "other")) {
            for (String ext : List.of("txt", "tsv", "json", "srt", "vtt")) {
                assertTrue(Files.exists(out.resolve(stem + "." + ext)), stem + "." + ext + " missing");
            }
        }
        assertFalse(Files.exists(out.resolve("corrupt.txt")) || Files.exists(out.resolve("empty.txt")));
        assertTrue(filesUnder(out).stream().noneMatch(p -> p.getFileName().toString().endsWith(".tmp")),
                "no temporary files left behind");

        // The stereo 44.1 kHz copy is converted to 16 kHz mono and gives (nearly) the same text as the original:
        // resampling there and back is not exact, and a search can flip a near-tie.
        String good = Files.readString(out.resolve("day1/good.txt"));
        assertFalse(good.isBlank());
        dev.verbatim.eval.EvalReport same = new dev.verbatim.eval.EvalReport();
        same.add("stereo", good.strip(), Files.readString(out.resolve("day1/stereo.txt")).strip());
        assertTrue(same.cer() <= 0.1, "stereo copy: CER " + same.cer() + " against the original");

        JsonNode json = new ObjectMapper().readTree(out.resolve("day1/good.json").toFile());
        assertEquals(good.strip(), json.get("text").asText());
        double duration = json.get("duration").asDouble();
        assertEquals(AudioLoader.loadMono(SAMPLE, 16000).length / 16000.0, duration, 1e-3);
        double last = 0;
        for (JsonNode w : json.get("result")) {
            assertTrue(w.get("start").asDouble() >= last && w.get("end").asDouble() <= duration + 1e-9, w.toString());
            last = w.get("start").asDouble();
        }
        String srt = Files.readString(out.resolve("day1/good.srt"));
        assertTrue(srt.startsWith("1\n00:00:"), srt);
        assertTrue(Files.readString(out.resolve("day1/good.vtt")).startsWith("WEBVTT\n\n00:00:"));
    }

    @Test
    void aRerunSkipsFinishedInputsAndOverwriteRedoesThem(@TempDir Path out) throws Exception {
        // An interrupted run: only good.wav was finished, and a temporary file was left behind.
        var first = TranscribeEndToEndTest.run("transcribe", "--model", MODEL, "-f", "txt", "-o", out.toString(),
                input.resolve("day1").resolve("good.wav").toString());
        assertEquals(0, first.exitCode(), first.err());
        Path goodTxt = out.resolve("good.txt");
        Files.writeString(out.resolve(".stereo.txt.1234.tmp"), "half-writ");
        FileTime before = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(goodTxt, before);

        var rerun = TranscribeEndToEndTest.run("transcribe", "--model", MODEL, "-f", "txt", "-o", out.toString(),
                input.resolve("day1").toString(), "--quiet");
        assertEquals(0, rerun.exitCode(), rerun.err());
        assertEquals(before, Files.getLastModifiedTime(goodTxt), "finished output left alone");
        assertTrue(Files.exists(out.resolve("stereo.txt")), "the unfinished input is done now");

        var again = TranscribeEndToEndTest.run("transcribe", "--model", MODEL, "-f", "txt", "-o", out.toString(),
                input.resolve("day1").toString(), "--overwrite");
        assertEquals(0, again.exitCode(), again.err());
        assertNotEquals(before, Files.getLastModifiedTime(goodTxt), "--overwrite redoes it");
    }

    @Test
    void globsSelectFilesAndSeveralFormatsNeedAnOutputFolder() {
        var glob = TranscribeEndToEndTest.run("transcribe", "--model", MODEL, "-q",
                input.toString() + "/**/g*.wav");
        assertEquals(0, glob.exitCode(), glob.err());
        String[] lines = glob.out().strip().split("\n");
        assertEquals(1, lines.length, glob.out());
        assertTrue(lines[0].startsWith(input.resolve("day1").resolve("good.wav") + "\t"), lines[0]);
        assertEquals("", glob.err(), "--quiet prints results only");

        var none = TranscribeEndToEndTest.run("transcribe", "--model", MODEL, input.toString() + "/*.flac");
        assertEquals(1, none.exitCode());
        assertTrue(none.err().contains("no file matches"), none.err());

        var two = TranscribeEndToEndTest.run("transcribe", "--model", MODEL, "-f", "srt,json", SAMPLE.toString());
        assertNotEquals(0, two.exitCode());
        assertTrue(two.err().contains("need --output-dir"), two.err());
    }

    @Test
    void jsonOnStandardOutputIsOneObjectPerLine() throws Exception {
        var run = TranscribeEndToEndTest.run("transcribe", "--model", MODEL, "-f", "json", "-q", "--jobs", "2",
                SAMPLE.toString(), OTHER.toString());
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().strip().split("\n");
        assertEquals(2, lines.length);
        ObjectMapper m = new ObjectMapper();
        assertEquals(SAMPLE.toString(), m.readTree(lines[0]).get("file").asText(), "input order kept");
        assertEquals(OTHER.toString(), m.readTree(lines[1]).get("file").asText());
    }
}
