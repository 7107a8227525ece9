package dev.verbatim.live;

import dev.verbatim.audio.SampleCodec;
import dev.verbatim.audio.SampleEncoding;
import dev.verbatim.audio.SampleFormat;
import dev.verbatim.audio.StreamResampler;
import java.io.IOException;
import java.io.InputStream;

/**
 * Raw signed 16-bit little-endian PCM from a stream (standard input: {@code arecord -f S16_LE -r 16000 | verbatim
 * listen --input -}), at a given rate and channel count, converted to mono at the model's rate.
 */
public final class RawPcmSource implements AudioSource {
    private static final SampleFormat S16LE = new SampleFormat(SampleEncoding.PCM_SIGNED, 2, false);

    private final InputStream in;
    private final int channels;
    private final StreamResampler resampler;
    private final byte[] bytes;
    private int pending;           // bytes of an incomplete frame kept from the last read
    private boolean flushed;

    public RawPcmSource(InputStream in, int rate, int channels, int targetRate) {
        if (rate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("raw PCM needs a positive rate and channel count");
        }
        this.in = in;
        this.channels = channels;
        this.resampler = new StreamResampler(rate, targetRate);
        this.bytes = new byte[Math.max(1, rate / 10) * 2 * channels];
    }

    @Override
    public float[] read() throws IOException {
        int n = in.read(bytes, pending, bytes.length - pending);
        if (n < 0) {
            if (flushed) {
                return null;
            }
            flushed = true;
            return resampler.flush();
        }
        int available = pending + n;
        int frameBytes = 2 * channels;
        int frames = available / frameBytes;
        float[][] decoded = new float[channels][frames];
        SampleCodec.decode(bytes, 0, S16LE, channels, decoded, 0, frames);
        pending = available - frames * frameBytes;
        System.arraycopy(bytes, frames * frameBytes, bytes, 0, pending);
        float[] mono = new float[frames];
        for (float[] c : decoded) {
            for (int i = 0; i < frames; i++) {
                mono[i] += c[i] / channels;
            }
        }
        return resampler.process(mono);
    }

    @Override
    public String describe() {
        return "raw 16-bit PCM on standard input";
    }

    @Override
    public void close() {
        // standard input is not ours to close
    }
}
