package dev.verbatim.train;

/**
 * A new learning-rate cycle for a run that resumes a long one: after step {@code from} the rate rises linearly from
 * zero to the peak over {@code warmupSteps}, then falls linearly to zero at step {@code to}, and stays there. The
 * inverse-square-root decay of {@link TrainConfig} never reaches zero, so a model trained with it keeps the noise of
 * its last learning rate; ending a run on a rate that falls to zero (a "cool-down", as in warm restarts and
 * warm-up / stable / decay schedules) removes it.
 *
 * @param from        the last step before the cycle (the step of the checkpoint it resumes)
 * @param warmupSteps steps of the linear rise to the peak (0: start at the peak)
 * @param to          the step at which the rate reaches zero; {@code to > from + warmupSteps}
 */
public record LearningRateCycle(long from, int warmupSteps, long to) {

    public LearningRateCycle {
        if (from < 0 || warmupSteps < 0) {
            throw new IllegalArgumentException("a learning-rate cycle needs from >= 0 and warm-up >= 0, got from "
                    + from + " and warm-up " + warmupSteps);
        }
        if (to <= from + warmupSteps) {
            throw new IllegalArgumentException("a learning-rate cycle must end after its warm-up: from " + from
                    + " + warm-up " + warmupSteps + " >= to " + to);
        }
    }

    /** Whether the cycle sets the rate of (1-based) {@code step}. */
    public boolean covers(long step) {
        return step > from;
    }

    /** The rate at (1-based) {@code step > from}, for a cycle of peak rate {@code peak}. */
    public double rateAt(long step, double peak) {
        long s = step - from;
        if (s <= warmupSteps) {
            return peak * s / Math.max(1, warmupSteps);
        }
        double left = (double) (to - step) / (to - from - warmupSteps);
        return peak * Math.max(0, left);
    }
}
