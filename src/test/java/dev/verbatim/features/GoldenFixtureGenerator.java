package dev.verbatim.features;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * One-off generator of the fixtures behind {@link GoldenFramesTest}; not run by the build. Rerun it
 * only on purpose (a deliberate change to the features), from the repository root:
 *
 * <pre>
 * java -cp BUILD/test-classes:BUILD/classes:DEPENDENCIES dev.verbatim.features.GoldenFixtureGenerator
 * </pre>
 * (BUILD is the Maven build directory; DEPENDENCIES from {@code mvn dependency:build-classpath}).
 *
 * <p>It writes {@code golden.wav}: 0.5 s of 16-bit 16 kHz mono, a linear chirp from 100 Hz to 6 kHz at
 * half scale plus seeded Gaussian noise at 1% (so no mel bin sits at the log floor); and
 * {@code golden-frames.txt}: that WAV's log-mel frames with the default config, one frame a line.
 */
public final class GoldenFixtureGenerator {

    static final Path DIR = Path.of("src/test/resources/features");
    static final int SAMPLE_RATE = 16000;
    static final int NUM_SAMPLES = 8000;

    private GoldenFixtureGenerator() {
    }

    public static void main(String[] args) throws IOException {
        short[] pcm = synthesise();
        Files.createDirectories(DIR);
        Files.write(DIR.resolve("golden.wav"), wav(pcm));

        // Features of the quantised samples, decoded exactly as the test decodes the WAV.
        float[] samples = new float[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            samples[i] = pcm[i] / 32768f;
        }
        float[][] frames = new LogMelExtractor(FeatureConfig.defaults()).extract(samples);
        try (Writer out = Files.newBufferedWriter(DIR.resolve("golden-frames.txt"), StandardCharsets.UTF_8)) {
            out.write("# log-mel frames of golden.wav with FeatureConfig.defaults(); one frame per line, "
                    + frames.length + " x " + frames[0].length + "\n");
            for (float[] frame : frames) {
                StringBuilder line = new StringBuilder();
                for (int m = 0; m < frame.length; m++) {
                    line.append(m == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4f", frame[m]));
                }
                out.write(line.append('\n').toString());
            }
        }
    }

    private static short[] synthesise() {
        Random random = new Random(20240601L); // java.util.Random's sequence is fixed by its spec
        double f0 = 100;
        double f1 = 6000;
        double duration = (double) NUM_SAMPLES / SAMPLE_RATE;
        short[] pcm = new short[NUM_SAMPLES];
        for (int i = 0; i < NUM_SAMPLES; i++) {
            double t = (double) i / SAMPLE_RATE;
            // Linear chirp: phase is the integral of f0 + (f1 - f0) t / duration.
            double phase = 2 * Math.PI * (f0 * t + (f1 - f0) * t * t / (2 * duration));
            double x = 0.5 * Math.sin(phase) + 0.01 * random.nextGaussian();
            pcm[i] = (short) Math.max(-32768, Math.min(32767, Math.round(x * 32767)));
        }
        return pcm;
    }

    private static byte[] wav(short[] pcm) {
        int dataBytes = pcm.length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes);
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) 1).putShort((short) 1); // PCM, mono
        b.putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2); // sample rate, byte rate
        b.putShort((short) 2).putShort((short) 16); // block align, bits per sample
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (short s : pcm) {
            b.putShort(s);
        }
        return b.array();
    }
}
