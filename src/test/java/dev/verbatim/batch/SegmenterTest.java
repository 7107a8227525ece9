package dev.verbatim.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmenterTest {
    private static final int RATE = 16000;

    /** Noisy "speech" bursts of the given lengths separated by quiet gaps; returns the samples. */
    private static float[] bursts(double[] burstSec, double gapSec, List<double[]> gaps, Random rng) {
        int n = 0;
        for (double b : burstSec) {
            n += (int) (b * RATE) + (int) (gapSec * RATE);
        }
        float[] x = new float[n];
        int pos = 0;
        for (double b : burstSec) {
            int len = (int) (b * RATE);
            for (int i = 0; i < len; i++) {
                x[pos + i] = (float) (0.3 * Math.sin(2 * Math.PI * 200 * i / RATE) * (0.5 + 0.5 * rng.nextDouble()));
            }
            pos += len;
            int g = (int) (gapSec * RATE);
            gaps.add(new double[] {pos / (double) RATE, (pos + g) / (double) RATE});
            for (int i = 0; i < g; i++) {
                x[pos + i] = (float) (1e-4 * rng.nextGaussian()); // quiet room noise
            }
            pos += g;
        }
        return x;
    }

    @Test
    void shortAudioIsOneSegment() {
        Segmenter s = new Segmenter(Segmenter.Config.defaults(), RATE);
        float[] x = new float[RATE * 20];
        assertEquals(List.of(new Segmenter.Span(0, x.length)), s.split(x));
        assertEquals(List.of(new Segmenter.Span(0, 0)), s.split(new float[0]));
    }

    @Test
    void longAudioIsCutInsidePausesIntoContiguousBoundedSegments() {
        Random rng = new Random(3);
        double[] lengths = new double[30];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = 2 + 4 * rng.nextDouble();
        }
        List<double[]> gaps = new ArrayList<>();
        float[] x = bursts(lengths, 0.6, gaps, rng);
        Segmenter.Config config = Segmenter.Config.defaults();
        List<Segmenter.Span> spans = new Segmenter(config, RATE).split(x);
        assertTrue(spans.size() >= x.length / (config.maxSegmentSec() * RATE), "enough segments: " + spans.size());
        assertEquals(0, spans.get(0).start());
        assertEquals(x.length, spans.get(spans.size() - 1).end());
        for (int i = 0; i < spans.size(); i++) {
            Segmenter.Span s = spans.get(i);
            assertTrue(s.length() <= config.maxSegmentSec() * RATE, "segment " + i + " too long: " + s);
            if (i + 1 < spans.size()) {
                assertEquals(s.end(), spans.get(i + 1).start(), "contiguous");
                assertTrue(s.length() >= config.minSegmentSec() * RATE - 160, "segment " + i + " too short: " + s);
                double cut = s.end() / (double) RATE;
                assertTrue(gaps.stream().anyMatch(g -> cut >= g[0] && cut <= g[1]),
                        "cut at " + cut + " s is not inside a pause");
            }
        }
    }

    @Test
    void audioWithoutPausesIsStillCutAtTheLongestSegment() {
        Random rng = new Random(5);
        float[] x = new float[RATE * 70];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.2 * rng.nextGaussian());
        }
        List<Segmenter.Span> spans = new Segmenter(Segmenter.Config.defaults(), RATE).split(x);
        assertTrue(spans.size() >= 3);
        for (Segmenter.Span s : spans) {
            assertTrue(s.length() <= 25 * RATE && s.length() > 0);
        }
        assertEquals(x.length, spans.get(spans.size() - 1).end());
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Segmenter.Config(10, 6, 8, 10));
        assertThrows(IllegalArgumentException.class, () -> new Segmenter.Config(25, 0, 8, 10));
        assertThrows(IllegalArgumentException.class, () -> new Segmenter.Config(25, 8, 8, 100));
    }
}
