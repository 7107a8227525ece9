package dev.verbatim.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class SampleCodecTest {

    private static final SampleFormat U8 = new SampleFormat(SampleEncoding.PCM_UNSIGNED, 1, false);

    private static float decode(SampleEncoding encoding, int bytes, boolean bigEndian, int... b) {
        byte[] raw = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            raw[i] = (byte) b[i];
        }
        return SampleCodec.decodeSample(raw, 0, new SampleFormat(encoding, bytes, bigEndian));
    }

    @Test
    void muLawMatchesG711() {
        assertEquals(0, SampleCodec.muLawToLinear16(0xFF));
        assertEquals(0, SampleCodec.muLawToLinear16(0x7F));
        assertEquals(32124, SampleCodec.muLawToLinear16(0x80));
        assertEquals(-32124, SampleCodec.muLawToLinear16(0x00));
        assertEquals(-8, SampleCodec.muLawToLinear16(0x7E));
        assertEquals(8, SampleCodec.muLawToLinear16(0xFE));
        assertEquals(32124 / 32768f, decode(SampleEncoding.MU_LAW, 1, false, 0x80));
        assertEquals(-32124 / 32768f, decode(SampleEncoding.MU_LAW, 1, false, 0x00));
        assertEquals(0f, decode(SampleEncoding.MU_LAW, 1, false, 0xFF));
    }

    @Test
    void aLawMatchesG711() {
        assertEquals(8, SampleCodec.aLawToLinear16(0xD5));
        assertEquals(-8, SampleCodec.aLawToLinear16(0x55));
        assertEquals(32256, SampleCodec.aLawToLinear16(0xAA));
        assertEquals(-32256, SampleCodec.aLawToLinear16(0x2A));
        assertEquals(8 / 32768f, decode(SampleEncoding.A_LAW, 1, false, 0xD5));
        assertEquals(-8 / 32768f, decode(SampleEncoding.A_LAW, 1, false, 0x55));
    }

    @Test
    void g711CodesAreSymmetricAndMonotonic() {
        for (int code = 0; code < 256; code++) {
            assertEquals(-SampleCodec.muLawToLinear16(code), SampleCodec.muLawToLinear16(code ^ 0x80), "mu " + code);
            assertEquals(-SampleCodec.aLawToLinear16(code), SampleCodec.aLawToLinear16(code ^ 0x80), "A " + code);
        }
        // Positive mu-law codes run from 0xFF (smallest) down to 0x80 (largest).
        for (int code = 0xFF; code > 0x80; code--) {
            assertTrue(SampleCodec.muLawToLinear16(code) < SampleCodec.muLawToLinear16(code - 1));
        }
    }

    @Test
    void unsigned8() {
        assertEquals(-1f, decode(SampleEncoding.PCM_UNSIGNED, 1, false, 0x00));
        assertEquals(0f, decode(SampleEncoding.PCM_UNSIGNED, 1, false, 0x80));
        assertEquals(127 / 128f, decode(SampleEncoding.PCM_UNSIGNED, 1, false, 0xFF));
    }

    @Test
    void signed8() {
        assertEquals(-1f, decode(SampleEncoding.PCM_SIGNED, 1, true, 0x80));
        assertEquals(127 / 128f, decode(SampleEncoding.PCM_SIGNED, 1, true, 0x7F));
        assertEquals(0f, decode(SampleEncoding.PCM_SIGNED, 1, true, 0x00));
    }

    @Test
    void signed16BothByteOrders() {
        assertEquals(-1f, decode(SampleEncoding.PCM_SIGNED, 2, false, 0x00, 0x80));
        assertEquals(32767 / 32768f, decode(SampleEncoding.PCM_SIGNED, 2, false, 0xFF, 0x7F));
        assertEquals(1 / 32768f, decode(SampleEncoding.PCM_SIGNED, 2, false, 0x01, 0x00));
        assertEquals(-1 / 32768f, decode(SampleEncoding.PCM_SIGNED, 2, false, 0xFF, 0xFF));
        assertEquals(-1f, decode(SampleEncoding.PCM_SIGNED, 2, true, 0x80, 0x00));
        assertEquals(256 / 32768f, decode(SampleEncoding.PCM_SIGNED, 2, true, 0x01, 0x00));
    }

    @Test
    void signed24BothByteOrders() {
        assertEquals(-1f, decode(SampleEncoding.PCM_SIGNED, 3, false, 0x00, 0x00, 0x80));
        assertEquals(0x1p-23f, decode(SampleEncoding.PCM_SIGNED, 3, false, 0x01, 0x00, 0x00));
        assertEquals(-0x1p-23f, decode(SampleEncoding.PCM_SIGNED, 3, false, 0xFF, 0xFF, 0xFF));
        assertEquals(0.5f, decode(SampleEncoding.PCM_SIGNED, 3, false, 0x00, 0x00, 0x40));
        assertEquals(-1f, decode(SampleEncoding.PCM_SIGNED, 3, true, 0x80, 0x00, 0x00));
        assertEquals(0x1p-23f, decode(SampleEncoding.PCM_SIGNED, 3, true, 0x00, 0x00, 0x01));
    }

    @Test
    void signed32BothByteOrders() {
        assertEquals(-1f, decode(SampleEncoding.PCM_SIGNED, 4, false, 0, 0, 0, 0x80));
        assertEquals(0.25f, decode(SampleEncoding.PCM_SIGNED, 4, false, 0, 0, 0, 0x20));
        assertEquals(-1f, decode(SampleEncoding.PCM_SIGNED, 4, true, 0x80, 0, 0, 0));
        assertEquals(0x1p-31f, decode(SampleEncoding.PCM_SIGNED, 4, true, 0, 0, 0, 1));
    }

    @Test
    void floatsPassThroughButAreKeptInRange() {
        assertEquals(0.5f, floatSample(0.5f, false));
        assertEquals(-0.125f, floatSample(-0.125f, true));
        assertEquals(1f, floatSample(2.5f, false));
        assertEquals(-1f, floatSample(Float.NEGATIVE_INFINITY, true));
        assertEquals(0f, floatSample(Float.NaN, false));
        byte[] d = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.3).array();
        assertEquals(0.3f, SampleCodec.decodeSample(d, 0, new SampleFormat(SampleEncoding.FLOAT, 8, false)));
        byte[] dBig = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(-0.7).array();
        assertEquals(-0.7f, SampleCodec.decodeSample(dBig, 0, new SampleFormat(SampleEncoding.FLOAT, 8, true)));
    }

    private static float floatSample(float value, boolean bigEndian) {
        byte[] b = ByteBuffer.allocate(4).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                .putFloat(value).array();
        return SampleCodec.decodeSample(b, 0, new SampleFormat(SampleEncoding.FLOAT, 4, bigEndian));
    }

    @Test
    void decodeDeinterleavesFromAnOffset() {
        byte[] raw = {99, 0x00, (byte) 0x80, 0x40, (byte) 0xC0, (byte) 0xFF};
        float[][] dst = new float[2][4];
        SampleCodec.decode(raw, 1, U8, 2, dst, 1, 2);
        // Frames (0x00, 0x80) and (0x40, 0xC0) land at frames 1 and 2; the 0xFF is not asked for.
        assertArrayEquals(new float[] {0, -1f, -0.5f, 0}, dst[0]);
        assertArrayEquals(new float[] {0, 0f, 0.5f, 0}, dst[1]);
    }

    @Test
    void pcm16RoundTripsEveryCode() {
        SampleFormat s16 = new SampleFormat(SampleEncoding.PCM_SIGNED, 2, false);
        byte[] one = new byte[2];
        for (int v = Short.MIN_VALUE; v <= Short.MAX_VALUE; v++) {
            float x = v / 32768f;
            assertEquals(v, SampleCodec.toPcm16(x));
            SampleCodec.encodePcm16(new float[] {x}, 0, 1, one, 0);
            assertEquals(x, SampleCodec.decodeSample(one, 0, s16));
        }
    }

    @Test
    void pcm16ClipsAndRounds() {
        assertEquals(Short.MAX_VALUE, SampleCodec.toPcm16(1f));
        assertEquals(Short.MAX_VALUE, SampleCodec.toPcm16(1.5f));
        assertEquals(Short.MIN_VALUE, SampleCodec.toPcm16(-1f));
        assertEquals(Short.MIN_VALUE, SampleCodec.toPcm16(-7f));
        assertEquals(0, SampleCodec.toPcm16(Float.NaN));
        assertEquals(2, SampleCodec.toPcm16(1.6f / 32768));
        byte[] out = new byte[6];
        SampleCodec.encodePcm16(new float[] {9f, 0.5f, -0.5f, 0.25f}, 1, 3, out, 0);
        assertArrayEquals(new byte[] {0x00, 0x40, 0x00, (byte) 0xC0, 0x00, 0x20}, out);
    }

    @Test
    void formatRejectsImpossibleSizes() {
        assertThrows(IllegalArgumentException.class, () -> new SampleFormat(SampleEncoding.FLOAT, 2, false));
        assertThrows(IllegalArgumentException.class, () -> new SampleFormat(SampleEncoding.MU_LAW, 2, false));
        assertThrows(IllegalArgumentException.class, () -> new SampleFormat(SampleEncoding.PCM_SIGNED, 5, false));
        assertEquals("24-bit signed PCM, big-endian", new SampleFormat(SampleEncoding.PCM_SIGNED, 3, true).describe());
    }
}
