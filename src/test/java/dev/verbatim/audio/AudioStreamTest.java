package dev.verbatim.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioStreamTest {
    @Test
    void readsAnyRangeDownmixedLikeTheWholeFileReader(@TempDir Path dir) throws Exception {
        int frames = 3 * (1 << 18) + 7; // several read blocks, not a multiple of any
        double[][] channels = new double[3][frames];
        for (int i = 0; i < frames; i++) {
            channels[0][i] = 0.5 * Math.sin(i * 0.01);
            channels[1][i] = 0.3 * Math.cos(i * 0.003);
            channels[2][i] = ((i * 7919) % 1000) / 2000.0 - 0.25;
        }
        byte[] data = Fixtures.encode(channels, SampleEncoding.PCM_SIGNED, 3, false);
        Path file = Fixtures.write(dir, "three.wav", Fixtures.wav(1, 3, 22050, 24, data));
        float[] whole = AudioLoader.toMono(WavReader.read(file));
        try (AudioStream in = AudioStream.open(file)) {
            assertEquals(frames, in.numFrames());
            assertEquals(22050, in.sampleRateHz());
            assertEquals(3, in.numChannels());
            assertArrayEquals(whole, in.readMono(0, frames));
            for (long[] r : new long[][] {{0, 1}, {12345, 300000}, {frames - 10, 10}, {frames, 0}}) {
                assertArrayEquals(Arrays.copyOfRange(whole, (int) r[0], (int) (r[0] + r[1])),
                        in.readMono(r[0], (int) r[1]), "range " + r[0] + "+" + r[1]);
            }
            assertThrows(IndexOutOfBoundsException.class, () -> in.readMono(frames - 5, 10));
        }
    }

    @Test
    void badFilesFailOnOpenWithTheFileNamed(@TempDir Path dir) throws Exception {
        Path empty = Files.write(dir.resolve("empty.wav"), new byte[0]);
        AudioFileException e = assertThrows(AudioFileException.class, () -> AudioStream.open(empty));
        assertTrue(e.getMessage().contains("empty.wav") && e.getMessage().contains("empty"), e.getMessage());
    }
}
