package dev.verbatim.audio;

/**
 * The one place where stored bytes become float samples, and 16-bit PCM bytes are made from them.
 *
 * <p>Scaling: an n-bit signed integer is divided by 2<sup>n-1</sup>, so the most negative code is
 * exactly -1 and the most positive is just under 1 (the convention of sox, ffmpeg and libsndfile).
 * 8-bit unsigned PCM is shifted by 128 first. G.711 codes are expanded to the 16-bit linear values
 * of the standard and divided by 32768. Float samples are passed through, except that values
 * outside [-1, 1] are clipped and NaN becomes 0, so every caller can rely on the range.
 */
public final class SampleCodec {

    private static final float[] MU_LAW_TABLE = new float[256];
    private static final float[] A_LAW_TABLE = new float[256];

    static {
        for (int code = 0; code < 256; code++) {
            MU_LAW_TABLE[code] = muLawToLinear16(code) / 32768f;
            A_LAW_TABLE[code] = aLawToLinear16(code) / 32768f;
        }
    }

    /** Reads one sample that starts at {@code bytes[offset]}. */
    @FunctionalInterface
    private interface Decoder {
        float decode(byte[] bytes, int offset);
    }

    private SampleCodec() {
    }

    /**
     * De-interleaves and decodes whole frames.
     *
     * @param src         interleaved samples, frame after frame
     * @param srcOffset   index in {@code src} of the first byte of the first frame
     * @param format      how each sample is stored
     * @param numChannels samples per frame; {@code dst} must have at least this many rows
     * @param dst         receives channel c of frame i at {@code dst[c][dstFrame + i]}
     * @param dstFrame    first frame index to write in {@code dst}
     * @param numFrames   how many frames to decode
     */
    public static void decode(byte[] src, int srcOffset, SampleFormat format, int numChannels,
                              float[][] dst, int dstFrame, int numFrames) {
        Decoder decoder = decoderFor(format);
        int step = format.bytesPerSample();
        int p = srcOffset;
        for (int i = 0; i < numFrames; i++) {
            for (int c = 0; c < numChannels; c++) {
                dst[c][dstFrame + i] = decoder.decode(src, p);
                p += step;
            }
        }
    }

    /** Decodes the single sample that starts at {@code src[offset]}. */
    public static float decodeSample(byte[] src, int offset, SampleFormat format) {
        return decoderFor(format).decode(src, offset);
    }

    /**
     * Expands a G.711 mu-law code to its 16-bit linear value (-32124 to 32124).
     * The code is stored inverted; after inverting, bit 7 is the sign, bits 4-6 the segment and
     * bits 0-3 the step within it, with a bias of 132 that makes the segments line up.
     */
    public static int muLawToLinear16(int code) {
        int u = ~code & 0xFF;
        int segment = (u >> 4) & 0x07;
        int step = u & 0x0F;
        int magnitude = (((step << 3) + 0x84) << segment) - 0x84;
        return (u & 0x80) != 0 ? -magnitude : magnitude;
    }

    /**
     * Expands a G.711 A-law code to its 16-bit linear value (-32256 to 32256).
     * The even bits are stored inverted (XOR 0x55); after that, bit 7 set means positive.
     * Segment 0 is linear; each further segment doubles the step. Values are step midpoints.
     */
    public static int aLawToLinear16(int code) {
        int a = (code ^ 0x55) & 0xFF;
        int segment = (a >> 4) & 0x07;
        int step = a & 0x0F;
        int magnitude = segment == 0
                ? (step << 4) + 8
                : ((step << 4) + 0x108) << (segment - 1);
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }

    /**
     * Converts a sample to 16-bit PCM: scaled by 32768, rounded, clipped to [-32768, 32767].
     * NaN becomes 0. This is the exact inverse of decoding 16-bit PCM.
     */
    public static short toPcm16(float sample) {
        if (Float.isNaN(sample)) {
            return 0;
        }
        long scaled = Math.round(sample * 32768.0);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, scaled));
    }

    /**
     * Encodes samples as 16-bit little-endian PCM (the WAV byte order), two bytes each.
     *
     * @param src       samples, nominally in [-1, 1]; values outside are clipped
     * @param srcOffset first sample to encode
     * @param count     number of samples
     * @param dst       receives {@code 2 * count} bytes
     * @param dstOffset where the first byte goes
     */
    public static void encodePcm16(float[] src, int srcOffset, int count, byte[] dst, int dstOffset) {
        int p = dstOffset;
        for (int i = 0; i < count; i++) {
            short s = toPcm16(src[srcOffset + i]);
            dst[p++] = (byte) s;
            dst[p++] = (byte) (s >> 8);
        }
    }

    private static Decoder decoderFor(SampleFormat format) {
        boolean be = format.bigEndian();
        return switch (format.encoding()) {
            case PCM_UNSIGNED -> (b, p) -> ((b[p] & 0xFF) - 128) * 0x1p-7f;
            case MU_LAW -> (b, p) -> MU_LAW_TABLE[b[p] & 0xFF];
            case A_LAW -> (b, p) -> A_LAW_TABLE[b[p] & 0xFF];
            case FLOAT -> format.bytesPerSample() == 4
                    ? (b, p) -> clip(Float.intBitsToFloat(int32(b, p, be)))
                    : (b, p) -> clip((float) Double.longBitsToDouble(int64(b, p, be)));
            case PCM_SIGNED -> switch (format.bytesPerSample()) {
                case 1 -> (b, p) -> b[p] * 0x1p-7f;
                case 2 -> be
                        ? (b, p) -> (short) ((b[p] << 8) | (b[p + 1] & 0xFF)) * 0x1p-15f
                        : (b, p) -> (short) ((b[p + 1] << 8) | (b[p] & 0xFF)) * 0x1p-15f;
                // 24-bit: build the value in the top three bytes of an int so the sign comes free.
                case 3 -> be
                        ? (b, p) -> (((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8))
                                * 0x1p-31f
                        : (b, p) -> (((b[p + 2] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p] & 0xFF) << 8))
                                * 0x1p-31f;
                default -> (b, p) -> int32(b, p, be) * 0x1p-31f;
            };
        };
    }

    private static int int32(byte[] b, int p, boolean bigEndian) {
        return bigEndian
                ? (b[p] << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF)
                : (b[p + 3] << 24) | ((b[p + 2] & 0xFF) << 16) | ((b[p + 1] & 0xFF) << 8) | (b[p] & 0xFF);
    }

    private static long int64(byte[] b, int p, boolean bigEndian) {
        long first = int32(b, p, bigEndian) & 0xFFFFFFFFL;
        long second = int32(b, p + 4, bigEndian) & 0xFFFFFFFFL;
        return bigEndian ? (first << 32) | second : (second << 32) | first;
    }

    /** Keeps the documented [-1, 1] range for float files, which may hold anything. */
    private static float clip(float x) {
        if (Float.isNaN(x)) {
            return 0f;
        }
        return Math.max(-1f, Math.min(1f, x));
    }
}
