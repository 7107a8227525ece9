package dev.verbatim.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verbatim.Recognizer;
import dev.verbatim.audio.AudioLoader;
import dev.verbatim.audio.WavWriter;
import dev.verbatim.decode.Transcript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long recording made of the audio samples gives the same words as the samples one by one. */
class LongAudioTranscriberTest {
    private static final int RATE = 16000;
    private static final double GAP_SEC = 3.0;
    private static Recognizer recognizer;
    private static List<float[]> clips;

    @BeforeAll
    static void load() throws IOException {
        recognizer = Recognizer.load(Path.of("models", "default"));
        clips = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("audio-samples"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".wav")).sorted().toList()) {
                clips.add(AudioLoader.loadMono(p, RATE));
            }
        }
        assertTrue(clips.size() >= 5);
    }

    private static float[] padded(float[] clip, int lead, int tail) {
        float[] out = new float[lead + clip.length + tail];
        System.arraycopy(clip, 0, out, lead, clip.length);
        return out;
    }

    @Test
    void aLongRecordingGivesTheSameWordsAsItsParts() {
        // Clips of 2-5 s separated by 3 s of silence, with 1.5 s before the first and after the last: with segments
        // of 3.5-8.7 s every cut falls in the middle of a gap, so each segment is one clip with 1.5 s on each side.
        int total = 0;
        for (float[] c : clips) {
            assertTrue(c.length <= 5.2 * RATE, "clip too long for this layout");
            total += c.length + (int) Math.round(GAP_SEC * RATE);
        }
        float[] longAudio = new float[total];
        int pos = (int) Math.round(GAP_SEC / 2 * RATE);
        List<int[]> clipSpans = new ArrayList<>();
        List<double[]> clipTimes = new ArrayList<>();
        for (float[] c : clips) {
            System.arraycopy(c, 0, longAudio, pos, c.length);
            clipSpans.add(new int[] {pos, pos + c.length});
            clipTimes.add(new double[] {pos / (double) RATE, (pos + c.length) / (double) RATE});
            pos += c.length + (int) Math.round(GAP_SEC * RATE);
        }
        LongAudioTranscriber transcriber = new LongAudioTranscriber(recognizer,
                new Segmenter.Config(8.7, 3.5, 8.0, 10.0));
        SegmentedTranscript t = transcriber.transcribe(longAudio);
        assertEquals(clips.size(), t.segments().size(), "one segment per clip");

        // The reference: each clip file on its own, with as much silence around it as its segment has (a one-frame
        // shift can change a weak model's output, so the padding must match to the sample).
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < clips.size(); i++) {
            SegmentedTranscript.Segment s = t.segments().get(i);
            int lead = clipSpans.get(i)[0] - (int) Math.round(s.startSec() * RATE);
            int tail = (int) Math.round(s.endSec() * RATE) - clipSpans.get(i)[1];
            assertTrue(Math.abs(lead - GAP_SEC / 2 * RATE) <= 0.2 * RATE
                    && Math.abs(tail - GAP_SEC / 2 * RATE) <= 0.2 * RATE,
                    "segment " + i + " is not cut in the middle of the gaps: lead " + lead + ", tail " + tail);
            String part = recognizer.transcribe(padded(clips.get(i), lead, tail)).text();
            if (!part.isEmpty()) {
                expected.append(expected.length() == 0 ? "" : " ").append(part);
            }
        }
        assertEquals(expected.toString(), t.text());
        assertEquals(longAudio.length / (double) RATE, t.durationSec(), 1e-9);
        double previousEnd = 0;
        for (int i = 0; i < t.segments().size(); i++) {
            SegmentedTranscript.Segment s = t.segments().get(i);
            assertEquals(previousEnd, s.startSec(), 1e-9, "segments are contiguous");
            previousEnd = s.endSec();
            for (Transcript.Word w : s.transcript().words()) {
                // absolute times: each word lies inside its segment, near its clip
                assertTrue(w.startSec() >= s.startSec() && w.endSec() <= s.endSec() + 1e-9, w + " outside " + s);
                assertTrue(w.endSec() > clipTimes.get(i)[0] - 0.3 && w.startSec() < clipTimes.get(i)[1] + 0.3,
                        w + " far from its clip");
            }
        }
        assertEquals(t.durationSec(), previousEnd, 1e-9);
        double last = -1;
        for (Transcript.Word w : t.words()) {
            assertTrue(w.startSec() >= last && w.endSec() >= w.startSec(), "word times increase: " + w);
            last = w.startSec();
        }
    }

    @Test
    void aLongFileReadPieceByPieceGivesWhatTheWholeAudioGives(@TempDir Path dir) throws IOException {
        // 40 s: the clips one after another with 1 s between them, so that it must be split
        List<float[]> parts = new ArrayList<>();
        int n = 0;
        while (n < 40 * RATE) {
            for (float[] c : clips) {
                parts.add(c);
                n += c.length + RATE;
            }
        }
        float[] audio = new float[n];
        int pos = 0;
        for (float[] c : parts) {
            System.arraycopy(c, 0, audio, pos, c.length);
            pos += c.length + RATE;
        }
        Path file = dir.resolve("long.wav");
        WavWriter.writePcm16(file, audio, RATE);
        LongAudioTranscriber transcriber = new LongAudioTranscriber(recognizer, new Segmenter.Config(12, 5, 8, 10));
        SegmentedTranscript streamed = transcriber.transcribeFile(file);
        SegmentedTranscript whole = transcriber.transcribe(AudioLoader.loadMono(file, RATE));
        assertTrue(streamed.segments().size() >= 4, "split: " + streamed.segments().size());
        assertEquals(whole.segments().size(), streamed.segments().size());
        for (int i = 0; i < whole.segments().size(); i++) {
            assertEquals(whole.segments().get(i).startSec(), streamed.segments().get(i).startSec(), 1e-9);
        }
        assertEquals(whole.text(), streamed.text());
        assertEquals(whole.words(), streamed.words());
        assertEquals(n / (double) RATE, streamed.durationSec(), 1e-9);
    }
}
