package dev.verbatim.audio;

/** Measurements on test signals. */
final class Signals {

    private Signals() {
    }

    /**
     * Amplitude of the {@code hz} component of {@code x[from..to)}, by correlating with a complex
     * exponential (one DFT bin at an arbitrary frequency). Exact for a sine spanning whole periods.
     */
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

    static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    /** Frequency estimated from sign changes, counting only between the first and last one. */
    static double zeroCrossingHz(float[] x, int from, int to, int rateHz) {
        int first = -1;
        int last = -1;
        int count = 0;
        for (int i = from + 1; i < to; i++) {
            if ((x[i - 1] < 0) != (x[i] < 0)) {
                if (first < 0) {
                    first = i;
                }
                last = i;
                count++;
            }
        }
        return (count - 1) / 2.0 * rateHz / (last - first);
    }
}
