package dev.verbatim.lm;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * Verbatim's binary forms of a language model. Both end in a CRC-32 of everything before it, checked on reading.
 *
 * <ul>
 *   <li>"VLM1" (read only): the order, the words, then per order the count and (key, log10 prob, log10 backoff or
 *       NaN) entries of 16 bytes each.</li>
 *   <li>"VLM2": the order, flags, the words, then per order the count and the n-grams sorted by key, each key
 *       written as its difference from the one before (a variable-length integer: n-grams that share a context
 *       differ only in their last word, so most take one to three bytes), followed by its log10 probability and,
 *       below the top order, its log10 backoff. Unquantized these are 32-bit floats, exactly as estimated.
 *       Quantized (flag 1), n-grams of order 2 and up store one byte each: an index into that order's table of at
 *       most 255 values, found by equal-count binning of the sorted values (each bin's mean, as KenLM's
 *       quantization does), the levels that coincide moved into the widest gaps, then refined by Lloyd's
 *       algorithm; byte 255 means log10 0 for a probability and "no backoff" for a backoff. Unigrams stay 32-bit.
 *       The shipped 4-gram model shrinks to about a third, and its probabilities move by about 0.01 in log10.</li>
 * </ul>
 */
final class NgramBinary {
    static final int MAGIC_V1 = 0x564C4D31; // "VLM1"
    static final int MAGIC_V2 = 0x564C4D32; // "VLM2"
    private static final int FLAG_QUANTIZED = 1;
    /** Quantization levels per table; the byte above them is the special value. */
    static final int LEVELS = 255;
    private static final int SPECIAL = 255;

    private NgramBinary() {
    }

    /** The magic number a file starts with, or 0 when it is shorter than four bytes. */
    static int magic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 ? ByteBuffer.wrap(head).getInt() : 0;
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": missing");
        }
    }

    /** Whether {@code file} is the quantized binary form (its magic number, order and flags). */
    static boolean isQuantized(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(12);
            ByteBuffer b = ByteBuffer.wrap(head);
            return head.length == 12 && b.getInt(0) == MAGIC_V2 && (b.getInt(8) & FLAG_QUANTIZED) != 0;
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": missing");
        }
    }

    static void write(NgramModel lm, OutputStream out, boolean quantize) throws IOException {
        CRC32 crc = new CRC32();
        DataOutputStream d = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(out, crc), 1 << 16));
        d.writeInt(MAGIC_V2);
        d.writeInt(lm.order());
        d.writeInt(quantize ? FLAG_QUANTIZED : 0);
        d.writeInt(lm.vocabularySize());
        for (int i = 0; i < lm.vocabularySize(); i++) {
            d.writeUTF(lm.word(i));
        }
        for (int k = 1; k <= lm.order(); k++) {
            LongFloatMap prob = lm.probs(k);
            LongFloatMap backoff = k < lm.order() ? lm.backoffs(k) : null;
            long[] keys = sortedKeys(prob);
            float[] p = new float[keys.length];
            float[] b = backoff == null ? null : new float[keys.length];
            for (int i = 0; i < keys.length; i++) {
                p[i] = prob.get(keys[i], Float.NaN);
                if (b != null) {
                    b[i] = backoff.get(keys[i], Float.NaN);
                }
            }
            boolean q = quantize && k >= 2;
            Codebook pc = q ? Codebook.fit(p) : null;
            Codebook bc = q && b != null ? Codebook.fit(b) : null;
            d.writeInt(keys.length);
            if (pc != null) {
                pc.write(d);
            }
            if (bc != null) {
                bc.write(d);
            }
            long previous = 0;
            for (int i = 0; i < keys.length; i++) {
                writeVarLong(d, keys[i] - previous);
                previous = keys[i];
                if (q) {
                    d.writeByte(pc.encode(p[i]));
                    if (b != null) {
                        d.writeByte(bc.encode(b[i]));
                    }
                } else {
                    d.writeFloat(p[i]);
                    if (b != null) {
                        d.writeFloat(b[i]);
                    }
                }
            }
        }
        d.flush();
        new DataOutputStream(out).writeLong(crc.getValue());
        out.flush();
    }

    /** The keys of {@code map} in unsigned order (a 4-gram key can have its top bit set). */
    private static long[] sortedKeys(LongFloatMap map) {
        long[] keys = new long[map.size()];
        int[] n = {0};
        map.forEach((key, value) -> keys[n[0]++] = key ^ Long.MIN_VALUE);
        Arrays.sort(keys);
        for (int i = 0; i < keys.length; i++) {
            keys[i] ^= Long.MIN_VALUE;
        }
        return keys;
    }

    private static void writeVarLong(DataOutputStream d, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            d.writeByte((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        d.writeByte((int) v);
    }

    private static long readVarLong(ByteBuffer in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = Byte.toUnsignedInt(in.get());
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("a key longer than 64 bits");
    }

    /**
     * Reads either binary form; errors name the file. The file is read whole and its checksum checked before
     * anything is parsed.
     */
    static NgramModel read(Path file) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": missing");
        }
        if (all.length < 20) {
            throw new IOException(file + ": corrupt language model (truncated)");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        ByteBuffer in = ByteBuffer.wrap(all, 0, all.length - 8);
        try {
            int magic = in.getInt();
            if (magic != MAGIC_V1 && magic != MAGIC_V2) {
                throw new IOException(file + ": not a Verbatim language model");
            }
            if (crc.getValue() != ByteBuffer.wrap(all, all.length - 8, 8).getLong()) {
                throw new IOException(file + ": corrupt language model (checksum mismatch)");
            }
            int order = in.getInt();
            int flags = magic == MAGIC_V2 ? in.getInt() : 0;
            int n = in.getInt();
            if (order < 1 || order > NgramModel.MAX_ORDER || n < 3 || n > NgramModel.MAX_WORDS
                    || (flags & ~FLAG_QUANTIZED) != 0) {
                throw new IOException(file + ": corrupt language model (order " + order + ", " + n + " words, "
                        + "flags " + flags + ")");
            }
            List<String> vocab = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int length = Short.toUnsignedInt(in.getShort(in.position()));
                vocab.add(new DataInputStream(new ByteArrayInputStream(all, in.position(), length + 2)).readUTF());
                in.position(in.position() + length + 2);
            }
            LongFloatMap[] prob = new LongFloatMap[order];
            LongFloatMap[] backoff = new LongFloatMap[order];
            for (int k = 1; k <= order; k++) {
                int count = in.getInt();
                long least = magic == MAGIC_V1 ? 16 : 2;
                if (count < 0 || count * least > in.remaining()) {
                    throw new IOException(file + ": corrupt language model (" + count + " " + k + "-grams)");
                }
                prob[k - 1] = new LongFloatMap(count);
                backoff[k - 1] = new LongFloatMap(k < order ? count : 1);
                if (magic == MAGIC_V1) {
                    readV1Entries(in, count, prob[k - 1], backoff[k - 1]);
                } else {
                    boolean q = (flags & FLAG_QUANTIZED) != 0 && k >= 2;
                    readV2Entries(in, count, q, k < order, prob[k - 1], backoff[k - 1]);
                }
            }
            if (in.hasRemaining()) {
                throw new IOException(file + ": corrupt language model (" + in.remaining() + " bytes left over)");
            }
            return new NgramModel(vocab, prob, backoff);
        } catch (BufferUnderflowException e) {
            throw new IOException(file + ": corrupt language model (truncated)", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": corrupt language model (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new IOException(file + ": corrupt language model (" + e.getMessage() + ")", e);
        }
    }

    private static void readV1Entries(ByteBuffer in, int count, LongFloatMap prob, LongFloatMap backoff) {
        for (int i = 0; i < count; i++) {
            long key = in.getLong();
            prob.put(key, in.getFloat());
            float bo = in.getFloat();
            if (!Float.isNaN(bo)) {
                backoff.put(key, bo);
            }
        }
    }

    private static void readV2Entries(ByteBuffer in, int count, boolean quantized, boolean hasBackoff,
            LongFloatMap prob, LongFloatMap backoff) throws IOException {
        Codebook pc = quantized ? Codebook.read(in) : null;
        Codebook bc = quantized && hasBackoff ? Codebook.read(in) : null;
        long key = 0;
        for (int i = 0; i < count; i++) {
            key += readVarLong(in);
            float p;
            float b = Float.NaN;
            if (quantized) {
                p = pc.decode(Byte.toUnsignedInt(in.get()), NgramModel.LOG_ZERO);
                if (hasBackoff) {
                    b = bc.decode(Byte.toUnsignedInt(in.get()), Float.NaN);
                }
            } else {
                p = in.getFloat();
                if (hasBackoff) {
                    b = in.getFloat();
                }
            }
            prob.put(key, p);
            if (!Float.isNaN(b)) {
                backoff.put(key, b);
            }
        }
    }

    /**
     * At most {@link #LEVELS} values standing for many (every distinct value itself when there are no more than
     * that): the means of equal-count bins of the sorted values, levels that coincide replaced by levels in the
     * widest gaps, then refined by Lloyd's algorithm. NaN and log10 0 are left out and written as the special byte.
     */
    static final class Codebook {
        final float[] levels; // ascending

        private Codebook(float[] levels) {
            this.levels = levels;
        }

        static Codebook fit(float[] values) {
            float[] v = new float[values.length];
            int m = 0;
            for (float x : values) {
                if (ordinary(x)) {
                    v[m++] = x;
                }
            }
            v = Arrays.copyOf(v, m);
            Arrays.sort(v);
            float[] distinct = distinct(v);
            if (distinct.length <= LEVELS) {
                return new Codebook(distinct);
            }
            float[] levels = new float[LEVELS];
            for (int b = 0; b < LEVELS; b++) {
                int from = (int) ((long) b * v.length / LEVELS);
                int to = (int) ((long) (b + 1) * v.length / LEVELS);
                double sum = 0;
                for (int i = from; i < to; i++) {
                    sum += v[i];
                }
                levels[b] = (float) (sum / (to - from));
            }
            levels = fillWidestGaps(distinct(levels), v[0], v[v.length - 1]);
            lloyd(v, levels, 20);
            return new Codebook(levels);
        }

        /**
         * Grows {@code levels} to {@link #LEVELS} by putting a level in the middle of the widest gap, again and again
         * (the range's ends count as levels). Values that many n-grams share (a common backoff) make equal-count bins
         * coincide; the levels freed this way go where the spacing is coarsest.
         */
        private static float[] fillWidestGaps(float[] levels, float min, float max) {
            java.util.TreeSet<Float> set = new java.util.TreeSet<>();
            for (float x : levels) {
                set.add(x);
            }
            set.add(min);
            set.add(max);
            while (set.size() < LEVELS) {
                Float widestLow = null;
                float widest = 0;
                Float previous = null;
                for (Float x : set) {
                    if (previous != null && x - previous > widest) {
                        widest = x - previous;
                        widestLow = previous;
                    }
                    previous = x;
                }
                float middle = widestLow == null ? Float.NaN : widestLow + widest / 2;
                if (widestLow == null || !set.add(middle)) {
                    break;
                }
            }
            float[] out = new float[set.size()];
            int i = 0;
            for (Float x : set) {
                out[i++] = x;
            }
            return out.length > LEVELS ? fitInto(out) : out;
        }

        /** Drops the levels nearest their neighbours until at most {@link #LEVELS} are left. */
        private static float[] fitInto(float[] levels) {
            java.util.List<Float> list = new java.util.ArrayList<>();
            for (float x : levels) {
                list.add(x);
            }
            while (list.size() > LEVELS) {
                int drop = 1;
                float narrowest = Float.POSITIVE_INFINITY;
                for (int i = 1; i < list.size(); i++) {
                    float gap = list.get(i) - list.get(i - 1);
                    if (gap < narrowest) {
                        narrowest = gap;
                        drop = i;
                    }
                }
                list.remove(drop);
            }
            float[] out = new float[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i);
            }
            return out;
        }

        /**
         * Moves the levels towards the least squared error (Lloyd's algorithm in one dimension): each value goes to
         * its nearest level, each level to the mean of its values. Equal-count bins alone leave the sparse tails,
         * such as rare words' low probabilities, with wide bins.
         */
        private static void lloyd(float[] sorted, float[] levels, int iterations) {
            for (int it = 0; it < iterations; it++) {
                int i = 0;
                for (int b = 0; b < levels.length; b++) {
                    double upper = b + 1 < levels.length ? (levels[b] + (double) levels[b + 1]) / 2
                            : Double.POSITIVE_INFINITY;
                    double sum = 0;
                    int n = 0;
                    while (i < sorted.length && sorted[i] <= upper) {
                        sum += sorted[i++];
                        n++;
                    }
                    if (n > 0) {
                        levels[b] = (float) (sum / n);
                    }
                }
                Arrays.sort(levels);
            }
        }

        private static boolean ordinary(float x) {
            return !Float.isNaN(x) && x > NgramModel.LOG_ZERO;
        }

        private static float[] distinct(float[] sorted) {
            int n = 0;
            float[] out = new float[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    out[n++] = sorted[i];
                }
            }
            return Arrays.copyOf(out, n);
        }

        /** The index of the nearest level, or the special byte for NaN and log10 0. */
        int encode(float x) {
            if (!ordinary(x) || levels.length == 0) {
                return SPECIAL;
            }
            int i = Arrays.binarySearch(levels, x);
            if (i >= 0) {
                return i;
            }
            int above = -i - 1;
            if (above == 0) {
                return 0;
            }
            if (above == levels.length) {
                return levels.length - 1;
            }
            return x - levels[above - 1] <= levels[above] - x ? above - 1 : above;
        }

        float decode(int code, float special) throws IOException {
            if (code == SPECIAL) {
                return special;
            }
            if (code >= levels.length) {
                throw new IOException("quantization index " + code + " of " + levels.length);
            }
            return levels[code];
        }

        void write(DataOutputStream d) throws IOException {
            d.writeShort(levels.length);
            for (float x : levels) {
                d.writeFloat(x);
            }
        }

        static Codebook read(ByteBuffer in) throws IOException {
            int n = Short.toUnsignedInt(in.getShort());
            if (n > LEVELS) {
                throw new IOException(n + " quantization levels");
            }
            float[] levels = new float[n];
            for (int i = 0; i < n; i++) {
                levels[i] = in.getFloat();
            }
            return new Codebook(levels);
        }
    }
}
