package dev.verbatim.augment;

import java.util.Random;

/** Test signals and measurements on them. */
final class TestSignals {

    private TestSignals() {
    }

    /** A sine of {@code hz} with the given peak amplitude, {@code n} samples at {@code rateHz}. */
    static float[] tone(double hz, int n, double amplitude, int rateHz) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rateHz));
        }
        return x;
    }

    /**
     * Something with speech's broad features at 16 kHz: a 120 Hz harmonic series with syllable-rate
     * (4 Hz) loudness changes and a little noise, peaking below 0.6.
     */
    static float[] speechLike(int n, long seed) {
        Random rng = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double t = i / 16000.0;
            double voiced = 0;
            for (int h = 1; h <= 10; h++) {
                voiced += Math.sin(2 * Math.PI * 120 * h * t + h) / h;
            }
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
            x[i] = (float) (0.15 * envelope * voiced + 0.01 * rng.nextGaussian());
        }
        return x;
    }

    static double meanSquare(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return sum / (to - from);
    }

    static double meanSquare(float[] x) {
        return meanSquare(x, 0, x.length);
    }

    static double rms(float[] x) {
        return Math.sqrt(meanSquare(x));
    }

    /**
     * Mean power spectral density over {@code [loHz, hiHz)}: Hann-windowed periodograms of
     * consecutive 512-sample segments, averaged, each bin computed by a direct DFT sum.
     */
    static double bandDensity(float[] x, double loHz, double hiHz, int rateHz) {
        int seg = 512;
        int loBin = (int) Math.ceil(loHz * seg / rateHz);
        int hiBin = (int) Math.ceil(hiHz * seg / rateHz);
        double[] window = new double[seg];
        for (int i = 0; i < seg; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / seg);
        }
        double[] cos = new double[seg];
        double[] sin = new double[seg];
        for (int i = 0; i < seg; i++) {
            cos[i] = Math.cos(2 * Math.PI * i / seg);
            sin[i] = Math.sin(2 * Math.PI * i / seg);
        }
        double total = 0;
        int count = 0;
        for (int start = 0; start + seg <= x.length; start += seg) {
            for (int k = loBin; k < hiBin; k++) {
                double re = 0;
                double im = 0;
                for (int i = 0; i < seg; i++) {
                    double v = x[start + i] * window[i];
                    int phase = (int) ((long) k * i % seg);
                    re += v * cos[phase];
                    im -= v * sin[phase];
                }
                total += re * re + im * im;
                count++;
            }
        }
        return total / count;
    }

    /** Frequency from the sign changes in {@code x[from..to)}, counted between the first and last. */
    static double zeroCrossingHz(float[] x, int from, int to, int rateHz) {
        int first = -1;
        int last = -1;
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if ((x[i - 1] < 0) != (x[i] < 0)) {
                if (first < 0) {
                    first = i;
                }
                last = i;
                crossings++;
            }
        }
        return (crossings - 1) / 2.0 * rateHz / (last - first);
    }

    /** Amplitude of the {@code hz} component of {@code x[from..to)} (one DFT bin at any frequency). */
    static double amplitudeAt(float[] x, int from, int to, double hz, int rateHz) {
        double re = 0;
        double im = 0;
        for (int i = from; i < to; i++) {
            double phase = 2 * Math.PI * hz * i / rateHz;
            re += x[i] * Math.cos(phase);
            im += x[i] * Math.sin(phase);
        }
        return 2 * Math.hypot(re, im) / (to - from);
    }
}
