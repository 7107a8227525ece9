package dev.verbatim.audio;

import java.util.Arrays;
import java.util.Locale;

/**
 * Decoded audio: one float array per channel, samples in [-1, 1].
 *
 * <p>The arrays are shared, not copied, because a long recording is large; callers that keep an
 * {@code AudioData} should not change its arrays.
 *
 * @param channels     {@code channels[c][i]} is sample i of channel c; at least one channel, all of
 *                     the same length
 * @param sampleRateHz frames per second, positive
 */
public record AudioData(float[][] channels, int sampleRateHz) {

    /** @throws IllegalArgumentException if there is no channel, lengths differ, or the rate is not positive */
    public AudioData {
        if (channels == null || channels.length == 0) {
            throw new IllegalArgumentException("audio needs at least one channel");
        }
        for (float[] channel : channels) {
            if (channel == null || channel.length != channels[0].length) {
                throw new IllegalArgumentException("all channels must be non-null and of the same length");
            }
        }
        if (sampleRateHz <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRateHz);
        }
    }

    /** Number of channels, at least 1. */
    public int numChannels() {
        return channels.length;
    }

    /** Number of samples in each channel. */
    public int numFrames() {
        return channels[0].length;
    }

    /** Length in seconds. */
    public double durationSec() {
        return (double) numFrames() / sampleRateHz;
    }

    /** Equal when rate and every sample are equal (records would otherwise compare array identity). */
    @Override
    public boolean equals(Object other) {
        return other instanceof AudioData that
                && sampleRateHz == that.sampleRateHz
                && Arrays.deepEquals(channels, that.channels);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(channels) + sampleRateHz;
    }

    /** A summary, e.g. "AudioData[2 ch, 44100 Hz, 88200 frames, 2.000 s]", never the samples. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "AudioData[%d ch, %d Hz, %d frames, %.3f s]",
                numChannels(), sampleRateHz, numFrames(), durationSec());
    }
}
