package dev.verbatim.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verbatim.Recognizer;
import dev.verbatim.audio.AudioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StreamingRecognizerTest {
    private static Recognizer recognizer;

    @BeforeAll
    static void load() throws IOException {
        recognizer = Recognizer.load(Path.of("models", "default"));
    }

    private static List<StreamingRecognizer.Event> stream(AudioSource source, StreamingRecognizer live)
            throws IOException {
        List<StreamingRecognizer.Event> events = new ArrayList<>();
        float[] block;
        while ((block = source.read()) != null) {
            events.addAll(live.accept(block));
        }
        events.addAll(live.finish());
        return events;
    }

    private static List<StreamingRecognizer.Final> finals(List<StreamingRecognizer.Event> events) {
        return events.stream().filter(e -> e instanceof StreamingRecognizer.Final)
                .map(e -> (StreamingRecognizer.Final) e).toList();
    }

    @Test
    void aFileStreamedThroughTheLivePathGivesTheSameFinalTextAsTranscribe() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("audio-samples"))) {
            files = list.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
        for (Path file : files) {
            List<StreamingRecognizer.Event> events;
            try (FileSource source = new FileSource(file, 16000, false)) {
                events = stream(source, new StreamingRecognizer(recognizer, EndpointConfig.defaults()));
            }
            List<StreamingRecognizer.Final> finals = finals(events);
            assertEquals(1, finals.size(), file + ": one utterance: " + events);
            assertEquals(recognizer.transcribeFile(file).text(), finals.get(0).text(), file.toString());
            assertEquals(0.0, finals.get(0).startSec(), 1e-9);
        }
    }

    @Test
    void pausesSplitUtterancesAndFinalsMatchTheirAudio() throws Exception {
        // clip, 1.5 s of quiet noise, clip, 2 s of quiet noise; fed in odd block sizes
        float[] a = AudioLoader.loadMono(Path.of("audio-samples", "synth-us-nyc-m6.wav"), 16000);
        float[] b = AudioLoader.loadMono(Path.of("audio-samples", "matthes-LJ002-0012.wav"), 16000);
        Random rng = new Random(2);
        int gap = 24000;
        float[] x = new float[a.length + gap + b.length + 32000];
        System.arraycopy(a, 0, x, 0, a.length);
        System.arraycopy(b, 0, x, a.length + gap, b.length);
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (2e-4 * rng.nextGaussian());
        }
        StreamingRecognizer live = new StreamingRecognizer(recognizer, EndpointConfig.defaults());
        List<StreamingRecognizer.Event> events = new ArrayList<>();
        for (int at = 0; at < x.length; ) {
            int n = Math.min(x.length - at, 300 + rng.nextInt(3000));
            float[] block = new float[n];
            System.arraycopy(x, at, block, 0, n);
            events.addAll(live.accept(block));
            at += n;
        }
        events.addAll(live.finish());
        List<StreamingRecognizer.Final> finals = finals(events);
        assertEquals(2, finals.size(), events.toString());
        StreamingRecognizer.Final first = finals.get(0);
        StreamingRecognizer.Final second = finals.get(1);
        assertEquals(0.0, first.startSec(), 1e-9);
        assertEquals("trailing silence", first.reason());
        // the first ends 0.8 s after the first clip (+- a frame or two around its speech's end)
        double clipEnd = a.length / 16000.0;
        assertTrue(first.endSec() > clipEnd && first.endSec() < clipEnd + 0.85, "first ends at " + first.endSec());
        assertEquals(first.endSec(), second.startSec(), 1e-9, "contiguous");
        // each final is exactly what batch decoding gives for its stretch of audio
        for (StreamingRecognizer.Final f : finals) {
            float[] span = new float[f.audio().length];
            System.arraycopy(x, (int) Math.round(f.startSec() * 16000), span, 0, span.length);
            assertEquals(recognizer.transcribe(span).text(), f.text());
            assertEquals(f.endSec() - f.startSec(), span.length / 16000.0, 1e-9);
            f.transcript().words().forEach(w -> assertTrue(w.startSec() >= f.startSec() - 1e-9
                    && w.endSec() <= f.endSec() + 1e-9, w + " outside " + f));
        }
        assertFalse(events.stream().anyMatch(e -> e instanceof StreamingRecognizer.Partial p && p.text().isEmpty()));
    }
}
