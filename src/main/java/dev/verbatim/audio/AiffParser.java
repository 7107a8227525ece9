package dev.verbatim.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Finds the format and the samples in an AIFF or AIFF-C file (Apple's big-endian IFF format).
 * AIFF-C compression types read: NONE/twos/in24/in32 (big-endian PCM), sowt (little-endian PCM),
 * raw (8-bit unsigned), fl32/fl64 (float), ulaw, alaw.
 */
final class AiffParser {

    /** What the COMM chunk says. */
    private record Common(SampleFormat format, int numChannels, long numFrames, int sampleRateHz) {
    }

    private AiffParser() {
    }

    /**
     * @param in   the file, whose first 12 bytes ("FORM" size "AIFF"/"AIFC") have been checked
     * @param aifc whether the form type is AIFC, whose COMM chunk names a compression type
     */
    static DataLayout parse(FileBytes in, boolean aifc) throws AudioFileException {
        ChunkScanner chunks = new ChunkScanner(in, 12, ByteOrder.BIG_ENDIAN);
        Common common = null;
        ChunkScanner.Chunk sound = null;
        for (ChunkScanner.Chunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
            if (chunk.id().equals("COMM") && common == null) {
                common = parseComm(in, chunk, aifc);
            } else if (chunk.id().equals("SSND") && sound == null) {
                sound = chunk;
                if (chunk.end() >= in.size()) {
                    break;
                }
            }
            if (common != null && sound != null) {
                break;
            }
            if (chunk.end() > in.size()) {
                throw in.error("truncated header: '" + chunk.id().strip() + "' chunk says " + chunk.size()
                        + " bytes, file has " + Math.max(0, in.size() - chunk.dataStart()));
            }
            chunks.skip(chunk);
        }
        if (common == null) {
            throw in.error(sound == null
                    ? "truncated header: the file ends before the COMM chunk"
                    : "invalid header: no COMM chunk describing the audio");
        }
        if (sound == null) {
            throw in.error("empty: no audio samples (no SSND chunk)");
        }
        return layout(in, common, sound);
    }

    /**
     * The SSND data starts after its own 8-byte header plus an alignment offset. Its length is the
     * smaller of what the SSND size and the COMM frame count say; either may be a placeholder.
     */
    private static DataLayout layout(FileBytes in, Common common, ChunkScanner.Chunk sound)
            throws AudioFileException {
        ByteBuffer header = in.readHeader(sound.dataStart(), 8, ByteOrder.BIG_ENDIAN, "the SSND chunk");
        long offset = Integer.toUnsignedLong(header.getInt(0));
        long dataOffset = sound.dataStart() + 8 + offset;
        long declared = DataLayout.UNTIL_END_OF_FILE;
        if (sound.size() != 0 && sound.size() != 0xFFFFFFFFL) {
            declared = Math.max(0, sound.size() - 8 - offset);
        }
        if (common.numFrames() > 0) {
            long fromComm = common.numFrames() * common.numChannels() * common.format().bytesPerSample();
            declared = declared == DataLayout.UNTIL_END_OF_FILE ? fromComm : Math.min(declared, fromComm);
        }
        return new DataLayout(common.format(), common.numChannels(), common.sampleRateHz(),
                "SSND", dataOffset, declared);
    }

    private static Common parseComm(FileBytes in, ChunkScanner.Chunk chunk, boolean aifc)
            throws AudioFileException {
        int needed = aifc ? 22 : 18;
        if (chunk.size() < needed) {
            throw in.error("invalid header: COMM chunk is " + chunk.size() + " bytes, needs at least " + needed);
        }
        ByteBuffer comm = in.readHeader(chunk.dataStart(), needed, ByteOrder.BIG_ENDIAN, "the COMM chunk");
        int channels = comm.getShort(0);
        long frames = Integer.toUnsignedLong(comm.getInt(2));
        int bits = comm.getShort(6);
        double rate = extendedToDouble(comm, 8);
        String compression = aifc ? ChunkScanner.fourCc(comm, 18) : "NONE";
        SampleFormat format = sampleFormat(in, compression, bits);
        if (channels <= 0) {
            throw in.error("invalid header: COMM chunk says " + channels + " channels");
        }
        if (!(rate >= 0.5)) {
            throw in.error("invalid header: sample rate is 0 Hz");
        }
        int rateHz = RiffParser.checkedRate(in, Math.round(Math.min(rate, 1e12)));
        return new Common(format, channels, frames, rateHz);
    }

    private static SampleFormat sampleFormat(FileBytes in, String compression, int bits)
            throws AudioFileException {
        switch (compression) {
            case "NONE", "twos", "sowt":
                if (bits < 1 || bits > 32) {
                    throw in.error("unsupported encoding: " + bits + "-bit PCM; " + WavReader.SUPPORTED);
                }
                // AIFF's 8-bit samples are signed, unlike WAV's.
                return new SampleFormat(SampleEncoding.PCM_SIGNED, (bits + 7) / 8, !compression.equals("sowt"));
            case "in24":
                return new SampleFormat(SampleEncoding.PCM_SIGNED, 3, true);
            case "in32":
                return new SampleFormat(SampleEncoding.PCM_SIGNED, 4, true);
            case "raw ":
                return new SampleFormat(SampleEncoding.PCM_UNSIGNED, 1, true);
            case "fl32", "FL32":
                return new SampleFormat(SampleEncoding.FLOAT, 4, true);
            case "fl64", "FL64":
                return new SampleFormat(SampleEncoding.FLOAT, 8, true);
            // G.711 is 8 bits whatever the COMM chunk says (QuickTime writes 16).
            case "ulaw", "ULAW":
                return new SampleFormat(SampleEncoding.MU_LAW, 1, true);
            case "alaw", "ALAW":
                return new SampleFormat(SampleEncoding.A_LAW, 1, true);
            default:
                throw in.error("unsupported encoding: AIFF-C compression '" + compression + "'; "
                        + WavReader.SUPPORTED);
        }
    }

    /**
     * Decodes the 80-bit IEEE 754 extended float AIFF uses for the sample rate: sign and 15-bit
     * exponent (bias 16383), then a 64-bit mantissa whose top bit is the explicit integer bit.
     */
    static double extendedToDouble(ByteBuffer buffer, int index) {
        int signAndExponent = Short.toUnsignedInt(buffer.getShort(index));
        long mantissa = buffer.getLong(index + 2);
        int exponent = signAndExponent & 0x7FFF;
        if (exponent == 0 && mantissa == 0) {
            return 0.0;
        }
        // Keep the top 53 mantissa bits, which is all a double holds.
        double value = Math.scalb((double) (mantissa >>> 11), exponent - 16383 - 52);
        return (signAndExponent & 0x8000) != 0 ? -value : value;
    }
}
