package dev.verbatim.audio;

import java.nio.file.Path;

/** Loads an audio file as the recognizer wants it: one channel at one sample rate. */
public final class AudioLoader {

    /** The sample rate the acoustic model was trained at. */
    public static final int MODEL_SAMPLE_RATE_HZ = 16000;

    private AudioLoader() {
    }

    /**
     * Reads a file, averages its channels and converts it to {@link #MODEL_SAMPLE_RATE_HZ}.
     *
     * @see #loadMono(Path, int)
     */
    public static float[] loadMono(Path file) throws AudioFileException {
        return loadMono(file, MODEL_SAMPLE_RATE_HZ);
    }

    /**
     * Reads a file, averages its channels and converts it to {@code targetRateHz}.
     *
     * @param file         a WAV or AIFF file (see {@link WavReader})
     * @param targetRateHz the wanted sample rate, positive
     * @return mono samples in [-1, 1] at {@code targetRateHz}
     * @throws AudioFileException if the file cannot be read
     */
    public static float[] loadMono(Path file, int targetRateHz) throws AudioFileException {
        if (targetRateHz <= 0) {
            throw new IllegalArgumentException("target rate must be positive, got " + targetRateHz);
        }
        AudioData audio = WavReader.read(file);
        // The decoded arrays are ours alone here, so a mono file at the right rate needs no copy.
        float[] mono = audio.numChannels() == 1 ? audio.channels()[0] : toMono(audio);
        return Resampling.resampleOrShare(mono, audio.sampleRateHz(), targetRateHz);
    }

    /**
     * Averages the channels into one: {@code (c0[i] + c1[i] + ...) / numChannels}. Averaging, not
     * summing, keeps the result in [-1, 1]. Always returns a new array, even for mono input.
     */
    public static float[] toMono(AudioData audio) {
        float[][] channels = audio.channels();
        if (channels.length == 1) {
            return channels[0].clone();
        }
        float[] mono = new float[audio.numFrames()];
        for (float[] channel : channels) {
            for (int i = 0; i < mono.length; i++) {
                mono[i] += channel[i];
            }
        }
        float scale = 1f / channels.length;
        for (int i = 0; i < mono.length; i++) {
            mono[i] *= scale;
        }
        return mono;
    }
}
