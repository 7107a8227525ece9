package dev.verbatim.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WeightsFileTest {
    /** A [2, 40, 96] matrix whose rows have very different magnitudes, a zero row, and a small bias. */
    private static Map<String, INDArray> arrays() {
        Random rng = new Random(7);
        float[] w = new float[2 * 40 * 96];
        for (int r = 0; r < 80; r++) {
            double size = r == 13 ? 0 : Math.pow(10, -3 + 3.0 * r / 80); // 1e-3 .. ~1
            for (int c = 0; c < 96; c++) {
                w[r * 96 + c] = (float) (rng.nextGaussian() * size);
            }
        }
        float[] b = new float[96];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rng.nextGaussian();
        }
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("w", Nd4j.create(w, new long[] {2, 40, 96}, 'c'));
        m.put("b", Nd4j.create(b, new long[] {96}, 'c'));
        return m;
    }

    @Test
    void eightBitRowsComeBackWithinHalfAStepOfEachRowsScale(@TempDir Path dir) throws IOException {
        Map<String, INDArray> original = arrays();
        Path file = dir.resolve("w.bin");
        WeightsFile.write(file, original, WeightsFile.Storage.INT8);
        assertEquals(WeightsFile.Storage.INT8, WeightsFile.storage(file));
        Map<String, INDArray> back = WeightsFile.read(file);
        assertEquals(original.keySet(), back.keySet());
        INDArray w = back.get("w");
        assertEquals(DataType.FLOAT, w.dataType());
        assertArrayEquals(new long[] {2, 40, 96}, w.shape());
        float[] a = original.get("w").data().asFloat();
        float[] q = w.dup('c').data().asFloat();
        for (int r = 0; r < 80; r++) {
            float max = 0;
            for (int c = 0; c < 96; c++) {
                max = Math.max(max, Math.abs(a[r * 96 + c]));
            }
            float step = max / 127;
            for (int c = 0; c < 96; c++) {
                float err = Math.abs(a[r * 96 + c] - q[r * 96 + c]);
                // the rounding error of this row's own scale (plus float slack), so small rows stay precise
                assertTrue(err <= step * 0.5f + 1e-6f * max, "row " + r + " col " + c + ": error " + err
                        + " with step " + step);
            }
        }
        for (int c = 0; c < 96; c++) {
            assertEquals(0f, q[13 * 96 + c], "an all-zero row stays zero");
        }
        // the bias (too small to quantize) is 16-bit: within float16 rounding
        assertArrayEquals(original.get("b").data().asFloat(), back.get("b").dup().data().asFloat(), 2e-3f);
        assertEquals(DataType.FLOAT, back.get("b").castTo(DataType.FLOAT).dataType());
    }

    @Test
    void eachStorageIsSmallerThanTheLastAndReportsItself(@TempDir Path dir) throws IOException {
        long previous = Long.MAX_VALUE;
        for (WeightsFile.Storage s : WeightsFile.Storage.values()) {
            Path file = dir.resolve(s + ".bin");
            WeightsFile.write(file, arrays(), s);
            assertEquals(s, WeightsFile.storage(file));
            long size = Files.size(file);
            assertTrue(size < previous * 0.6, s + ": " + size + " bytes after " + previous);
            previous = size;
        }
        assertEquals(WeightsFile.Storage.INT8, WeightsFile.Storage.ofBits(8));
        assertThrows(IllegalArgumentException.class, () -> WeightsFile.Storage.ofBits(4));
    }

    @Test
    void damagedOrTruncatedEightBitFilesAreNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("w.bin");
        WeightsFile.write(file, arrays(), WeightsFile.Storage.INT8);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 0x21;
        Files.write(file, bytes);
        IOException e = assertThrows(IOException.class, () -> WeightsFile.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("corrupt"), e.getMessage());

        WeightsFile.write(file, arrays(), WeightsFile.Storage.INT8);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 100));
        e = assertThrows(IOException.class, () -> WeightsFile.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("corrupt"), e.getMessage());
    }
}
