package dev.verbatim.audio;

import static dev.verbatim.audio.Fixtures.sine;
import static dev.verbatim.audio.Fixtures.toFloat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplingTest {

    /** Resamples one second of a sine and checks the tone's frequency and amplitude in the middle. */
    private static void assertKeepsTone(double hz, int fromHz, int toHz) {
        float[] in = toFloat(sine(hz, fromHz, fromHz, 1.0, 0));
        float[] out = Resampling.resample(in, fromHz, toHz);
        assertEquals(toHz, out.length);
        // Skip the filter's start-up and run-out at both ends; measure a whole number of periods.
        int from = toHz / 4;
        int to = from + toHz / 2;
        assertEquals(1.0, Signals.amplitudeAt(out, from, to, hz, toHz), 0.01, "amplitude");
        assertEquals(hz, Signals.zeroCrossingHz(out, from, to, toHz), hz * 0.002, "frequency");
        for (int i = from; i < to; i++) {
            assertEquals(Math.sin(2 * Math.PI * hz * i / toHz), out[i], 0.005, "sample " + i);
        }
    }

    @Test
    void keepsA1kHzToneFrom44100To16000() {
        assertKeepsTone(1000, 44100, 16000);
    }

    @Test
    void keepsTonesFromOtherCommonRates() {
        assertKeepsTone(1000, 48000, 16000);
        assertKeepsTone(440, 22050, 16000);
        assertKeepsTone(3000, 32000, 16000);
        assertKeepsTone(1000, 8000, 16000);
        assertKeepsTone(300, 11025, 16000);
    }

    @Test
    void removesA12kHzToneGoingFrom48000To16000() {
        float[] in = toFloat(sine(12000, 48000, 48000, 1.0, 0));
        float[] out = Resampling.resample(in, 48000, 16000);
        assertEquals(16000, out.length);
        double inRms = Math.sqrt(0.5);
        double attenuationDb = 20 * Math.log10(Signals.rms(out, 4000, 12000) / inRms);
        assertTrue(attenuationDb < -40, "attenuation " + attenuationDb + " dB");
        // The alias would appear at 16 - 12 = 4 kHz.
        assertTrue(Signals.amplitudeAt(out, 4000, 12000, 4000, 16000) < 0.01);
    }

    @Test
    void removesEverythingJustAboveTheNewNyquistFrequency() {
        for (int hz : new int[] {8800, 10000, 15000, 20000}) {
            float[] out = Resampling.resample(toFloat(sine(hz, 44100, 44100, 1.0, 0)), 44100, 16000);
            double db = 20 * Math.log10(Signals.rms(out, 4000, 12000) / Math.sqrt(0.5));
            assertTrue(db < -40, hz + " Hz: " + db + " dB");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "0, 44100, 16000", "1, 44100, 16000", "2, 44100, 16000", "3, 48000, 16000", "7, 8000, 16000",
        "100, 22050, 16000", "441, 44100, 16000", "12345, 44100, 16000", "12345, 16000, 44100",
        "99999, 48000, 16000", "5, 16000, 8000", "80000, 96000, 16000", "1000, 11025, 16000"})
    void outputLengthIsTheRoundedRatio(int n, int fromHz, int toHz) {
        float[] in = toFloat(sine(300, fromHz, n, 0.5, 0));
        float[] out = Resampling.resample(in, fromHz, toHz);
        assertEquals(Math.round((double) n * toHz / fromHz), out.length);
    }

    @Test
    void equalRatesGiveACopy() {
        float[] in = {0.1f, -0.2f, 0.3f};
        float[] out = Resampling.resample(in, 16000, 16000);
        assertArrayEquals(in, out);
        assertNotSame(in, out);
    }

    @Test
    void leavesTheInputAlone() {
        float[] in = toFloat(sine(440, 44100, 10000, 0.5, 0));
        float[] before = in.clone();
        Resampling.resample(in, 44100, 16000);
        assertArrayEquals(before, in);
    }

    @Test
    void rejectsNonPositiveRates() {
        assertThrows(IllegalArgumentException.class, () -> Resampling.resample(new float[10], 0, 16000));
        assertThrows(IllegalArgumentException.class, () -> Resampling.resample(new float[10], 16000, -1));
    }
}
