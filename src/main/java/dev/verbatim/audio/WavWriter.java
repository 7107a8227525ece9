package dev.verbatim.audio;

import dev.verbatim.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes mono 16-bit PCM WAV files. */
public final class WavWriter {

    private static final int HEADER_BYTES = 44;
    private static final int BLOCK_SAMPLES = 1 << 16;

    private WavWriter() {
    }

    /**
     * Writes a canonical 44-byte-header WAV file: mono, 16-bit little-endian PCM.
     *
     * <p>The file is written to a temporary file in the same folder, synced, and then renamed over
     * {@code file}, so that a reader never sees a half-written file and an interrupted write
     * leaves any earlier {@code file} as it was.
     *
     * @param file         where to write; an existing file is replaced
     * @param samples      mono samples; values outside [-1, 1] are clipped, NaN written as 0
     * @param sampleRateHz sample rate to record in the header, positive
     * @throws IOException if the folder cannot be written to
     * @throws IllegalArgumentException if the rate is not positive or the data would exceed the
     *                                  4 GiB a WAV file can describe
     */
    public static void writePcm16(Path file, float[] samples, int sampleRateHz) throws IOException {
        if (sampleRateHz <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRateHz);
        }
        long dataBytes = 2L * samples.length;
        if (dataBytes + HEADER_BYTES - 8 > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(samples.length + " samples do not fit in a WAV file");
        }
        AtomicFiles.write(file, out -> {
            out.write(header(dataBytes, sampleRateHz));
            byte[] block = new byte[2 * BLOCK_SAMPLES];
            for (int start = 0; start < samples.length; start += BLOCK_SAMPLES) {
                int n = Math.min(BLOCK_SAMPLES, samples.length - start);
                SampleCodec.encodePcm16(samples, start, n, block, 0);
                out.write(block, 0, 2 * n);
            }
        });
    }

    private static byte[] header(long dataBytes, int sampleRateHz) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(ascii("RIFF")).putInt((int) (dataBytes + HEADER_BYTES - 8)).put(ascii("WAVE"));
        header.put(ascii("fmt ")).putInt(16)
                .putShort((short) 1)                  // PCM
                .putShort((short) 1)                  // mono
                .putInt(sampleRateHz)
                .putInt((int) (2L * sampleRateHz))    // byte rate
                .putShort((short) 2)                  // block align
                .putShort((short) 16);                // bits per sample
        header.put(ascii("data")).putInt((int) dataBytes);
        return header.array();
    }

    private static byte[] ascii(String fourCc) {
        return fourCc.getBytes(StandardCharsets.US_ASCII);
    }
}
