package dev.verbatim.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards against unintended changes to the features: a saved WAV must still give the saved frames.
 * Both fixtures come from {@link GoldenFixtureGenerator}; the frames were saved once the filterbank
 * and tone tests passed and were cross-checked against an independent double-precision reference
 * (agreement within 2e-3, the difference being float32 FFT rounding in bins ~25 nats below a
 * frame's peak).
 */
class GoldenFramesTest {

    private static final double TOLERANCE = 1e-3;

    @Test
    void goldenWavGivesSavedFrames() throws IOException {
        float[] samples = readMono16BitWav(resource("golden.wav"));
        assertEquals(GoldenFixtureGenerator.NUM_SAMPLES, samples.length);
        float[][] expected = readFrames(resource("golden-frames.txt"));

        float[][] actual = new LogMelExtractor(FeatureConfig.defaults()).extract(samples);
        assertEquals(expected.length, actual.length, "number of frames");
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t].length, actual[t].length, "width of frame " + t);
            for (int m = 0; m < expected[t].length; m++) {
                assertEquals(expected[t][m], actual[t][m], TOLERANCE, "frame " + t + ", mel bin " + m);
            }
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GoldenFramesTest.class.getResourceAsStream("/features/" + name)) {
            assertNotNull(in, "missing test resource features/" + name);
            return in.readAllBytes();
        }
    }

    /** Just enough RIFF parsing for the fixture: finds "fmt " and "data", insists on 16-bit mono PCM. */
    private static float[] readMono16BitWav(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", tag(b, 0));
        assertEquals("WAVE", tag(b, 8));
        int pos = 12;
        boolean checkedFormat = false;
        while (pos + 8 <= bytes.length) {
            String id = tag(b, pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (id.equals("fmt ")) {
                assertEquals(1, b.getShort(body), "PCM");
                assertEquals(1, b.getShort(body + 2), "channels");
                assertEquals(16000, b.getInt(body + 4), "sample rate");
                assertEquals(16, b.getShort(body + 14), "bits per sample");
                checkedFormat = true;
            } else if (id.equals("data")) {
                assertEquals(true, checkedFormat, "fmt chunk before data");
                float[] samples = new float[size / 2];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = b.getShort(body + 2 * i) / 32768f;
                }
                return samples;
            }
            pos = body + size + (size & 1); // chunks are padded to even length
        }
        throw new AssertionError("no data chunk");
    }

    private static String tag(ByteBuffer b, int pos) {
        byte[] id = new byte[4];
        b.get(pos, id);
        return new String(id, StandardCharsets.US_ASCII);
    }

    private static float[][] readFrames(byte[] text) {
        List<float[]> frames = new ArrayList<>();
        for (String line : new String(text, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.trim().split(" ");
            float[] frame = new float[fields.length];
            for (int i = 0; i < fields.length; i++) {
                frame[i] = Float.parseFloat(fields[i]);
            }
            frames.add(frame);
        }
        return frames.toArray(new float[0][]);
    }
}
