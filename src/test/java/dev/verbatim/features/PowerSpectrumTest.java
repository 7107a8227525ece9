package dev.verbatim.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pins down TarsosDSP's packed output layout against a direct DFT. */
class PowerSpectrumTest {

    @Test
    void matchesNaiveDft() {
        int n = 64;
        Random random = new Random(7);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextFloat() * 2 - 1;
        }
        float[] power = new float[n / 2 + 1];
        new PowerSpectrum(n).compute(x.clone(), power);
        for (int k = 0; k <= n / 2; k++) {
            double re = 0;
            double im = 0;
            for (int i = 0; i < n; i++) {
                re += x[i] * Math.cos(2 * Math.PI * k * i / n);
                im -= x[i] * Math.sin(2 * Math.PI * k * i / n);
            }
            double expected = re * re + im * im;
            assertEquals(expected, power[k], 1e-4 * Math.max(1, expected), "bin " + k);
        }
    }
}
