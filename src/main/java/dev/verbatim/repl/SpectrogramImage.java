package dev.verbatim.repl;

import dev.verbatim.features.FeatureConfig;
import dev.verbatim.text.Vocabulary;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;

/**
 * A picture of what the network hears and says: the log-mel frames as a heat map (time left to right, low mel bins
 * at the bottom), the characters the greedy decoder emits drawn under the frames they were emitted at, a time axis
 * and the decoded text.
 */
final class SpectrogramImage {
    static final int LEFT = 70;
    static final int RIGHT = 20;
    static final int TOP = 36;
    static final int CHAR_ROW = 26;
    static final int AXIS = 34;
    static final int TEXT_ROW = 26;
    static final int MAX_PLOT_WIDTH = 8000;
    static final int MIN_PLOT_WIDTH = 500;

    private SpectrogramImage() {
    }

    /**
     * @param frames   log-mel frames {@code [T][bins]} (normalised or not: colours span the 1st to 99th percentile)
     * @param logProbs the network's output {@code [T'][vocabulary]} for those frames
     * @param stride   feature frames per output frame
     * @param title    the line above the picture
     * @param text     the decoded text, printed under the time axis
     */
    static BufferedImage render(float[][] frames, float[][] logProbs, Vocabulary vocabulary, FeatureConfig features,
            int stride, String title, String text) {
        int t = Math.max(1, frames.length);
        int bins = features.numMelBins();
        double pxPerFrame = Math.min(8.0, Math.max((double) MIN_PLOT_WIDTH / t, Math.min(2.0,
                (double) MAX_PLOT_WIDTH / t)));
        int plotW = Math.max(1, (int) Math.round(t * pxPerFrame));
        int binPx = Math.max(1, Math.min(4, 240 / bins));
        int plotH = bins * binPx;
        int width = LEFT + plotW + RIGHT;
        int height = TOP + plotH + CHAR_ROW + AXIS + TEXT_ROW;
        BufferedImage img = Pictures.canvas(width, height);

        // Heat map.
        double[] range = percentiles(frames, 0.01, 0.99);
        double span = Math.max(1e-6, range[1] - range[0]);
        for (int x = 0; x < plotW; x++) {
            int f = Math.min(frames.length - 1, (int) (x / pxPerFrame));
            if (f < 0) {
                break;
            }
            for (int b = 0; b < bins; b++) {
                int rgb = Pictures.heat((frames[f][b] - range[0]) / span);
                int yTop = TOP + (bins - 1 - b) * binPx;
                for (int dy = 0; dy < binPx; dy++) {
                    img.setRGB(LEFT + x, yTop + dy, rgb);
                }
            }
        }

        Graphics2D g = Pictures.graphics(img);
        g.setFont(Pictures.TITLE_FONT);
        g.drawString(Pictures.fit(g, title, width - LEFT), LEFT, TOP - 12);
        g.setFont(Pictures.FONT);
        g.setColor(Pictures.INK);
        g.drawRect(LEFT - 1, TOP - 1, plotW + 1, plotH + 1);

        // Frequency axis: the centre frequencies of a few mel bins.
        int labels = Math.min(5, bins);
        for (int i = 0; i < labels; i++) {
            int b = labels == 1 ? 0 : (int) Math.round(i * (bins - 1) / (double) (labels - 1));
            int y = TOP + (bins - 1 - b) * binPx + binPx / 2;
            g.drawLine(LEFT - 5, y, LEFT - 1, y);
            Pictures.rightAligned(g, hz(centreHz(features, b)), LEFT - 8, y + 4);
        }

        // Emitted characters, under the frames they were emitted at.
        int charY = TOP + plotH + 2;
        int previous = -1;
        g.setFont(Pictures.MONO);
        for (int o = 0; o < logProbs.length; o++) {
            int best = argmax(logProbs[o]);
            boolean emitted = best != vocabulary.blankId() && best != previous;
            previous = best;
            if (!emitted) {
                continue;
            }
            double x = LEFT + (o + 0.5) * stride * pxPerFrame;
            if (x > LEFT + plotW) {
                break;
            }
            char c = vocabulary.symbol(best);
            g.setColor(new Color(0x888888));
            g.drawLine((int) Math.round(x), charY, (int) Math.round(x), charY + 4);
            g.setColor(Pictures.INK);
            if (c == ' ') {
                g.fillOval((int) Math.round(x) - 2, charY + 11, 4, 4);
            } else {
                Pictures.centred(g, String.valueOf(c), x, charY + 18);
            }
        }
        g.setFont(Pictures.FONT);

        // Time axis.
        double hopSec = features.hopMs() / 1000.0;
        double seconds = frames.length * hopSec;
        double step = Pictures.tickStep(seconds, Math.max(1, plotW / 70));
        int axisY = TOP + plotH + CHAR_ROW;
        g.setColor(Pictures.INK);
        g.setStroke(new BasicStroke(1f));
        g.drawLine(LEFT, axisY, LEFT + plotW, axisY);
        for (double s = 0; s <= seconds + 1e-9; s += step) {
            int x = LEFT + (int) Math.round(s / hopSec * pxPerFrame);
            g.drawLine(x, axisY, x, axisY + 5);
            Pictures.centred(g, Pictures.tickLabel(s, step), x, axisY + 18);
        }
        g.drawString("s", LEFT + plotW + 6, axisY + 18);

        g.drawString(Pictures.fit(g, "text: " + (text.isEmpty() ? "(nothing recognised)" : text), width - LEFT - 10),
                LEFT, axisY + AXIS + 8);
        g.dispose();
        return img;
    }

    /** Centre frequency of mel filter {@code bin} (HTK mel scale, filters spaced evenly in mel). */
    static double centreHz(FeatureConfig f, int bin) {
        double lo = mel(f.lowFreqHz());
        double hi = mel(f.highFreqHz());
        double m = lo + (bin + 1) * (hi - lo) / (f.numMelBins() + 1);
        return 700 * (Math.pow(10, m / 2595) - 1);
    }

    private static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    private static String hz(double hz) {
        return hz >= 1000 ? String.format(Locale.ROOT, "%.1f kHz", hz / 1000)
                : String.format(Locale.ROOT, "%.0f Hz", hz);
    }

    /** The {@code lo} and {@code hi} quantiles of all values (a sample of them for long recordings). */
    static double[] percentiles(float[][] frames, double lo, double hi) {
        int total = 0;
        for (float[] f : frames) {
            total += f.length;
        }
        if (total == 0) {
            return new double[] {0, 1};
        }
        int every = Math.max(1, total / 200_000);
        float[] sample = new float[(total + every - 1) / every];
        int n = 0;
        int i = 0;
        for (float[] f : frames) {
            for (float v : f) {
                if (i++ % every == 0 && n < sample.length) {
                    sample[n++] = v;
                }
            }
        }
        float[] s = Arrays.copyOf(sample, n);
        Arrays.sort(s);
        return new double[] {s[(int) Math.floor(lo * (n - 1))], s[(int) Math.ceil(hi * (n - 1))]};
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
