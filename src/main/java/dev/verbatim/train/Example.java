package dev.verbatim.train;

/**
 * One training or dev utterance, ready for the network.
 *
 * @param id       where it came from (the audio path)
 * @param text     the normalised transcript
 * @param frames   normalised log-mel frames {@code [T][bins]}
 * @param labels   the transcript as vocabulary ids
 * @param seconds  audio duration
 */
public record Example(String id, String text, float[][] frames, int[] labels, double seconds) {
    public int numFrames() {
        return frames.length;
    }
}
