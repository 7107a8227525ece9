package dev.verbatim.audio;

import be.tarsos.dsp.resample.Resampler;
import java.util.Arrays;

/**
 * Resamples a stream of mono blocks as they arrive (a microphone, a pipe), keeping the filter's history between
 * blocks, so that the blocks joined sound like the stream resampled whole. Uses the same TarsosDSP resampler as
 * {@link Resampling}. Not thread-safe.
 */
public final class StreamResampler {
    private final int fromHz;
    private final int toHz;
    private final double factor;
    private final Resampler resampler;
    private float[] out = new float[0];

    public StreamResampler(int fromHz, int toHz) {
        if (fromHz <= 0 || toHz <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + fromHz + " -> " + toHz);
        }
        this.fromHz = fromHz;
        this.toHz = toHz;
        this.factor = (double) toHz / fromHz;
        this.resampler = fromHz == toHz ? null : new Resampler(true, factor, factor);
    }

    /** The resampled samples this block makes available (the filter holds back a few until later blocks). */
    public float[] process(float[] block) {
        return run(block, false);
    }

    /** The samples still held in the filter, at the end of the stream. */
    public float[] flush() {
        return run(new float[0], true);
    }

    private float[] run(float[] block, boolean last) {
        if (resampler == null) {
            return block.clone();
        }
        int capacity = (int) Math.ceil(block.length * factor) + 1024;
        if (out.length < capacity) {
            out = new float[capacity];
        }
        int inPos = 0;
        int outPos = 0;
        while (true) {
            Resampler.Result r = resampler.process(factor, block, inPos, block.length - inPos, last, out, outPos,
                    out.length - outPos);
            inPos += r.inputSamplesConsumed;
            outPos += r.outputSamplesGenerated;
            if (outPos == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
                continue;
            }
            if (r.inputSamplesConsumed == 0 && r.outputSamplesGenerated == 0) {
                break;
            }
        }
        return Arrays.copyOf(out, outPos);
    }

    public int fromHz() {
        return fromHz;
    }

    public int toHz() {
        return toHz;
    }
}
