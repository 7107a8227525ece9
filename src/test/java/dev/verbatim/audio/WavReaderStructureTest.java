package dev.verbatim.audio;

import static dev.verbatim.audio.Fixtures.encode;
import static dev.verbatim.audio.Fixtures.sine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunk layouts seen in the wild: metadata, padding, streaming placeholders, damage. */
class WavReaderStructureTest {

    private static final int RATE = 16000;
    private static final double[] TONE = sine(440, RATE, 800, 0.7, 0);
    private static final byte[] PCM = encode(new double[][] {TONE}, SampleEncoding.PCM_SIGNED, 2, false);
    private static final byte[] FMT = Fixtures.fmt(1, 1, RATE, 16, false);

    @TempDir
    Path dir;

    private float[] readMono(byte[] bytes) throws AudioFileException {
        AudioData audio = WavReader.read(Fixtures.write(dir, "t.wav", bytes));
        assertEquals(1, audio.numChannels());
        assertEquals(RATE, audio.sampleRateHz());
        return audio.channels()[0];
    }

    private static float[] expected(int frames) {
        float[] x = new float[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = Fixtures.quantise(TONE[i], 16) / 32768f;
        }
        return x;
    }

    private static Fixtures.Bytes chunks() {
        return new Fixtures.Bytes(false);
    }

    @Test
    void skipsListAndUnknownChunksIncludingOddSizedOnes() throws AudioFileException {
        byte[] list = "INFOISFT\u0005\u0000\u0000\u0000Lavf\u0000".getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = Fixtures.riff(false, chunks()
                .chunk("JUNK", new byte[28])
                .chunk("fmt ", FMT)
                .chunk("LIST", list)                      // 17 bytes: padded to 18
                .chunk("fact", new byte[] {32, 3, 0, 0})
                .chunk("odd!", new byte[] {1, 2, 3})      // padded to 4
                .chunk("data", PCM)
                .chunk("id3 ", new byte[10])
                .toByteArray());
        assertArrayEquals(expected(800), readMono(bytes));
    }

    @Test
    void toleratesAMissingPadByte() throws AudioFileException {
        byte[] bytes = Fixtures.riff(false, chunks()
                .chunk("fmt ", FMT)
                .chunk("note", 3, new byte[] {'a', 'b', 'c'}, false)
                .chunk("data", PCM)
                .toByteArray());
        assertArrayEquals(expected(800), readMono(bytes));
    }

    @Test
    void readsAFmtChunkThatComesAfterTheData() throws AudioFileException {
        byte[] bytes = Fixtures.riff(false, chunks().chunk("data", PCM).chunk("fmt ", FMT).toByteArray());
        assertArrayEquals(expected(800), readMono(bytes));
    }

    @Test
    void dataSizeZeroFromAStreamingWriterMeansToTheEnd() throws AudioFileException {
        byte[] bytes = Fixtures.riff(false, chunks().chunk("fmt ", FMT).chunk("data", 0, PCM, false).toByteArray());
        assertArrayEquals(expected(800), readMono(bytes));
    }

    @Test
    void dataSizeAllOnesMeansToTheEnd() throws AudioFileException {
        byte[] bytes = Fixtures.riff(false, chunks().chunk("fmt ", FMT).chunk("data", 0xFFFFFFFFL, PCM, false)
                .toByteArray());
        assertArrayEquals(expected(800), readMono(bytes));
    }

    @Test
    void rf64TakesTheDataSizeFromDs64() throws AudioFileException {
        byte[] ds64 = new Fixtures.Bytes(false).u64(0).u64(400).u64(200).u32(0).toByteArray();
        byte[] body = chunks().chunk("ds64", ds64).chunk("fmt ", FMT)
                .chunk("data", 0xFFFFFFFFL, PCM, false).toByteArray();
        byte[] bytes = new Fixtures.Bytes(false).ascii("RF64").u32(0xFFFFFFFFL).ascii("WAVE").bytes(body)
                .toByteArray();
        assertArrayEquals(expected(200), readMono(bytes));
    }

    @Test
    void dropsAPartialLastFrameAndTrailingBytes() throws AudioFileException {
        byte[] stereo = encode(new double[][] {TONE, TONE}, SampleEncoding.PCM_SIGNED, 2, false);
        byte[] cut = Arrays.copyOf(stereo, stereo.length - 2);      // last frame has only its left sample
        byte[] bytes = Fixtures.riff(false, chunks().chunk("fmt ", Fixtures.fmt(1, 2, RATE, 16, false))
                .chunk("data", cut).toByteArray());
        byte[] withJunk = Arrays.copyOf(bytes, bytes.length + 3); // 3 bytes: too short for a chunk
        AudioData audio = WavReader.read(Fixtures.write(dir, "s.wav", withJunk));
        assertEquals(799, audio.numFrames());
        assertArrayEquals(expected(799), audio.channels()[1]);
    }

    @Test
    void readsWhatIsThereOfATruncatedDataChunk() throws AudioFileException {
        byte[] whole = Fixtures.riff(false, chunks().chunk("fmt ", FMT).chunk("data", PCM).toByteArray());
        byte[] cut = Arrays.copyOf(whole, whole.length - 1001);    // 599 data bytes: 299 whole frames
        assertArrayEquals(expected(299), readMono(cut));
    }

    @Test
    void aiffTakesTheFrameCountFromComm() throws AudioFileException {
        byte[] data = encode(new double[][] {TONE}, SampleEncoding.PCM_SIGNED, 2, true);
        byte[] bytes = Fixtures.aiff(null, 1, 500, 16, RATE, data);
        assertArrayEquals(expected(500), readMono(bytes));
    }

    @Test
    void aiffWithoutAFrameCountReadsTheWholeSoundChunk() throws AudioFileException {
        byte[] data = encode(new double[][] {TONE}, SampleEncoding.PCM_SIGNED, 2, true);
        assertArrayEquals(expected(800), readMono(Fixtures.aiff(null, 1, 0, 16, RATE, data)));
    }

    @Test
    void readsALongFileAcrossManyBlocks() throws AudioFileException {
        double[] x = sine(1234, 48000, 48000 * 12, 0.5, 0);  // 12 s stereo: several 1 MiB blocks
        byte[] data = encode(new double[][] {x, x}, SampleEncoding.PCM_SIGNED, 3, false);
        AudioData audio = WavReader.read(Fixtures.write(dir, "long.wav", Fixtures.wav(1, 2, 48000, 24, data)));
        assertEquals(x.length, audio.numFrames());
        for (int i = 0; i < x.length; i += 997) {
            assertEquals(x[i], audio.channels()[1][i], 1e-6, "sample " + i);
        }
        assertEquals(12.0, audio.durationSec(), 1e-12);
    }
}
