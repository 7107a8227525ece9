package dev.verbatim.model;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import dev.verbatim.io.AtomicFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named arrays in one file: a magic header, a count, then (name, array) pairs, then a CRC32 of everything before it,
 * so a truncated or corrupted file is detected on load instead of giving a silently wrong model.
 *
 * <p>Two forms. "VBW1": every array as ND4J writes it (32-bit floats, or 16-bit after {@code compact --bits 16});
 * training checkpoints are always this form. "VBW2" ({@link Storage#INT8}, the shipped folder's form since the
 * fifteenth session): each entry starts with a tag byte; tag 0 is an ND4J array as in VBW1, tag 1 an 8-bit matrix
 * (rank, dimensions, one 32-bit scale per row, then one signed byte per value, row-major), where a row is a run along
 * the last dimension. A value is stored as {@code round(v / scale)} with {@code scale = max|row| / 127}, so it comes
 * back within half a scale step; arrays too small to matter (biases) stay 16-bit. Reading always gives 32-bit floats.
 */
public final class WeightsFile {
    private static final int MAGIC = 0x56425731; // "VBW1"
    private static final int MAGIC_TAGGED = 0x56425732; // "VBW2"
    private static final byte TAG_ND4J = 0;
    private static final byte TAG_INT8_ROWS = 1;
    /** Arrays with fewer values than this stay 16-bit under {@link Storage#INT8}: their bytes do not matter. */
    static final long MIN_INT8_VALUES = 4096;

    /** How the values of a weights file are stored, by bits per value. */
    public enum Storage {
        FLOAT32(32), FLOAT16(16), INT8(8);

        private final int bits;

        Storage(int bits) {
            this.bits = bits;
        }

        public int bits() {
            return bits;
        }

        /** The storage with {@code bits} bits per value (32, 16 or 8). */
        public static Storage ofBits(int bits) {
            for (Storage s : values()) {
                if (s.bits == bits) {
                    return s;
                }
            }
            throw new IllegalArgumentException("weights can be stored in 32, 16 or 8 bits, not " + bits);
        }
    }

    private WeightsFile() {
    }

    /** Writes the arrays as they are (their own data types), atomically (see {@link AtomicFiles}). */
    public static void write(Path file, Map<String, INDArray> arrays) throws IOException {
        writeFile(file, MAGIC, arrays, (out, a) -> Nd4j.write(a, out));
    }

    /**
     * Writes the arrays in {@code storage}: 32-bit or 16-bit floats, or 8-bit rows with a scale each (arrays of
     * rank 2 and up with at least {@value #MIN_INT8_VALUES} values; the rest 16-bit). Atomic.
     */
    public static void write(Path file, Map<String, INDArray> arrays, Storage storage) throws IOException {
        if (storage != Storage.INT8) {
            DataType type = storage == Storage.FLOAT32 ? DataType.FLOAT : DataType.HALF;
            Map<String, INDArray> cast = new LinkedHashMap<>();
            arrays.forEach((name, a) -> cast.put(name, a.dataType() == type ? a : a.castTo(type)));
            write(file, cast);
            return;
        }
        writeFile(file, MAGIC_TAGGED, arrays, (out, a) -> {
            if (a.rank() >= 2 && a.length() >= MIN_INT8_VALUES) {
                out.writeByte(TAG_INT8_ROWS);
                writeInt8Rows(out, a);
            } else {
                out.writeByte(TAG_ND4J);
                Nd4j.write(a.dataType() == DataType.HALF ? a : a.castTo(DataType.HALF), out);
            }
        });
    }

    /** Writes one array's bytes after its name. */
    private interface EntryWriter {
        void write(DataOutputStream out, INDArray array) throws IOException;
    }

    /** The layout both forms share: magic, count, (name, entry) pairs, CRC32; written atomically. */
    private static void writeFile(Path file, int magic, Map<String, INDArray> arrays, EntryWriter entry)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            out.writeInt(arrays.size());
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                out.writeUTF(e.getKey());
                entry.write(out, e.getValue());
            }
        }
        writeWithCrc(file, bytes.toByteArray());
    }

    private static void writeInt8Rows(DataOutputStream out, INDArray a) throws IOException {
        long[] shape = a.shape();
        out.writeInt(shape.length);
        for (long d : shape) {
            out.writeLong(d);
        }
        int cols = Math.toIntExact(shape[shape.length - 1]);
        int rows = Math.toIntExact(a.length() / cols);
        float[] v = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] scales = new float[rows];
        for (int r = 0; r < rows; r++) {
            float max = 0;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, Math.abs(v[r * cols + c]));
            }
            scales[r] = max / 127f;
            out.writeFloat(scales[r]);
        }
        byte[] q = new byte[rows * cols];
        for (int r = 0; r < rows; r++) {
            float inv = scales[r] == 0 ? 0 : 1f / scales[r];
            for (int c = 0; c < cols; c++) {
                q[r * cols + c] = (byte) Math.max(-127, Math.min(127, Math.round(v[r * cols + c] * inv)));
            }
        }
        out.write(q);
    }

    private static INDArray readInt8Rows(DataInputStream in) throws IOException {
        int rank = in.readInt();
        if (rank < 2 || rank > 8) {
            throw new IOException("an 8-bit array of rank " + rank);
        }
        long[] shape = new long[rank];
        long length = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = in.readLong();
            if (shape[i] <= 0 || shape[i] > Integer.MAX_VALUE) {
                throw new IOException("an 8-bit array of shape " + java.util.Arrays.toString(shape));
            }
            length *= shape[i];
            if (length > Integer.MAX_VALUE) {
                throw new IOException("an 8-bit array of " + length + " values");
            }
        }
        int cols = (int) shape[rank - 1];
        int rows = (int) (length / cols);
        float[] scales = new float[rows];
        for (int r = 0; r < rows; r++) {
            scales[r] = in.readFloat();
        }
        byte[] q = new byte[rows * cols];
        in.readFully(q);
        float[] v = new float[q.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                v[r * cols + c] = q[r * cols + c] * scales[r];
            }
        }
        return Nd4j.create(v, shape, 'c');
    }

    private static void writeWithCrc(Path file, byte[] body) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(body);
        ByteArrayOutputStream withCrc = new ByteArrayOutputStream(body.length + 8);
        try (DataOutputStream out = new DataOutputStream(withCrc)) {
            out.write(body);
            out.writeLong(crc.getValue());
        }
        AtomicFiles.write(file, withCrc.toByteArray());
    }

    /** Reads and verifies; the {@link IOException} message names the file and what is wrong with it. */
    public static Map<String, INDArray> read(Path file) throws IOException {
        return parse(file).arrays();
    }

    /** How {@code file}'s values are stored: the narrowest form among its arrays. Reads and verifies the file. */
    public static Storage storage(Path file) throws IOException {
        return parse(file).narrowest();
    }

    private record Parsed(Map<String, INDArray> arrays, Storage narrowest) {
    }

    private static Parsed parse(Path file) throws IOException {
        byte[] all;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            all = in.readAllBytes();
        }
        if (all.length < 16) {
            throw new IOException(file + ": corrupt weights file (only " + all.length + " bytes)");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8))) {
            int magic = in.readInt();
            if (magic != MAGIC && magic != MAGIC_TAGGED) {
                throw new IOException(file + ": not a Verbatim weights file (bad magic number)");
            }
            if (crc.getValue() != stored) {
                throw new IOException(file + ": corrupt weights file (checksum mismatch: truncated or damaged)");
            }
            int n = in.readInt();
            Map<String, INDArray> out = new LinkedHashMap<>();
            Storage narrowest = Storage.FLOAT32;
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                byte tag = magic == MAGIC_TAGGED ? in.readByte() : TAG_ND4J;
                INDArray a;
                if (tag == TAG_INT8_ROWS) {
                    a = readInt8Rows(in);
                    narrowest = Storage.INT8;
                } else if (tag == TAG_ND4J) {
                    a = Nd4j.read(in);
                    if (a.dataType() == DataType.HALF && narrowest == Storage.FLOAT32) {
                        narrowest = Storage.FLOAT16;
                    }
                } else {
                    throw new IOException("unknown array tag " + tag + " for " + name);
                }
                out.put(name, a);
            }
            return new Parsed(out, narrowest);
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(file.toString()) ? e
                    : new IOException(file + ": corrupt weights file (" + e + ")", e);
        } catch (RuntimeException e) {
            throw new IOException(file + ": corrupt weights file (" + e + ")", e);
        }
    }
}
