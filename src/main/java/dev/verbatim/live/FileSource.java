package dev.verbatim.live;

import dev.verbatim.audio.AudioFileException;
import dev.verbatim.audio.AudioStream;
import dev.verbatim.audio.StreamResampler;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A WAV or AIFF file played through the live path in 100 ms blocks: in real time (each block is returned when the
 * audio would have reached it), or as fast as it can be read. Any rate and channel count; converted to mono at the
 * model's rate block by block.
 */
public final class FileSource implements AudioSource {
    private final AudioStream in;
    private final StreamResampler resampler;
    private final boolean realTime;
    private final int block;
    private long position;
    private long startNanos = -1;
    private boolean flushed;

    public FileSource(Path file, int targetRate, boolean realTime) throws AudioFileException {
        this.in = AudioStream.open(file);
        this.resampler = new StreamResampler(in.sampleRateHz(), targetRate);
        this.realTime = realTime;
        this.block = Math.max(1, in.sampleRateHz() / 10);
    }

    @Override
    public float[] read() throws IOException {
        if (position >= in.numFrames()) {
            if (flushed) {
                return null;
            }
            flushed = true;
            return resampler.flush();
        }
        if (startNanos < 0) {
            startNanos = System.nanoTime();
        }
        int n = (int) Math.min(block, in.numFrames() - position);
        float[] samples = in.readMono(position, n);
        position += n;
        if (realTime) {
            long due = startNanos + Math.round(position * 1e9 / in.sampleRateHz());
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        return resampler.process(samples);
    }

    @Override
    public String describe() {
        return in.file() + (realTime ? " (in real time)" : " (as fast as possible)");
    }

    @Override
    public void close() {
        in.close();
    }
}
