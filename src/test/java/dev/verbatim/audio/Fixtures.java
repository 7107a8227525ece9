package dev.verbatim.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds audio files byte by byte for the tests, independently of the code under test: its own
 * quantisers, its own G.711 encoders and its own RIFF/AIFF layout.
 */
final class Fixtures {

    private Fixtures() {
    }

    /** {@code amplitude * sin(2 pi hz t + phase)} at {@code rateHz}. */
    static double[] sine(double hz, int rateHz, int n, double amplitude, double phase) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * hz * i / rateHz + phase);
        }
        return x;
    }

    static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- sample encoding

    /** Interleaves and encodes {@code channels[c][i]} in the given stored format. */
    static byte[] encode(double[][] channels, SampleEncoding encoding, int bytesPerSample, boolean bigEndian) {
        int frames = channels[0].length;
        ByteBuffer out = ByteBuffer.allocate(frames * channels.length * bytesPerSample)
                .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            for (double[] channel : channels) {
                encodeOne(out, channel[i], encoding, bytesPerSample, bigEndian);
            }
        }
        return out.array();
    }

    private static void encodeOne(ByteBuffer out, double x, SampleEncoding encoding, int bytes, boolean bigEndian) {
        switch (encoding) {
            case PCM_UNSIGNED -> out.put((byte) (quantise(x, 8) + 128));
            case MU_LAW -> out.put((byte) muLaw(quantise(x, 16)));
            case A_LAW -> out.put((byte) aLaw(quantise(x, 16)));
            case FLOAT -> {
                if (bytes == 4) {
                    out.putFloat((float) x);
                } else {
                    out.putDouble(x);
                }
            }
            case PCM_SIGNED -> {
                long v = quantise(x, 8 * bytes);
                for (int k = 0; k < bytes; k++) {
                    int shift = bigEndian ? 8 * (bytes - 1 - k) : 8 * k;
                    out.put((byte) (v >> shift));
                }
            }
        }
    }

    /** Rounds {@code x * 2^(bits-1)} to the nearest code, clipped to the signed range. */
    static long quantise(double x, int bits) {
        long full = 1L << (bits - 1);
        return Math.max(-full, Math.min(full - 1, Math.round(x * full)));
    }

    /** G.711 mu-law encoder from 16-bit linear, written from the standard's description. */
    static int muLaw(long pcm16) {
        int sign = pcm16 < 0 ? 0x80 : 0;
        long magnitude = Math.min(Math.abs(pcm16), 32635) + 0x84;
        int segment = 63 - Long.numberOfLeadingZeros(magnitude) - 7;
        int step = (int) (magnitude >> (segment + 3)) & 0x0F;
        return ~(sign | (segment << 4) | step) & 0xFF;
    }

    /** G.711 A-law encoder from 16-bit linear, written from the standard's description. */
    static int aLaw(long pcm16) {
        int sign = pcm16 >= 0 ? 0x80 : 0;
        long magnitude = Math.min(pcm16 >= 0 ? pcm16 : -pcm16 - 1, 32767);
        int segment;
        int step;
        if (magnitude < 256) {
            segment = 0;
            step = (int) (magnitude >> 4);
        } else {
            segment = 63 - Long.numberOfLeadingZeros(magnitude) - 7;
            step = (int) (magnitude >> (segment + 3)) & 0x0F;
        }
        return ((sign | (segment << 4) | step) ^ 0x55) & 0xFF;
    }

    // ---------------------------------------------------------------- containers

    /** A little byte writer with a fixed byte order. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final boolean bigEndian;

        Bytes(boolean bigEndian) {
            this.bigEndian = bigEndian;
        }

        Bytes ascii(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            return this;
        }

        Bytes u16(int v) {
            return number(v, 2);
        }

        Bytes u32(long v) {
            return number(v, 4);
        }

        Bytes u64(long v) {
            return number(v, 8);
        }

        Bytes bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        private Bytes number(long v, int n) {
            for (int k = 0; k < n; k++) {
                out.write((int) (v >> (bigEndian ? 8 * (n - 1 - k) : 8 * k)));
            }
            return this;
        }

        /** A chunk: id, the real size, body, and a pad byte after odd sizes. */
        Bytes chunk(String id, byte[] body) {
            return chunk(id, body.length, body, true);
        }

        /** A chunk whose size field says {@code declaredSize}, whatever the body's length. */
        Bytes chunk(String id, long declaredSize, byte[] body, boolean pad) {
            ascii(id).u32(declaredSize).bytes(body);
            if (pad && body.length % 2 == 1) {
                out.write(0);
            }
            return this;
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** The body of a plain fmt chunk (16 bytes). */
    static byte[] fmt(int tag, int channels, int rate, int bits, boolean bigEndian) {
        int blockAlign = channels * ((bits + 7) / 8);
        return new Bytes(bigEndian).u16(tag).u16(channels).u32(rate).u32((long) rate * blockAlign)
                .u16(blockAlign).u16(bits).toByteArray();
    }

    /** The body of a WAVE_FORMAT_EXTENSIBLE fmt chunk (40 bytes) with a standard sub-format GUID. */
    static byte[] fmtExtensible(int subTag, int channels, int rate, int containerBits, int validBits) {
        int blockAlign = channels * containerBits / 8;
        return new Bytes(false).u16(0xFFFE).u16(channels).u32(rate).u32((long) rate * blockAlign)
                .u16(blockAlign).u16(containerBits).u16(22).u16(validBits).u32(channels == 2 ? 3 : 4)
                .u32(subTag).bytes(new byte[] {0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00,
                        (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71})
                .toByteArray();
    }

    /** "RIFF" (or "RIFX") size "WAVE" followed by the given chunks. */
    static byte[] riff(boolean bigEndian, byte[] chunks) {
        return new Bytes(bigEndian).ascii(bigEndian ? "RIFX" : "RIFF").u32(4 + chunks.length)
                .ascii("WAVE").bytes(chunks).toByteArray();
    }

    /** A whole canonical WAV file: fmt then data. */
    static byte[] wav(int tag, int channels, int rate, int bits, byte[] data) {
        return riff(false, new Bytes(false).chunk("fmt ", fmt(tag, channels, rate, bits, false))
                .chunk("data", data).toByteArray());
    }

    /** 16-bit mono PCM WAV of the given samples. */
    static byte[] wav16(double[] samples, int rate) {
        return wav(1, 1, rate, 16, encode(new double[][] {samples}, SampleEncoding.PCM_SIGNED, 2, false));
    }

    /**
     * An AIFF ({@code compression == null}) or AIFF-C file.
     *
     * @param frames frame count to put in COMM
     */
    static byte[] aiff(String compression, int channels, long frames, int bits, int rate, byte[] data) {
        Bytes comm = new Bytes(true).u16(channels).u32(frames).u16(bits).bytes(extended(rate));
        if (compression != null) {
            comm.ascii(compression).bytes(new byte[] {0, 0}); // empty Pascal-string name, padded
        }
        byte[] ssnd = new Bytes(true).u32(0).u32(0).bytes(data).toByteArray();
        byte[] chunks = new Bytes(true).chunk("COMM", comm.toByteArray()).chunk("SSND", ssnd).toByteArray();
        return new Bytes(true).ascii("FORM").u32(4 + chunks.length)
                .ascii(compression == null ? "AIFF" : "AIFC").bytes(chunks).toByteArray();
    }

    /** A positive integer as an 80-bit IEEE extended float, big-endian. */
    static byte[] extended(int value) {
        int log2 = 31 - Integer.numberOfLeadingZeros(value);
        long mantissa = (long) value << (63 - log2);
        return new Bytes(true).u16(16383 + log2).u64(mantissa).toByteArray();
    }
}
