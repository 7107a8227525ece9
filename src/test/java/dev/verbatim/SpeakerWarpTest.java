package dev.verbatim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verbatim.audio.AudioLoader;
import dev.verbatim.audio.Resampling;
import dev.verbatim.data.Manifest;
import dev.verbatim.data.Utterance;
import dev.verbatim.decode.DecoderConfig;
import dev.verbatim.eval.EvalReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warped filterbank at decode time and the choice of its factor, with the shipped model on the shipped samples:
 * as recorded, and played 20 % fast, which raises every frequency by a fifth, like a voice far higher than the
 * training voices.
 */
class SpeakerWarpTest {
    private static final int RATE = 16000;
    private static final double SPEED = 1.2;
    private static Recognizer greedy;
    private static List<Utterance> samples;
    private static List<float[]> asRecorded;
    private static List<float[]> higher;

    @BeforeAll
    static void load() throws IOException {
        Recognizer loaded = Recognizer.load(Path.of("models", "default"), false);
        greedy = loaded.withDecoding(loaded.bundle().decoder().withMethod(DecoderConfig.GREEDY), null, null, Map.of());
        samples = Manifest.read(Path.of("audio-samples", "transcripts.tsv"));
        asRecorded = new ArrayList<>();
        higher = new ArrayList<>();
        for (Utterance u : samples) {
            float[] clip = AudioLoader.loadMono(u.audio(), RATE);
            asRecorded.add(clip);
            // resampled to fewer samples and played at the same rate: shorter, every frequency times SPEED
            higher.add(Resampling.resample(clip, RATE, (int) Math.round(RATE / SPEED)));
        }
    }

    private static double cer(Recognizer r, List<float[]> clips) {
        EvalReport report = new EvalReport();
        for (int i = 0; i < clips.size(); i++) {
            Utterance u = samples.get(i);
            report.add(u.audio().toString(), u.transcript(), r.transcribe(clips.get(i)).text());
        }
        return report.cer();
    }

    @Test
    void aWarpOfOneIsThePlainFilterbankAndOtherFactorsChangeTheFeatures() {
        float[] clip = asRecorded.get(0);
        assertSame(greedy, greedy.withWarp(1.0));
        assertEquals(1.0, greedy.warp());
        float[][] plain = greedy.features(clip);
        float[][] warped = greedy.withWarp(0.9).features(clip);
        assertEquals(plain.length, warped.length, "the same frames");
        assertTrue(plain.length > 0);
        boolean differs = false;
        for (int t = 0; t < plain.length && !differs; t++) {
            differs = !java.util.Arrays.equals(plain[t], warped[t]);
        }
        assertTrue(differs, "a warp of 0.9 must move energy between mel bands");
        assertArrayEquals(plain[plain.length / 2], greedy.withWarp(0.9).withWarp(1.0).features(clip)[plain.length / 2]);
    }

    @Test
    void theWarpSurvivesOtherDecodingSettingsAndBadFactorsAreRefused() {
        Recognizer warped = greedy.withWarp(1.1);
        assertNotSame(greedy, warped);
        Recognizer beam = warped.withDecoding(warped.bundle().decoder().withMethod(DecoderConfig.BEAM), null, null,
                Map.of());
        assertEquals(1.1, beam.warp());
        for (double bad : new double[] {0, -1, 0.5, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> greedy.withWarp(bad));
            assertTrue(e.getMessage().contains("between"), e.getMessage());
        }
    }

    @Test
    void aVoiceRaisedByAFifthIsWarpedDownAndReadBetter() {
        SpeakerWarp.Choice choice = SpeakerWarp.choose(greedy, higher);
        assertTrue(choice.warp() < 1.0, choice.describe());
        double plain = cer(greedy, higher);
        double warped = cer(greedy.withWarp(choice.warp()), higher);
        assertTrue(warped < plain, "CER at warp 1: " + plain + ", at " + choice.describe() + ": " + warped);
    }

    @Test
    void theSamplesAsRecordedKeepAWarpNearOne() {
        SpeakerWarp.Choice choice = SpeakerWarp.choose(greedy, asRecorded);
        assertEquals(SpeakerWarp.DEFAULT_FACTORS.size(), choice.scores().size());
        assertTrue(Math.abs(choice.warp() - 1) <= 0.05 + 1e-9, choice.describe());
        double total = asRecorded.stream().mapToDouble(c -> c.length).sum() / RATE;
        assertEquals(total, choice.audioSec(), 1e-6);
        for (SpeakerWarp.Score s : choice.scores()) {
            assertTrue(s.characters() > 50 && s.confidence() > 0 && s.confidence() <= 1, choice.describe());
        }
    }

    @Test
    void silenceKeepsTheFactorNearestOne() {
        SpeakerWarp.Choice choice = SpeakerWarp.choose(greedy, List.of(new float[RATE * 2]), List.of(0.9, 1.05, 1.2));
        assertEquals(1.05, choice.warp(), choice.describe());
        assertThrows(IllegalArgumentException.class, () -> SpeakerWarp.choose(greedy, asRecorded, List.of()));
    }

    @Test
    void longClipsAreScoredInPiecesAndFirstSecondsCutsAtTheLimit() {
        List<float[]> pieces = SpeakerWarp.pieces(List.of(new float[25], new float[0], new float[10]), 10);
        assertEquals(List.of(10, 10, 5, 10), pieces.stream().map(p -> p.length).toList());
        List<float[]> first = SpeakerWarp.firstSeconds(List.of(new float[RATE], new float[RATE * 3], new float[RATE]),
                2.5, RATE);
        assertEquals(List.of(RATE, RATE * 3 / 2), first.stream().map(p -> p.length).toList());
    }

    @Test
    void readFirstSecondsSkipsAnUnreadableFileAndStopsAtTheLimit(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("notes.wav");
        Files.writeString(bad, "not audio");
        List<Path> files = new ArrayList<>(List.of(bad));
        for (Utterance u : samples) {
            files.add(u.audio());
        }
        List<IOException> errors = new ArrayList<>();
        List<float[]> clips = SpeakerWarp.readFirstSeconds(files, 5.0, RATE, errors);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).getMessage().contains(bad.toString()), errors.get(0).getMessage());
        assertEquals(5.0 * RATE, clips.stream().mapToInt(c -> c.length).sum());
        assertArrayEquals(asRecorded.get(0), clips.get(0), "the first readable file, whole");
        assertEquals(2, clips.size(), "the 3.9 s first sample and the start of the second");
    }

    @Test
    void liveWarpChoosesOnceEnoughFinalsWereHeardAndDeliversOnce() throws InterruptedException {
        dev.verbatim.live.LiveWarp live = new dev.verbatim.live.LiveWarp(greedy, 5.0);
        live.offer(higher.get(0));
        assertEquals(higher.get(0).length / (double) RATE, live.heardSec(), 1e-9);
        assertEquals(null, live.poll(), "under 5 s heard: nothing started");
        assertEquals(null, live.await(1), "nothing under way");
        int offered = 1;
        while (live.heardSec() < 5.0) {
            live.offer(higher.get(offered++));
        }
        double heard = live.heardSec();
        live.offer(higher.get(offered)); // ignored: the choice has started
        assertEquals(heard, live.heardSec());
        SpeakerWarp.Choice choice = live.await(60);
        assertEquals(5.0, choice.audioSec(), 1e-9);
        assertEquals(SpeakerWarp.choose(greedy, SpeakerWarp.firstSeconds(higher.subList(0, offered), 5.0, RATE)),
                choice, "the same choice as from the first 5 s directly");
        assertEquals(null, live.poll());
        assertEquals(null, live.await(1));
        assertThrows(IllegalArgumentException.class, () -> new dev.verbatim.live.LiveWarp(greedy, 0));
    }
}
