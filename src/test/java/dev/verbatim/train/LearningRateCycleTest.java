package dev.verbatim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verbatim.augment.AugmentConfig;
import org.junit.jupiter.api.Test;

/** The learning-rate schedule of a run that resumes a long one with a new cycle. */
class LearningRateCycleTest {

    private static TrainConfig config(double peak, int warmup, LearningRateCycle cycle) {
        return new TrainConfig(8000, 48, 16, peak, warmup, 5, 100, 10, 0, 0, 0, 1, AugmentConfig.none(), cycle);
    }

    @Test
    void risesToThePeakThenFallsToZeroAndStaysThere() {
        TrainConfig c = config(1e-4, 200, new LearningRateCycle(1000, 100, 2100));
        // Up to the cycle's start: the inverse-square-root decay, as without a cycle.
        TrainConfig plain = config(1e-4, 200, null);
        for (long step : new long[] {1, 150, 200, 999, 1000}) {
            assertEquals(plain.learningRateAt(step), c.learningRateAt(step), 0, "step " + step);
        }
        assertEquals(1e-4 * Math.sqrt(200.0 / 1000), c.learningRateAt(1000), 1e-15);
        // Linear warm-up from zero.
        assertEquals(1e-6, c.learningRateAt(1001), 1e-15);
        assertEquals(0.5e-4, c.learningRateAt(1050), 1e-15);
        assertEquals(1e-4, c.learningRateAt(1100), 1e-15);
        // Linear decay to zero at step 2100, half way at 1600.
        assertEquals(0.5e-4, c.learningRateAt(1600), 1e-15);
        assertEquals(1e-4 / 1000, c.learningRateAt(2099), 1e-15);
        assertEquals(0, c.learningRateAt(2100));
        assertEquals(0, c.learningRateAt(5000));
        double before = Double.MAX_VALUE;
        for (long step = 1100; step <= 2100; step++) {
            double lr = c.learningRateAt(step);
            assertTrue(lr < before && lr >= 0, "falls monotonically: step " + step);
            before = lr;
        }
    }

    @Test
    void noWarmupStartsAtThePeak() {
        TrainConfig c = config(5e-5, 200, new LearningRateCycle(10, 0, 20));
        assertEquals(5e-5 * 9 / 10, c.learningRateAt(11), 1e-18);
        assertEquals(0, c.learningRateAt(20));
    }

    @Test
    void refusesACycleThatEndsBeforeItsWarmupDoes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LearningRateCycle(1000, 100, 1100));
        assertTrue(e.getMessage().contains("must end after its warm-up"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LearningRateCycle(-1, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateCycle(0, -5, 10));
    }
}
