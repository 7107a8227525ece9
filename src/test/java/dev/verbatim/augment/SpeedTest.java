package dev.verbatim.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpeedTest {

    private static final int RATE = 16000;

    @ParameterizedTest
    @CsvSource({
        // factor, input rate the samples are taken at (round(16000 * factor)), output length
        "1.1, 17600, 14545",
        "0.9090909090909091, 14545, 17601",
        "0.9, 14400, 17778",
        "1.05, 16800, 15238"})
    void scalesToneFrequencyAndDuration(double factor, int takenAtHz, int length) {
        float[] tone = TestSignals.tone(440, RATE, 0.5, RATE);
        float[] toneCopy = tone.clone();
        float[] out = Augmenter.speed(tone, factor);
        assertArrayEquals(toneCopy, tone);
        assertEquals(length, out.length);
        assertEquals(RATE / factor, out.length, 1.5);
        double expectedHz = 440.0 * takenAtHz / RATE;
        assertEquals(440 * factor, expectedHz, 0.05);
        // Away from the filter's start-up and run-out at the ends.
        int from = out.length / 4;
        int to = 3 * out.length / 4;
        assertEquals(expectedHz, TestSignals.zeroCrossingHz(out, from, to, RATE), expectedHz * 0.002);
        assertEquals(0.5, TestSignals.amplitudeAt(out, from, to, expectedHz, RATE), 0.01);
    }

    @Test
    void elevenTenthsSpeedTurns440HzInto484Hz() {
        float[] out = Augmenter.speed(TestSignals.tone(440, 2 * RATE, 0.5, RATE), 1.1);
        assertEquals(Math.round(2 * RATE / 1.1), out.length);
        assertEquals(484, TestSignals.zeroCrossingHz(out, 4000, out.length - 4000, RATE), 0.5);
    }

    @Test
    void unitSpeedIsACopy() {
        float[] x = TestSignals.speechLike(1000, 1);
        float[] out = Augmenter.speed(x, 1.0);
        assertArrayEquals(x, out);
        assertNotSame(x, out);
        assertEquals(0, Augmenter.speed(new float[0], 1.1).length);
    }

    @Test
    void rejectsFactorsOutsideTheConfigurableRange() {
        float[] x = new float[100];
        for (double factor : new double[] {0, -1, 0.49, 2.01, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> Augmenter.speed(x, factor), "factor " + factor);
        }
    }
}
