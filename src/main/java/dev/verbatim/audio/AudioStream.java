package dev.verbatim.audio;

import java.nio.file.Path;

/**
 * An open WAV or AIFF file read piece by piece, so that an hour-long recording never has to be in memory at once.
 * It reads any range of frames, downmixed to mono at the file's own rate. Not thread-safe; close it when done.
 */
public final class AudioStream implements AutoCloseable {
    private static final int BLOCK_BYTES = 1 << 20;

    private final FileBytes in;
    private final DataLayout layout;
    private final long numFrames;

    private AudioStream(FileBytes in, DataLayout layout, long numFrames) {
        this.in = in;
        this.layout = layout;
        this.numFrames = numFrames;
    }

    /** Opens and checks a file; errors are those of {@link WavReader#read}. */
    public static AudioStream open(Path file) throws AudioFileException {
        FileBytes in = FileBytes.open(file);
        try {
            DataLayout layout = WavReader.parse(in);
            return new AudioStream(in, layout, WavReader.readableFrames(in, layout));
        } catch (AudioFileException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    public Path file() {
        return in.file();
    }

    public int sampleRateHz() {
        return layout.sampleRateHz();
    }

    public int numChannels() {
        return layout.numChannels();
    }

    /** Frames (samples per channel) in the file. */
    public long numFrames() {
        return numFrames;
    }

    public double durationSec() {
        return numFrames / (double) layout.sampleRateHz();
    }

    /**
     * Frames {@code [from, from + count)} averaged over the channels, at the file's rate.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the file
     */
    public float[] readMono(long from, int count) throws AudioFileException {
        if (from < 0 || count < 0 || from + count > numFrames) {
            throw new IndexOutOfBoundsException("frames " + from + "+" + count + " of " + numFrames);
        }
        int channels = layout.numChannels();
        int frameBytes = layout.frameBytes();
        int blockFrames = Math.max(1, BLOCK_BYTES / frameBytes);
        float[][] block = new float[channels][Math.min(blockFrames, Math.max(1, count))];
        byte[] bytes = new byte[Math.multiplyExact(block[0].length, frameBytes)];
        float[] mono = new float[count];
        float scale = 1f / channels;
        for (int done = 0; done < count; ) {
            int n = Math.min(block[0].length, count - done);
            in.readFully(layout.dataOffset() + (from + done) * frameBytes, bytes, n * frameBytes);
            SampleCodec.decode(bytes, 0, layout.format(), channels, block, 0, n);
            for (int i = 0; i < n; i++) {
                float sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += block[c][i];
                }
                mono[done + i] = channels == 1 ? sum : sum * scale;
            }
            done += n;
        }
        return mono;
    }

    @Override
    public void close() {
        in.close();
    }
}
