package dev.verbatim.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a file can be unusable gives an AudioFileException saying which file and what. */
class WavReaderErrorsTest {

    private static final byte[] PCM = new byte[3200];
    private static final byte[] FMT = Fixtures.fmt(1, 1, 16000, 16, false);

    @TempDir
    Path dir;

    /** Reads {@code bytes} as {@code name}, expects failure, checks the message form, returns it. */
    private String failure(String name, byte[] bytes, String... expectedParts) {
        Path file = Fixtures.write(dir, name, bytes);
        return failure(file, expectedParts);
    }

    private static String failure(Path file, String... expectedParts) {
        AudioFileException e = assertThrows(AudioFileException.class, () -> WavReader.read(file));
        assertEquals(file, e.file());
        String message = e.getMessage();
        assertTrue(message.startsWith(file + ": "), message);
        assertEquals(file + ": " + e.problem(), message);
        for (String part : expectedParts) {
            assertTrue(message.contains(part), "'" + message + "' should contain '" + part + "'");
        }
        return message;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] wavWith(byte[] fmtBody) {
        return Fixtures.riff(false, new Fixtures.Bytes(false).chunk("fmt ", fmtBody).chunk("data", PCM)
                .toByteArray());
    }

    @Test
    void mp3IsNotAWav() {
        byte[] mp3 = new byte[200];
        System.arraycopy(ascii("ID3\u0004\u0000"), 0, mp3, 0, 5);
        String message = failure("song.wav", mp3, "not a WAV file (starts with 'ID3')", "MP3");
        assertTrue(message.startsWith(dir.resolve("song.wav") + ": "));
    }

    @Test
    void textIsNotAWav() {
        failure("notes.wav", ascii("hello, this is text\n"), "not a WAV file (starts with 'hell')");
    }

    @Test
    void binaryJunkIsNotAWav() {
        failure("junk.wav", new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, "not a WAV file",
                "00 01 02 03");
    }

    @Test
    void flacIsNotAWav() {
        failure("a.flac", ascii("fLaC\u0000\u0000\u0000\u0021"), "not a WAV file (starts with 'fLaC')", "FLAC");
    }

    @Test
    void otherRiffFormsAreNotWav() {
        failure("clip.avi", ascii("RIFF\u0004\u0000\u0000\u0000AVI "), "not a WAV file", "AVI");
    }

    @Test
    void emptyFile() {
        failure("empty.wav", new byte[0], "empty file");
    }

    @Test
    void zeroFrames() {
        byte[] bytes = Fixtures.riff(false, new Fixtures.Bytes(false).chunk("fmt ", FMT).chunk("data", new byte[0])
                .toByteArray());
        failure("silent.wav", bytes, "empty: no audio samples");
    }

    @Test
    void zeroFramesFollowedByMetadata() {
        byte[] bytes = Fixtures.riff(false, new Fixtures.Bytes(false).chunk("fmt ", FMT).chunk("data", new byte[0])
                .chunk("LIST", ascii("INFOISFT")).toByteArray());
        failure("silent2.wav", bytes, "empty: no audio samples");
    }

    @Test
    void lessThanOneFrame() {
        byte[] bytes = Fixtures.riff(false, new Fixtures.Bytes(false).chunk("fmt ", Fixtures.fmt(1, 2, 8000, 16, false))
                .chunk("data", new byte[3]).toByteArray());
        failure("tiny.wav", bytes, "empty: no audio samples");
    }

    @Test
    void noDataChunk() {
        byte[] bytes = Fixtures.riff(false, new Fixtures.Bytes(false).chunk("fmt ", FMT).toByteArray());
        failure("nodata.wav", bytes, "empty: no audio samples");
    }

    @Test
    void truncatedHeaders() {
        byte[] whole = Fixtures.wav(1, 1, 16000, 16, PCM);
        failure("cut8.wav", Arrays.copyOf(whole, 8), "truncated header");
        failure("cut12.wav", Arrays.copyOf(whole, 12), "truncated header");
        failure("cut20.wav", Arrays.copyOf(whole, 20), "truncated header", "fmt");
        failure("cut30.wav", Arrays.copyOf(whole, 30), "truncated header", "fmt");
        failure("aiff.aif", Arrays.copyOf(Fixtures.aiff(null, 1, 100, 16, 8000, new byte[200]), 30),
                "truncated header", "COMM");
    }

    @Test
    void metadataChunkRunningPastTheEndBeforeTheAudio() {
        byte[] bytes = Fixtures.riff(false, new Fixtures.Bytes(false).chunk("fmt ", FMT)
                .chunk("LIST", 5000, new byte[40], false).toByteArray());
        failure("cutlist.wav", bytes, "truncated header", "'LIST' chunk says 5000 bytes, file has 40");
    }

    @Test
    void truncatedDataWithNoWholeFrame() {
        byte[] bytes = Fixtures.riff(false, new Fixtures.Bytes(false).chunk("fmt ", FMT)
                .chunk("data", 32000, new byte[] {7}, false).toByteArray());
        failure("cutdata.wav", bytes, "truncated: data chunk says 32000 bytes, file has 1");
    }

    @Test
    void mp3InsideWav() {
        byte[] fmt = Fixtures.fmt(0x0055, 2, 44100, 0, false);
        failure("mp3.wav", wavWith(fmt), "unsupported encoding: WAVE format tag 0x0055 (MPEG",
                "supported are PCM 8/16/24/32-bit, IEEE float 32/64-bit, mu-law, A-law");
    }

    @Test
    void adpcmAndUnknownTags() {
        failure("adpcm.wav", wavWith(Fixtures.fmt(0x0002, 1, 8000, 4, false)), "0x0002 (Microsoft ADPCM)");
        failure("odd.wav", wavWith(Fixtures.fmt(0x1234, 1, 8000, 16, false)), "0x1234 (unknown)");
    }

    @Test
    void unsupportedSampleSizes() {
        failure("pcm40.wav", wavWith(Fixtures.fmt(1, 1, 8000, 40, false)), "unsupported encoding: 40-bit PCM");
        failure("half.wav", wavWith(Fixtures.fmt(3, 1, 8000, 16, false)), "unsupported encoding: 16-bit IEEE float");
        failure("pcm0.wav", wavWith(Fixtures.fmt(1, 1, 8000, 0, false)), "unsupported encoding: 0-bit PCM");
    }

    @Test
    void unknownExtensibleSubFormat() {
        byte[] fmt = Fixtures.fmtExtensible(1, 1, 8000, 16, 16);
        fmt[30] = 0x11; // break the standard GUID tail
        failure("ambi.wav", wavWith(fmt), "unsupported encoding: WAVE_FORMAT_EXTENSIBLE sub-format");
    }

    @Test
    void unsupportedAifcCompression() {
        failure("ima.aifc", Fixtures.aiff("ima4", 1, 100, 16, 8000, new byte[200]),
                "unsupported encoding: AIFF-C compression 'ima4'");
    }

    @Test
    void zeroChannels() {
        failure("nochan.wav", wavWith(Fixtures.fmt(1, 0, 16000, 16, false)), "0 channels");
        failure("nochan.aiff", Fixtures.aiff(null, 0, 100, 16, 8000, new byte[200]), "0 channels");
    }

    @Test
    void zeroSampleRate() {
        failure("norate.wav", wavWith(Fixtures.fmt(1, 1, 0, 16, false)), "sample rate is 0");
        byte[] aiff = Fixtures.aiff(null, 1, 100, 16, 8000, new byte[200]);
        Arrays.fill(aiff, 28, 38, (byte) 0); // the 80-bit rate in COMM
        failure("norate.aiff", aiff, "sample rate is 0");
    }

    @Test
    void missingFile() {
        failure(dir.resolve("nowhere.wav"), "file not found");
    }

    @Test
    void folder() throws IOException {
        failure(Files.createDirectory(dir.resolve("folder.wav")), "folder");
    }
}
