package dev.verbatim.audio;

import static dev.verbatim.audio.Fixtures.encode;
import static dev.verbatim.audio.Fixtures.sine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every supported encoding decodes a known sine to within that encoding's quantisation error. */
class WavReaderFormatsTest {

    private static final int N = 1000;
    private static final double AMP = 0.8;

    /** Half a quantisation step of an n-bit code, plus float rounding of the decoded value. */
    private static double halfStep(int bits) {
        return Math.scalb(1.0, -bits) + 1e-7;
    }

    @TempDir
    Path dir;

    private static double[] tone(int rate) {
        return sine(440, rate, N, AMP, 0.3);
    }

    private AudioData read(String name, byte[] bytes) throws AudioFileException {
        return WavReader.read(Fixtures.write(dir, name, bytes));
    }

    private static void assertSamples(double[] expected, float[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, "frames");
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i] - actual[i]) > tolerance) {
                fail("sample " + i + ": expected " + expected[i] + " +- " + tolerance + ", got " + actual[i]);
            }
        }
    }

    private void assertMonoPcm(String name, int tag, int rate, int bits, SampleEncoding encoding, int bytes,
                               double tolerance) throws AudioFileException {
        double[] x = tone(rate);
        AudioData audio = read(name, Fixtures.wav(tag, 1, rate, bits,
                encode(new double[][] {x}, encoding, bytes, false)));
        assertEquals(rate, audio.sampleRateHz());
        assertEquals(1, audio.numChannels());
        assertSamples(x, audio.channels()[0], tolerance);
    }

    @Test
    void unsigned8Bit8kHz() throws AudioFileException {
        assertMonoPcm("u8.wav", 1, 8000, 8, SampleEncoding.PCM_UNSIGNED, 1, halfStep(8));
    }

    @Test
    void signed16BitLittleEndian16kHz() throws AudioFileException {
        assertMonoPcm("s16.wav", 1, 16000, 16, SampleEncoding.PCM_SIGNED, 2, halfStep(16));
    }

    @Test
    void signed24BitLittleEndian22050Hz() throws AudioFileException {
        assertMonoPcm("s24.wav", 1, 22050, 24, SampleEncoding.PCM_SIGNED, 3, halfStep(24));
    }

    @Test
    void signed32BitLittleEndian44100Hz() throws AudioFileException {
        assertMonoPcm("s32.wav", 1, 44100, 32, SampleEncoding.PCM_SIGNED, 4, halfStep(32));
    }

    @Test
    void float32At48kHz() throws AudioFileException {
        assertMonoPcm("f32.wav", 3, 48000, 32, SampleEncoding.FLOAT, 4, 1e-7);
    }

    @Test
    void float64At96kHz() throws AudioFileException {
        assertMonoPcm("f64.wav", 3, 96000, 64, SampleEncoding.FLOAT, 8, 1e-7);
    }

    @Test
    void twentyBitsLeftJustifiedInThreeBytes() throws AudioFileException {
        // 20 valid bits stored in 24-bit containers: the low 4 bits are zero.
        double[] x = tone(16000);
        double[] on20Bits = new double[N];
        for (int i = 0; i < N; i++) {
            on20Bits[i] = Fixtures.quantise(x[i], 20) / (double) (1 << 19);
        }
        AudioData audio = read("s20.wav", Fixtures.wav(1, 1, 16000, 20,
                encode(new double[][] {on20Bits}, SampleEncoding.PCM_SIGNED, 3, false)));
        assertSamples(x, audio.channels()[0], halfStep(20));
    }

    /** G.711 keeps about 1/32 relative precision; below that its smallest steps are 16 codes wide. */
    private static void assertG711(double[] x, float[] decoded) {
        for (int i = 0; i < x.length; i++) {
            double tolerance = Math.abs(x[i]) / 30 + 10 / 32768.0;
            if (Math.abs(x[i] - decoded[i]) > tolerance) {
                fail("sample " + i + ": expected " + x[i] + ", got " + decoded[i]);
            }
        }
    }

    @Test
    void muLaw8kHz() throws AudioFileException {
        double[] x = tone(8000);
        AudioData audio = read("ulaw.wav", Fixtures.wav(7, 1, 8000, 8,
                encode(new double[][] {x}, SampleEncoding.MU_LAW, 1, false)));
        assertEquals(N, audio.numFrames());
        assertG711(x, audio.channels()[0]);
    }

    @Test
    void aLaw8kHz() throws AudioFileException {
        double[] x = tone(8000);
        AudioData audio = read("alaw.wav", Fixtures.wav(6, 1, 8000, 8,
                encode(new double[][] {x}, SampleEncoding.A_LAW, 1, false)));
        assertEquals(N, audio.numFrames());
        assertG711(x, audio.channels()[0]);
    }

    @Test
    void stereo16BitKeepsChannelsApart() throws AudioFileException {
        double[] left = sine(440, 44100, N, 0.5, 0);
        double[] right = sine(1000, 44100, N, -0.9, 1.0);
        AudioData audio = read("stereo.wav", Fixtures.wav(1, 2, 44100, 16,
                encode(new double[][] {left, right}, SampleEncoding.PCM_SIGNED, 2, false)));
        assertEquals(2, audio.numChannels());
        assertEquals(44100, audio.sampleRateHz());
        assertEquals(N / 44100.0, audio.durationSec(), 1e-12);
        assertSamples(left, audio.channels()[0], halfStep(16));
        assertSamples(right, audio.channels()[1], halfStep(16));
    }

    @Test
    void extensible24BitStereo() throws AudioFileException {
        double[] left = tone(48000);
        double[] right = sine(100, 48000, N, 0.99, 0);
        byte[] data = encode(new double[][] {left, right}, SampleEncoding.PCM_SIGNED, 3, false);
        byte[] bytes = Fixtures.riff(false, new Fixtures.Bytes(false)
                .chunk("fmt ", Fixtures.fmtExtensible(1, 2, 48000, 24, 24)).chunk("data", data).toByteArray());
        AudioData audio = read("ext24.wav", bytes);
        assertEquals(48000, audio.sampleRateHz());
        assertSamples(left, audio.channels()[0], halfStep(24));
        assertSamples(right, audio.channels()[1], halfStep(24));
    }

    @Test
    void extensibleFloat() throws AudioFileException {
        double[] x = tone(32000);
        byte[] data = encode(new double[][] {x}, SampleEncoding.FLOAT, 4, false);
        byte[] bytes = Fixtures.riff(false, new Fixtures.Bytes(false)
                .chunk("fmt ", Fixtures.fmtExtensible(3, 1, 32000, 32, 32)).chunk("data", data).toByteArray());
        assertSamples(x, read("extf.wav", bytes).channels()[0], 1e-7);
    }

    @Test
    void rifxBigEndian16Bit() throws AudioFileException {
        double[] x = tone(22050);
        byte[] data = encode(new double[][] {x}, SampleEncoding.PCM_SIGNED, 2, true);
        byte[] bytes = Fixtures.riff(true, new Fixtures.Bytes(true)
                .chunk("fmt ", Fixtures.fmt(1, 1, 22050, 16, true)).chunk("data", data).toByteArray());
        AudioData audio = read("rifx.wav", bytes);
        assertEquals(22050, audio.sampleRateHz());
        assertSamples(x, audio.channels()[0], halfStep(16));
    }

    @Test
    void aiff16BitBigEndianStereo() throws AudioFileException {
        double[] left = tone(44100);
        double[] right = sine(3000, 44100, N, 0.25, 0);
        byte[] data = encode(new double[][] {left, right}, SampleEncoding.PCM_SIGNED, 2, true);
        AudioData audio = read("a.aiff", Fixtures.aiff(null, 2, N, 16, 44100, data));
        assertEquals(44100, audio.sampleRateHz());
        assertSamples(left, audio.channels()[0], halfStep(16));
        assertSamples(right, audio.channels()[1], halfStep(16));
    }

    @Test
    void aiff8BitIsSigned() throws AudioFileException {
        double[] x = tone(11025);
        byte[] data = encode(new double[][] {x}, SampleEncoding.PCM_SIGNED, 1, true);
        AudioData audio = read("a8.aiff", Fixtures.aiff(null, 1, N, 8, 11025, data));
        assertEquals(11025, audio.sampleRateHz());
        assertSamples(x, audio.channels()[0], halfStep(8));
    }

    @Test
    void aiff24Bit() throws AudioFileException {
        double[] x = tone(48000);
        byte[] data = encode(new double[][] {x}, SampleEncoding.PCM_SIGNED, 3, true);
        assertSamples(x, read("a24.aif", Fixtures.aiff(null, 1, N, 24, 48000, data)).channels()[0], halfStep(24));
    }

    @Test
    void aifcSowtIsLittleEndian() throws AudioFileException {
        double[] x = tone(16000);
        byte[] data = encode(new double[][] {x}, SampleEncoding.PCM_SIGNED, 2, false);
        AudioData audio = read("sowt.aifc", Fixtures.aiff("sowt", 1, N, 16, 16000, data));
        assertSamples(x, audio.channels()[0], halfStep(16));
    }

    @Test
    void aifcFloat32() throws AudioFileException {
        double[] x = tone(44100);
        byte[] data = encode(new double[][] {x}, SampleEncoding.FLOAT, 4, true);
        assertSamples(x, read("fl32.aifc", Fixtures.aiff("fl32", 1, N, 32, 44100, data)).channels()[0], 1e-7);
    }

    @Test
    void aifcMuLawAndALaw() throws AudioFileException {
        double[] x = tone(8000);
        byte[] ulaw = encode(new double[][] {x}, SampleEncoding.MU_LAW, 1, true);
        assertG711(x, read("ulaw.aifc", Fixtures.aiff("ulaw", 1, N, 16, 8000, ulaw)).channels()[0]);
        byte[] alaw = encode(new double[][] {x}, SampleEncoding.A_LAW, 1, true);
        assertG711(x, read("alaw.aifc", Fixtures.aiff("alaw", 1, N, 16, 8000, alaw)).channels()[0]);
    }

    @Test
    void manyChannels() throws AudioFileException {
        double[][] six = new double[6][];
        for (int c = 0; c < 6; c++) {
            six[c] = sine(100 * (c + 1), 48000, N, 0.1 * (c + 1), c);
        }
        AudioData audio = read("5.1.wav", Fixtures.wav(1, 6, 48000, 16,
                encode(six, SampleEncoding.PCM_SIGNED, 2, false)));
        assertEquals(6, audio.numChannels());
        for (int c = 0; c < 6; c++) {
            assertSamples(six[c], audio.channels()[c], halfStep(16));
        }
    }
}
