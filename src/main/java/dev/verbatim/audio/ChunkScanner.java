package dev.verbatim.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Walks the chunks of a RIFF or IFF file (WAV, RIFX, AIFF): a 4-character id, a 32-bit size,
 * the data, and a pad byte after odd-sized data.
 */
final class ChunkScanner {

    /** One chunk header. {@code size} is as declared and may run past the end of the file. */
    record Chunk(String id, long dataStart, long size) {
        long end() {
            return dataStart + size;
        }
    }

    private static final int HEADER_BYTES = 8;

    private final FileBytes in;
    private final ByteOrder order;
    private long position;

    ChunkScanner(FileBytes in, long firstChunk, ByteOrder order) {
        this.in = in;
        this.order = order;
        this.position = firstChunk;
    }

    /** The next chunk header, or null when fewer than 8 bytes remain (trailing junk is ignored). */
    Chunk next() throws AudioFileException {
        ByteBuffer header = in.readUpTo(position, HEADER_BYTES, order);
        if (header.remaining() < HEADER_BYTES) {
            return null;
        }
        String id = fourCc(header, 0);
        long size = Integer.toUnsignedLong(header.getInt(4));
        return new Chunk(id, position + HEADER_BYTES, size);
    }

    /**
     * Moves past {@code chunk}, including its pad byte if its size is odd. Some writers forget the
     * pad byte; a real one is 0, which no chunk id starts with, so a chunk id right at the end of
     * the data means there is none.
     */
    void skip(Chunk chunk) throws AudioFileException {
        long end = chunk.end();
        boolean padded = chunk.size() % 2 == 1 && !hasChunkId(end);
        position = padded ? end + 1 : end;
    }

    /** Whether a chunk header with a printable id, fitting in the file, starts at {@code at}. */
    boolean looksLikeChunk(long at) throws AudioFileException {
        if (!hasChunkId(at)) {
            return false;
        }
        long size = Integer.toUnsignedLong(in.readUpTo(at + 4, 4, order).getInt(0));
        return at + HEADER_BYTES + size <= in.size();
    }

    /** Whether 8 bytes start at {@code at} and the first 4 are printable ASCII. */
    private boolean hasChunkId(long at) throws AudioFileException {
        ByteBuffer header = in.readUpTo(at, HEADER_BYTES, order);
        if (header.remaining() < HEADER_BYTES) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            int b = header.get(i) & 0xFF;
            if (b < 0x20 || b > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** Four bytes as ASCII characters, e.g. "fmt ". */
    static String fourCc(ByteBuffer buffer, int index) {
        char[] chars = new char[4];
        for (int i = 0; i < 4; i++) {
            chars[i] = (char) (buffer.get(index + i) & 0xFF);
        }
        return new String(chars);
    }
}
