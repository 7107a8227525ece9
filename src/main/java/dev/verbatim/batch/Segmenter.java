package dev.verbatim.batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits long recordings at pauses so that each piece fits the network comfortably and memory stays bounded.
 *
 * <p>Audio up to {@code maxSegmentSec} long is one segment, so short files are transcribed exactly as a whole. Longer
 * audio is cut between {@code minSegmentSec} and {@code maxSegmentSec} after the previous cut, in the middle of the
 * longest run of quiet 10 ms frames in that window: quiet means at most {@code quietAboveFloorDb} above the noise
 * floor, the {@code floorPercentile}-th percentile of the recording's frame energies. With no quiet frame in the
 * window (continuous speech or loud noise), the cut goes to the frame of least smoothed energy. Segments are
 * contiguous and cover the whole recording, so times stay absolute.
 */
public final class Segmenter {
    /**
     * Segmentation settings.
     *
     * @param maxSegmentSec     longest segment; audio up to this length is never split
     * @param minSegmentSec     shortest segment a cut may leave behind it
     * @param quietAboveFloorDb frames at most this far above the noise floor count as a pause
     * @param floorPercentile   percentile of frame energies taken as the noise floor
     */
    public record Config(double maxSegmentSec, double minSegmentSec, double quietAboveFloorDb,
            double floorPercentile) {
        public Config {
            if (!(minSegmentSec > 0) || !(maxSegmentSec >= 2 * minSegmentSec)) {
                throw new IllegalArgumentException("need 0 < minSegmentSec and maxSegmentSec >= 2 x minSegmentSec, got "
                        + minSegmentSec + " and " + maxSegmentSec);
            }
            if (!(floorPercentile >= 0 && floorPercentile < 100) || !(quietAboveFloorDb > 0)) {
                throw new IllegalArgumentException("floorPercentile must be in [0, 100) and quietAboveFloorDb > 0");
            }
        }

        public static Config defaults() {
            return new Config(25.0, 8.0, 8.0, 10.0);
        }
    }

    /** A half-open range of samples {@code [start, end)}. */
    public record Span(int start, int end) {
        public int length() {
            return end - start;
        }
    }

    private static final double FRAME_SEC = 0.010;
    private static final int SMOOTH_FRAMES = 15;

    private final Config config;
    private final int sampleRate;

    public Segmenter(Config config, int sampleRate) {
        this.config = config;
        this.sampleRate = sampleRate;
    }

    public Config config() {
        return config;
    }

    /** Contiguous spans covering {@code samples}; one span when the audio is short enough. */
    public List<Span> split(float[] samples) {
        if (samples.length <= (int) Math.round(config.maxSegmentSec() * sampleRate)) {
            return List.of(new Span(0, samples.length));
        }
        return split(frameEnergiesDb(samples, hopSamples()), samples.length);
    }

    /** Samples per energy frame (10 ms) at this segmenter's rate. */
    public int hopSamples() {
        return (int) Math.round(FRAME_SEC * sampleRate);
    }

    /**
     * Contiguous spans covering {@code n} samples whose {@link #hopSamples()}-sample frames have the energies
     * {@code energy} (dB, see {@link #frameEnergiesDb}): for audio read piece by piece, never held whole.
     */
    public List<Span> split(double[] energy, int n) {
        int maxLen = (int) Math.round(config.maxSegmentSec() * sampleRate);
        if (n <= maxLen) {
            return List.of(new Span(0, n));
        }
        int hop = hopSamples();
        double threshold = percentile(energy, config.floorPercentile()) + config.quietAboveFloorDb();
        double[] smooth = smoothed(energy, SMOOTH_FRAMES);
        int minFrames = (int) Math.round(config.minSegmentSec() / FRAME_SEC);
        int maxFrames = (int) Math.round(config.maxSegmentSec() / FRAME_SEC);
        List<Span> spans = new ArrayList<>();
        int startFrame = 0;
        int start = 0;
        while (n - start > maxLen) {
            int lo = startFrame + minFrames;
            int hi = Math.min(energy.length - 1, startFrame + maxFrames - 1);
            int cutFrame = longestQuietRunMiddle(energy, lo, hi, threshold);
            if (cutFrame < 0) {
                cutFrame = argMin(smooth, lo, hi);
            }
            int cut = Math.min(n, cutFrame * hop);
            spans.add(new Span(start, cut));
            start = cut;
            startFrame = cutFrame;
        }
        spans.add(new Span(start, n));
        return spans;
    }

    /** Mean power of each {@code hop}-sample frame in dB (the last, partial frame included). */
    public static double[] frameEnergiesDb(float[] samples, int hop) {
        int frames = (samples.length + hop - 1) / hop;
        double[] out = new double[frames];
        for (int f = 0; f < frames; f++) {
            int from = f * hop;
            int to = Math.min(samples.length, from + hop);
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += samples[i] * (double) samples[i];
            }
            out[f] = 10 * Math.log10(sum / (to - from) + 1e-10);
        }
        return out;
    }

    private static int longestQuietRunMiddle(double[] energy, int lo, int hi, double threshold) {
        int bestLen = 0;
        int bestMid = -1;
        int runStart = -1;
        for (int f = lo; f <= hi + 1; f++) {
            boolean quiet = f <= hi && energy[f] <= threshold;
            if (quiet && runStart < 0) {
                runStart = f;
            } else if (!quiet && runStart >= 0) {
                int len = f - runStart;
                if (len > bestLen) {
                    bestLen = len;
                    bestMid = runStart + len / 2;
                }
                runStart = -1;
            }
        }
        return bestMid;
    }

    private static double[] smoothed(double[] x, int width) {
        double[] out = new double[x.length];
        double sum = 0;
        int half = width / 2;
        // centred moving average with shrinking windows at the edges
        int from = 0;
        int to = -1;
        for (int i = 0; i < x.length; i++) {
            int wantTo = Math.min(x.length - 1, i + half);
            int wantFrom = Math.max(0, i - half);
            while (to < wantTo) {
                sum += x[++to];
            }
            while (from < wantFrom) {
                sum -= x[from++];
            }
            out[i] = sum / (to - from + 1);
        }
        return out;
    }

    private static int argMin(double[] x, int lo, int hi) {
        int best = lo;
        for (int i = lo + 1; i <= hi; i++) {
            if (x[i] < x[best]) {
                best = i;
            }
        }
        return best;
    }

    static double percentile(double[] x, double p) {
        double[] s = x.clone();
        Arrays.sort(s);
        int i = (int) Math.floor(p / 100 * (s.length - 1));
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }
}
