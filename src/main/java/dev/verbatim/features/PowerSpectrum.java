package dev.verbatim.features;

import be.tarsos.dsp.util.fft.FFT;

/**
 * {@code |X_k|^2} of a real frame via TarsosDSP's FFT. Holds no per-call state besides the FFT's
 * read-only tables, but callers own their buffers. Not part of the public API.
 */
final class PowerSpectrum {

    private final FFT fft;
    private final int fftSize;

    PowerSpectrum(int fftSize) {
        // No window here: the caller windows the frame before zero-padding it to fftSize, and
        // TarsosDSP would otherwise apply a window across the whole padded buffer.
        this.fft = new FFT(fftSize);
        this.fftSize = fftSize;
    }

    /**
     * Transforms {@code buffer} in place (destroying it) and writes its power spectrum.
     *
     * @param buffer exactly {@code fftSize} real samples (TarsosDSP indexes out of bounds otherwise)
     * @param out    receives {@code fftSize / 2 + 1} values, DC to Nyquist
     */
    void compute(float[] buffer, float[] out) {
        if (buffer.length != fftSize || out.length != fftSize / 2 + 1) {
            throw new IllegalArgumentException("expected buffers of " + fftSize + " and " + (fftSize / 2 + 1)
                    + ", got " + buffer.length + " and " + out.length);
        }
        fft.forwardTransform(buffer);
        // Packed real-FFT layout: [Re0, Re(n/2), Re1, Im1, Re2, Im2, ...]; DC and Nyquist are real.
        int half = fftSize / 2;
        out[0] = buffer[0] * buffer[0];
        out[half] = buffer[1] * buffer[1];
        for (int k = 1; k < half; k++) {
            float re = buffer[2 * k];
            float im = buffer[2 * k + 1];
            out[k] = re * re + im * im;
        }
    }
}
