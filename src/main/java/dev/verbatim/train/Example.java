package dev.verbatim.train;

/**
 * One training or dev utterance.
 *
 * <p>An example either carries its normalised frames, or (training with on-the-fly augmentation) only its frame
 * count, with {@code frames == null}: its audio is then read from {@code id}, augmented and featurised anew each time
 * it is batched.
 *
 * @param id          where it came from (the audio path)
 * @param text        the normalised transcript
 * @param frames      normalised log-mel frames {@code [T][bins]}, or null for an example featurised per batch
 * @param labels      the transcript as vocabulary ids
 * @param seconds     audio duration
 * @param frameCount  number of feature frames of the unaugmented audio
 */
public record Example(String id, String text, float[][] frames, int[] labels, double seconds, int frameCount) {
    public Example(String id, String text, float[][] frames, int[] labels, double seconds) {
        this(id, text, frames, labels, seconds, frames.length);
    }

    public int numFrames() {
        return frameCount;
    }
}
