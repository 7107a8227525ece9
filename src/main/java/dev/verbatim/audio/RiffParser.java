package dev.verbatim.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the format and the samples in a RIFF/WAVE file: little-endian "RIFF", big-endian "RIFX",
 * and the 64-bit "RF64"/"BW64" variants. The RIFF size field is ignored (streaming tools often
 * leave it wrong), as are blockAlign and byteRate: the frame size follows from bits per sample.
 */
final class RiffParser {

    /** The tail of the GUID every standard WAVE_FORMAT_EXTENSIBLE sub-format shares. */
    private static final byte[] EXTENSIBLE_GUID_TAIL =
            {0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private static final int TAG_PCM = 0x0001;
    private static final int TAG_FLOAT = 0x0003;
    private static final int TAG_A_LAW = 0x0006;
    private static final int TAG_MU_LAW = 0x0007;
    private static final int TAG_EXTENSIBLE = 0xFFFE;
    private static final long SIZE_PLACEHOLDER = 0xFFFFFFFFL;

    /** Names for the compressed formats people most often meet, to make the error concrete. */
    private static final Map<Integer, String> KNOWN_TAGS = Map.of(
            0x0002, "Microsoft ADPCM",
            0x0011, "IMA ADPCM",
            0x0031, "GSM 6.10",
            0x0050, "MPEG",
            0x0055, "MPEG Layer 3 (MP3)",
            0x00FF, "AAC",
            0x0161, "Windows Media Audio",
            0x2000, "Dolby AC-3");

    /** The format found in the fmt chunk. */
    private record Format(SampleFormat sampleFormat, int numChannels, int sampleRateHz) {
    }

    private RiffParser() {
    }

    /**
     * @param in    the file, whose first 12 bytes ("RIFF" size "WAVE") have been checked
     * @param order byte order of all header fields and samples
     */
    static DataLayout parse(FileBytes in, ByteOrder order) throws AudioFileException {
        ChunkScanner chunks = new ChunkScanner(in, 12, order);
        Format format = null;
        long ds64DataSize = -1;
        for (ChunkScanner.Chunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
            switch (chunk.id()) {
                case "fmt " -> {
                    if (format == null) {
                        format = parseFmt(in, chunk, order);
                    }
                }
                case "ds64" -> ds64DataSize = parseDs64(in, chunk, order);
                case "data" -> {
                    long declared = dataSize(chunks, chunk, ds64DataSize);
                    boolean runsToEnd = declared == DataLayout.UNTIL_END_OF_FILE
                            || chunk.dataStart() + declared >= in.size();
                    if (format == null && runsToEnd) {
                        throw in.error("invalid header: no fmt chunk before the audio data");
                    }
                    if (format == null) {
                        // A fmt chunk after the data is legal, if rare: keep looking.
                        return parseRest(in, chunks, chunk, declared, order);
                    }
                    return layout(format, chunk, declared);
                }
                default -> {
                    // LIST, fact, cue, bext, JUNK, ...: metadata we do not need.
                }
            }
            requireInFile(in, chunk);
            chunks.skip(chunk);
        }
        if (format == null) {
            throw in.error("truncated header: the file ends before the fmt chunk");
        }
        throw in.error("empty: no audio samples (no data chunk)");
    }

    /** Continues after a data chunk that came before the fmt chunk. */
    private static DataLayout parseRest(FileBytes in, ChunkScanner chunks, ChunkScanner.Chunk data,
                                        long declared, ByteOrder order) throws AudioFileException {
        chunks.skip(data);
        for (ChunkScanner.Chunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
            if (chunk.id().equals("fmt ")) {
                return layout(parseFmt(in, chunk, order), data, declared);
            }
            requireInFile(in, chunk);
            chunks.skip(chunk);
        }
        throw in.error("invalid header: no fmt chunk");
    }

    private static DataLayout layout(Format format, ChunkScanner.Chunk data, long declared) {
        return new DataLayout(format.sampleFormat(), format.numChannels(), format.sampleRateHz(),
                "data", data.dataStart(), declared);
    }

    /**
     * The data length to use. 0xFFFFFFFF means "see ds64" in RF64 and "unknown" elsewhere; 0 is
     * what tools writing to a pipe leave, unless another chunk follows (then it really is empty).
     */
    private static long dataSize(ChunkScanner chunks, ChunkScanner.Chunk data, long ds64DataSize)
            throws AudioFileException {
        if (data.size() == SIZE_PLACEHOLDER) {
            return ds64DataSize >= 0 ? ds64DataSize : DataLayout.UNTIL_END_OF_FILE;
        }
        if (data.size() == 0 && !chunks.looksLikeChunk(data.dataStart())) {
            return DataLayout.UNTIL_END_OF_FILE;
        }
        return data.size();
    }

    /** The 64-bit data size of an RF64 file; its ds64 chunk starts with the RIFF size, then this. */
    private static long parseDs64(FileBytes in, ChunkScanner.Chunk chunk, ByteOrder order)
            throws AudioFileException {
        if (chunk.size() < 16) {
            throw in.error("invalid header: ds64 chunk is " + chunk.size() + " bytes, needs at least 16");
        }
        long size = in.readHeader(chunk.dataStart() + 8, 8, order, "the ds64 chunk").getLong();
        return size >= 0 ? size : DataLayout.UNTIL_END_OF_FILE;
    }

    /** A chunk that runs past the end before we found the samples means the file was cut. */
    private static void requireInFile(FileBytes in, ChunkScanner.Chunk chunk) throws AudioFileException {
        if (chunk.end() > in.size()) {
            throw in.error("truncated header: '" + chunk.id().strip() + "' chunk says " + chunk.size()
                    + " bytes, file has " + Math.max(0, in.size() - chunk.dataStart()));
        }
    }

    private static Format parseFmt(FileBytes in, ChunkScanner.Chunk chunk, ByteOrder order)
            throws AudioFileException {
        if (chunk.size() < 16) {
            throw in.error("invalid header: fmt chunk is " + chunk.size() + " bytes, needs at least 16");
        }
        int length = (int) Math.min(chunk.size(), 40);
        ByteBuffer fmt = in.readHeader(chunk.dataStart(), length, order, "the fmt chunk");
        int tag = Short.toUnsignedInt(fmt.getShort(0));
        int channels = Short.toUnsignedInt(fmt.getShort(2));
        long rate = Integer.toUnsignedLong(fmt.getInt(4));
        int bits = Short.toUnsignedInt(fmt.getShort(14));
        if (tag == TAG_EXTENSIBLE) {
            tag = subFormatTag(in, fmt);
        }
        SampleFormat sampleFormat = sampleFormat(in, tag, bits, order);
        if (channels == 0) {
            throw in.error("invalid header: fmt chunk says 0 channels");
        }
        return new Format(sampleFormat, channels, checkedRate(in, rate));
    }

    /** The format tag hidden in a WAVE_FORMAT_EXTENSIBLE sub-format GUID. */
    private static int subFormatTag(FileBytes in, ByteBuffer fmt) throws AudioFileException {
        if (fmt.limit() < 40) {
            throw in.error("invalid header: WAVE_FORMAT_EXTENSIBLE fmt chunk is " + fmt.limit()
                    + " bytes, needs 40");
        }
        int data1 = fmt.getInt(24);
        boolean standard = (data1 >>> 16) == 0;
        for (int i = 0; i < EXTENSIBLE_GUID_TAIL.length; i++) {
            standard &= fmt.get(28 + i) == EXTENSIBLE_GUID_TAIL[i];
        }
        if (!standard) {
            StringBuilder guid = new StringBuilder();
            for (int i = 24; i < 40; i++) {
                guid.append(String.format(Locale.ROOT, "%02x", fmt.get(i) & 0xFF));
            }
            throw in.error("unsupported encoding: WAVE_FORMAT_EXTENSIBLE sub-format " + guid + "; "
                    + WavReader.SUPPORTED);
        }
        return data1 & 0xFFFF;
    }

    private static SampleFormat sampleFormat(FileBytes in, int tag, int bits, ByteOrder order)
            throws AudioFileException {
        boolean bigEndian = order == ByteOrder.BIG_ENDIAN;
        switch (tag) {
            case TAG_PCM:
                if (bits >= 1 && bits <= 8) {
                    return new SampleFormat(SampleEncoding.PCM_UNSIGNED, 1, bigEndian);
                }
                if (bits > 8 && bits <= 32) {
                    return new SampleFormat(SampleEncoding.PCM_SIGNED, (bits + 7) / 8, bigEndian);
                }
                throw unsupported(in, bits + "-bit PCM");
            case TAG_FLOAT:
                if (bits == 32 || bits == 64) {
                    return new SampleFormat(SampleEncoding.FLOAT, bits / 8, bigEndian);
                }
                throw unsupported(in, bits + "-bit IEEE float");
            case TAG_MU_LAW:
                // G.711 is 8 bits by definition; some writers put other numbers in the header.
                return new SampleFormat(SampleEncoding.MU_LAW, 1, bigEndian);
            case TAG_A_LAW:
                return new SampleFormat(SampleEncoding.A_LAW, 1, bigEndian);
            default:
                String name = KNOWN_TAGS.getOrDefault(tag, "unknown");
                throw unsupported(in, String.format(Locale.ROOT, "WAVE format tag 0x%04X (%s)", tag, name));
        }
    }

    private static AudioFileException unsupported(FileBytes in, String what) {
        return in.error("unsupported encoding: " + what + "; " + WavReader.SUPPORTED);
    }

    static int checkedRate(FileBytes in, long rate) throws AudioFileException {
        if (rate <= 0) {
            throw in.error("invalid header: sample rate is 0 Hz");
        }
        if (rate > Integer.MAX_VALUE) {
            throw in.error("invalid header: sample rate " + rate + " Hz is out of range");
        }
        return (int) rate;
    }
}
