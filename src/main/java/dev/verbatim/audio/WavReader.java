package dev.verbatim.audio;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Reads uncompressed audio files into float samples: WAV (RIFF, RIFX, RF64) and AIFF/AIFF-C.
 *
 * <p>Damaged files are read the way sox and ffmpeg read them where that is safe:
 * <ul>
 *   <li>a data size of 0 or 0xFFFFFFFF, left by tools that write to a pipe, means "to the end of
 *       the file";</li>
 *   <li>a data chunk shorter than its header declares (a cut-off download or recording) is read as
 *       far as it goes, with a warning through {@link System.Logger}, provided at least one whole
 *       frame is there;</li>
 *   <li>a partial last frame is dropped; trailing bytes too short for a chunk header are
 *       ignored.</li>
 * </ul>
 * Everything else that is wrong (a cut header, no samples, an encoding we do not decode) is an
 * {@link AudioFileException} that names the file and the problem.
 */
public final class WavReader {

    /** Appended to every "unsupported encoding" message. */
    static final String SUPPORTED =
            "supported are PCM 8/16/24/32-bit, IEEE float 32/64-bit, mu-law, A-law";

    private static final System.Logger LOG = System.getLogger(WavReader.class.getName());

    /** The largest Java array, less a little headroom some VMs keep. */
    private static final long MAX_FRAMES = Integer.MAX_VALUE - 8;

    /** Bytes read per block, so that a long file needs no second copy of its bytes in memory. */
    private static final int BLOCK_BYTES = 1 << 20;

    private WavReader() {
    }

    /**
     * Reads every channel of a WAV or AIFF file.
     *
     * @param file the file to read
     * @return its samples in [-1, 1], one array per channel, at the file's own sample rate
     * @throws AudioFileException if the file is missing or unreadable, is not WAV or AIFF, uses
     *                            an encoding listed as unsupported, or holds no whole frame
     */
    public static AudioData read(Path file) throws AudioFileException {
        try (FileBytes in = FileBytes.open(file)) {
            return decode(in, parse(in));
        }
    }

    /** Recognises the container from its first 12 bytes and finds the samples. */
    static DataLayout parse(FileBytes in) throws AudioFileException {
        if (in.size() == 0) {
            throw in.error("empty file (0 bytes)");
        }
        ByteBuffer head = in.readUpTo(0, 12, ByteOrder.BIG_ENDIAN);
        String magic = head.remaining() >= 4 ? ChunkScanner.fourCc(head, 0) : "";
        boolean riff = magic.equals("RIFF") || magic.equals("RF64") || magic.equals("BW64");
        if (!riff && !magic.equals("RIFX") && !magic.equals("FORM")) {
            throw in.error(FileSniffer.notAudioMessage(head));
        }
        if (head.remaining() < 12) {
            throw in.error("truncated header: the file is only " + in.size() + " bytes");
        }
        String form = ChunkScanner.fourCc(head, 8);
        if (magic.equals("FORM")) {
            if (!form.equals("AIFF") && !form.equals("AIFC")) {
                throw in.error("not a WAV file (an IFF file of type '" + form + "', not AIFF)");
            }
            return AiffParser.parse(in, form.equals("AIFC"));
        }
        if (!form.equals("WAVE")) {
            throw in.error("not a WAV file (a RIFF file of type '" + form + "', not WAVE)");
        }
        return RiffParser.parse(in, riff ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    }

    /**
     * The number of whole frames there are to read (see the class comment): the declared length, or as many as the
     * file holds when it is cut short or the header has a placeholder.
     */
    static long readableFrames(FileBytes in, DataLayout layout) throws AudioFileException {
        int frameBytes = layout.frameBytes();
        long available = Math.max(0, in.size() - layout.dataOffset());
        long declared = layout.declaredBytes();
        boolean cutShort = declared != DataLayout.UNTIL_END_OF_FILE && declared > available;
        long bytes = declared == DataLayout.UNTIL_END_OF_FILE ? available : Math.min(declared, available);
        long frames = bytes / frameBytes;
        String truncation = "truncated: " + layout.chunkName() + " chunk says " + declared
                + " bytes, file has " + available;
        if (frames == 0) {
            throw in.error(cutShort ? truncation : "empty: no audio samples");
        }
        if (frames > MAX_FRAMES) {
            throw in.error("too long: " + frames + " frames, at most " + MAX_FRAMES + " can be read");
        }
        if (cutShort) {
            LOG.log(Level.WARNING, in.file() + ": " + truncation + "; reading the " + frames + " whole frames there");
        }
        return frames;
    }

    /** Decodes every readable frame block by block. */
    private static AudioData decode(FileBytes in, DataLayout layout) throws AudioFileException {
        int frameBytes = layout.frameBytes();
        long frames = readableFrames(in, layout);
        float[][] channels = new float[layout.numChannels()][(int) frames];
        int blockFrames = Math.max(1, BLOCK_BYTES / frameBytes);
        byte[] block = new byte[Math.multiplyExact(blockFrames, frameBytes)];
        for (int done = 0; done < frames; ) {
            int n = (int) Math.min(blockFrames, frames - done);
            in.readFully(layout.dataOffset() + (long) done * frameBytes, block, n * frameBytes);
            SampleCodec.decode(block, 0, layout.format(), layout.numChannels(), channels, done, n);
            done += n;
        }
        return new AudioData(channels, layout.sampleRateHz());
    }
}
