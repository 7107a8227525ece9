package dev.verbatim.audio;

import static dev.verbatim.audio.Fixtures.encode;
import static dev.verbatim.audio.Fixtures.sine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioLoaderTest {

    @TempDir
    Path dir;

    @Test
    void toMonoAveragesTheChannels() {
        float[] left = {1f, 0.5f, -1f, 0f};
        float[] right = {1f, -0.5f, 0f, 0.25f};
        float[] mono = AudioLoader.toMono(new AudioData(new float[][] {left, right}, 8000));
        assertArrayEquals(new float[] {1f, 0f, -0.5f, 0.125f}, mono);
        float[] third = {0.3f, 0.3f, 0.3f, 0.3f};
        float[] mono3 = AudioLoader.toMono(new AudioData(new float[][] {left, right, third}, 8000));
        assertArrayEquals(new float[] {2.3f / 3, 0.3f / 3, -0.7f / 3, 0.55f / 3}, mono3, 1e-6f);
    }

    @Test
    void toMonoOfMonoIsACopy() {
        float[] only = {0.1f, 0.2f};
        float[] mono = AudioLoader.toMono(new AudioData(new float[][] {only}, 8000));
        assertArrayEquals(only, mono);
        assertNotSame(only, mono);
    }

    @Test
    void loadsStereo48kHzAsMono16kHz() throws AudioFileException {
        // Left and right hold the same 1 kHz tone at different levels: the mono mix is their mean.
        int rate = 48000;
        double[] left = sine(1000, rate, rate, 0.9, 0);
        double[] right = sine(1000, rate, rate, 0.3, 0);
        byte[] data = encode(new double[][] {left, right}, SampleEncoding.PCM_SIGNED, 2, false);
        Path file = Fixtures.write(dir, "stereo48k.wav", Fixtures.wav(1, 2, rate, 16, data));

        float[] mono = AudioLoader.loadMono(file);
        assertEquals(16000, mono.length);
        assertEquals(0.6, Signals.amplitudeAt(mono, 4000, 12000, 1000, 16000), 0.005);
        assertEquals(1000, Signals.zeroCrossingHz(mono, 4000, 12000, 16000), 2);
    }

    @Test
    void loadsAFileAlreadyAtTheTargetRateUnchanged() throws AudioFileException {
        double[] x = sine(440, 16000, 1600, 0.5, 0);
        Path file = Fixtures.write(dir, "16k.wav", Fixtures.wav16(x, 16000));
        float[] mono = AudioLoader.loadMono(file, AudioLoader.MODEL_SAMPLE_RATE_HZ);
        assertArrayEquals(WavReader.read(file).channels()[0], mono);
    }

    @Test
    void resamplesToAnyTarget() throws AudioFileException {
        double[] x = sine(440, 22050, 22050, 0.5, 0);
        Path file = Fixtures.write(dir, "22k.wav", Fixtures.wav16(x, 22050));
        assertEquals(8000, AudioLoader.loadMono(file, 8000).length);
        assertThrows(IllegalArgumentException.class, () -> AudioLoader.loadMono(file, 0));
    }

    @Test
    void passesReadErrorsOn() {
        Path missing = dir.resolve("missing.wav");
        AudioFileException e = assertThrows(AudioFileException.class, () -> AudioLoader.loadMono(missing));
        assertEquals(missing, e.file());
    }

    @Test
    void audioDataDescribesItself() {
        AudioData audio = new AudioData(new float[][] {new float[44100], new float[44100]}, 44100);
        assertEquals(2, audio.numChannels());
        assertEquals(44100, audio.numFrames());
        assertEquals(1.0, audio.durationSec());
        assertEquals("AudioData[2 ch, 44100 Hz, 44100 frames, 1.000 s]", audio.toString());
        assertEquals(audio, new AudioData(new float[][] {new float[44100], new float[44100]}, 44100));
        assertThrows(IllegalArgumentException.class, () -> new AudioData(new float[0][], 8000));
        assertThrows(IllegalArgumentException.class, () -> new AudioData(new float[][] {new float[2], new float[3]}, 8000));
        assertThrows(IllegalArgumentException.class, () -> new AudioData(new float[][] {new float[2]}, 0));
    }
}
