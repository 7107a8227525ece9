package dev.verbatim.train;

import dev.verbatim.augment.AugmentConfig;

/**
 * Training settings.
 *
 * @param maxBatchFrames   padded input frames per batch (batch size x longest utterance): the memory and speed knob
 * @param maxBatchSize     utterances per batch at most
 * @param maxUtteranceSec  longer training utterances are skipped
 * @param learningRate     peak Adam learning rate
 * @param warmupSteps      linear warm-up steps; afterwards the rate decays as 1/sqrt(step)
 * @param clipNorm         global gradient-norm clipping threshold
 * @param evalEverySteps   dev evaluation and checkpoint interval
 * @param devLimit         at most this many utterances of each dev set are decoded during training
 * @param maxSteps         stop after this many steps in total (0 = no limit)
 * @param maxEpochs        stop after this many epochs in total (0 = no limit)
 * @param maxHours         stop after this many wall-clock hours in this run (0 = no limit)
 * @param seed             shuffling, initialisation and augmentation seed
 * @param augment          on-the-fly augmentation of the training audio ({@link AugmentConfig#none()} for none)
 * @param cycle            a new learning-rate cycle (peak {@code learningRate}) after a step, or null for none
 */
public record TrainConfig(int maxBatchFrames, int maxBatchSize, double maxUtteranceSec, double learningRate,
        int warmupSteps, double clipNorm, int evalEverySteps, int devLimit, long maxSteps, int maxEpochs,
        double maxHours, long seed, AugmentConfig augment, LearningRateCycle cycle) {

    /** Settings with no learning-rate cycle. */
    public TrainConfig(int maxBatchFrames, int maxBatchSize, double maxUtteranceSec, double learningRate,
            int warmupSteps, double clipNorm, int evalEverySteps, int devLimit, long maxSteps, int maxEpochs,
            double maxHours, long seed, AugmentConfig augment) {
        this(maxBatchFrames, maxBatchSize, maxUtteranceSec, learningRate, warmupSteps, clipNorm, evalEverySteps,
                devLimit, maxSteps, maxEpochs, maxHours, seed, augment, null);
    }

    public TrainConfig {
        if (maxBatchFrames < 100) {
            throw new IllegalArgumentException("maxBatchFrames must be at least 100, got " + maxBatchFrames);
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be positive");
        }
        if (warmupSteps < 0 || evalEverySteps < 1 || clipNorm <= 0) {
            throw new IllegalArgumentException("warmupSteps >= 0, evalEverySteps >= 1 and clipNorm > 0 are required");
        }
        if (augment == null) {
            augment = AugmentConfig.none();
        }
    }

    public static TrainConfig defaults() {
        return new TrainConfig(8000, 48, 16.0, 1.5e-3, 150, 5.0, 100, 200, 0, 0, 0, 1, AugmentConfig.none());
    }

    /**
     * The learning rate at (1-based) {@code step}: linear warm-up, then inverse-square-root decay; after the start of
     * the {@link #cycle}, if any, the cycle's rate.
     */
    public double learningRateAt(long step) {
        if (cycle != null && cycle.covers(step)) {
            return cycle.rateAt(step, learningRate);
        }
        if (warmupSteps == 0) {
            return learningRate;
        }
        double s = Math.max(1, step);
        return learningRate * Math.min(s / warmupSteps, Math.sqrt(warmupSteps / s));
    }
}
