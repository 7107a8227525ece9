/**
 * On-the-fly training data augmentation.
 *
 * <p>{@link dev.verbatim.augment.Augmenter#waveform} distorts 16 kHz waveforms (speed, synthetic
 * reverberation, coloured or babble noise at a chosen SNR, silence padding, gain) and
 * {@link dev.verbatim.augment.Augmenter#specAugment} masks bands and runs of normalised log-mel
 * frames, both drawing from the probabilities and ranges in
 * {@link dev.verbatim.augment.AugmentConfig} and from a caller's {@link java.util.Random}, so every
 * result is reproducible from its seed.
 */
package dev.verbatim.augment;
