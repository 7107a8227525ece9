package dev.verbatim.audio;

import static dev.verbatim.audio.Fixtures.sine;
import static dev.verbatim.audio.Fixtures.toFloat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

    @TempDir
    Path dir;

    private List<String> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void roundTripsThroughTheReader() throws IOException {
        float[] x = toFloat(sine(440, 16000, 16000 * 3, 0.8, 0.1));
        Path file = dir.resolve("out.wav");
        WavWriter.writePcm16(file, x, 16000);

        AudioData back = WavReader.read(file);
        assertEquals(16000, back.sampleRateHz());
        assertEquals(1, back.numChannels());
        assertEquals(x.length, back.numFrames());
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], back.channels()[0][i], 0.5 / 32768 + 1e-7, "sample " + i);
        }
        assertEquals(List.of("out.wav"), filesInDir());
    }

    @Test
    void writesACanonicalHeader() throws IOException {
        Path file = dir.resolve("h.wav");
        WavWriter.writePcm16(file, new float[] {0f, 0.5f, -1f}, 22050);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(44 + 6, b.limit());
        assertEquals("RIFF", ascii(b, 0));
        assertEquals(42, b.getInt(4));
        assertEquals("WAVE", ascii(b, 8));
        assertEquals("fmt ", ascii(b, 12));
        assertEquals(16, b.getInt(16));
        assertEquals(1, b.getShort(20));
        assertEquals(1, b.getShort(22));
        assertEquals(22050, b.getInt(24));
        assertEquals(44100, b.getInt(28));
        assertEquals(2, b.getShort(32));
        assertEquals(16, b.getShort(34));
        assertEquals("data", ascii(b, 36));
        assertEquals(6, b.getInt(40));
        assertEquals(0, b.getShort(44));
        assertEquals(16384, b.getShort(46));
        assertEquals(-32768, b.getShort(48));
    }

    private static String ascii(ByteBuffer b, int at) {
        return new String(new char[] {(char) b.get(at), (char) b.get(at + 1), (char) b.get(at + 2), (char) b.get(at + 3)});
    }

    @Test
    void clipsOutOfRangeSamples() throws IOException {
        Path file = dir.resolve("loud.wav");
        WavWriter.writePcm16(file, new float[] {1.5f, -2f, 1f, Float.NaN}, 8000);
        assertArrayEquals(new float[] {32767 / 32768f, -1f, 32767 / 32768f, 0f}, WavReader.read(file).channels()[0]);
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("again.wav");
        Files.writeString(file, "old contents");
        WavWriter.writePcm16(file, new float[] {0.25f}, 16000);
        assertArrayEquals(new float[] {0.25f}, WavReader.read(file).channels()[0]);
        assertEquals(List.of("again.wav"), filesInDir());
    }

    @Test
    void getsTheSamePermissionsAsAnyNewFile() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.write(dir.resolve("plain.bin"), new byte[1]);
        Path wav = dir.resolve("perm.wav");
        WavWriter.writePcm16(wav, new float[1], 16000);
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(wav));
    }

    @Test
    void failsCleanlyWhenTheFolderIsMissing() {
        Path file = dir.resolve("no-such-folder").resolve("x.wav");
        assertThrows(IOException.class, () -> WavWriter.writePcm16(file, new float[] {0f}, 16000));
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThrows(IllegalArgumentException.class,
                () -> WavWriter.writePcm16(dir.resolve("r.wav"), new float[1], 0));
    }
}
