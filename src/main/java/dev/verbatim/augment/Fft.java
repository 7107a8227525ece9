package dev.verbatim.augment;

/**
 * In-place iterative radix-2 complex FFT of one size in double precision, for
 * {@link Augmenter#convolve}. Holds only its read-only twiddle tables, so one instance can serve
 * many transforms. Not part of the public API.
 */
final class Fft {

    private final int size;
    /** {@code cos(2 pi k / size)} and {@code sin(2 pi k / size)} for {@code k < size / 2}. */
    private final double[] cos;
    private final double[] sin;

    /**
     * @param size transform length, a positive power of two
     */
    Fft(int size) {
        if (size <= 0 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("FFT size must be a positive power of two, got " + size);
        }
        this.size = size;
        int half = size / 2;
        cos = new double[half];
        sin = new double[half];
        for (int k = 0; k < half; k++) {
            double angle = 2 * Math.PI * k / size;
            cos[k] = Math.cos(angle);
            sin[k] = Math.sin(angle);
        }
    }

    /** {@code X[k] = sum_n x[n] e^(-2 pi i k n / N)}, in place. */
    void forward(double[] re, double[] im) {
        transform(re, im, -1);
    }

    /** {@code x[n] = sum_k X[k] e^(+2 pi i k n / N)}, in place, without the {@code 1/N} factor. */
    void inverse(double[] re, double[] im) {
        transform(re, im, 1);
    }

    private void transform(double[] re, double[] im, double sign) {
        if (re.length != size || im.length != size) {
            throw new IllegalArgumentException("expected two arrays of " + size + ", got " + re.length
                    + " and " + im.length);
        }
        bitReversePermute(re, im);
        for (int len = 2; len <= size; len <<= 1) {
            int span = len >> 1;
            int step = size / len;
            for (int start = 0; start < size; start += len) {
                for (int k = 0, t = 0; k < span; k++, t += step) {
                    int a = start + k;
                    int b = a + span;
                    double wr = cos[t];
                    double wi = sign * sin[t];
                    double br = re[b] * wr - im[b] * wi;
                    double bi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - br;
                    im[b] = im[a] - bi;
                    re[a] += br;
                    im[a] += bi;
                }
            }
        }
    }

    private void bitReversePermute(double[] re, double[] im) {
        for (int i = 1, j = 0; i < size; i++) {
            int bit = size >> 1;
            while ((j & bit) != 0) {
                j ^= bit;
                bit >>= 1;
            }
            j |= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
    }
}
