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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named arrays in one file: a magic header, a count, then (name, array) pairs, then a CRC32 of everything before it,
 * so a truncated or corrupted file is detected on load instead of giving a silently wrong model.
 */
public final class WeightsFile {
    private static final int MAGIC = 0x56425731; // "VBW1"

    private WeightsFile() {
    }

    /** Writes atomically (see {@link AtomicFiles}). */
    public static void write(Path file, Map<String, INDArray> arrays) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(arrays.size());
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                out.writeUTF(e.getKey());
                Nd4j.write(e.getValue(), out);
            }
        }
        byte[] body = bytes.toByteArray();
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
            if (in.readInt() != MAGIC) {
                throw new IOException(file + ": not a Verbatim weights file (bad magic number)");
            }
            if (crc.getValue() != stored) {
                throw new IOException(file + ": corrupt weights file (checksum mismatch: truncated or damaged)");
            }
            int n = in.readInt();
            Map<String, INDArray> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                out.put(name, Nd4j.read(in));
            }
            return out;
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(file.toString()) ? e
                    : new IOException(file + ": corrupt weights file (" + e + ")", e);
        } catch (RuntimeException e) {
            throw new IOException(file + ": corrupt weights file (" + e + ")", e);
        }
    }
}
