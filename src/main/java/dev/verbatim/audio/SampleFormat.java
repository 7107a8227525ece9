package dev.verbatim.audio;

/**
 * The stored layout of one sample: its encoding, the bytes it occupies and their order.
 *
 * <p>Integer samples narrower than their container (say 20 bits in 3 bytes) are left-justified in
 * both WAV and AIFF, so decoding the whole container gives the right scale; only the container
 * size matters here.
 *
 * @param encoding       how the sample's bits are to be read
 * @param bytesPerSample container size: 1 for mu-law, A-law and unsigned PCM; 1 to 4 for signed
 *                       PCM; 4 or 8 for float
 * @param bigEndian      byte order of multi-byte samples (ignored for 1-byte samples)
 */
public record SampleFormat(SampleEncoding encoding, int bytesPerSample, boolean bigEndian) {

    /** @throws IllegalArgumentException for a container size the encoding cannot have */
    public SampleFormat {
        if (encoding == null) {
            throw new IllegalArgumentException("encoding is null");
        }
        boolean valid = switch (encoding) {
            case PCM_UNSIGNED, MU_LAW, A_LAW -> bytesPerSample == 1;
            case PCM_SIGNED -> bytesPerSample >= 1 && bytesPerSample <= 4;
            case FLOAT -> bytesPerSample == 4 || bytesPerSample == 8;
        };
        if (!valid) {
            throw new IllegalArgumentException(encoding + " cannot have " + bytesPerSample + " bytes per sample");
        }
    }

    /** A short description for messages, e.g. "16-bit signed PCM, little-endian". */
    public String describe() {
        String bits = (8 * bytesPerSample) + "-bit ";
        String order = bytesPerSample == 1 ? "" : bigEndian ? ", big-endian" : ", little-endian";
        return switch (encoding) {
            case PCM_UNSIGNED -> bits + "unsigned PCM";
            case PCM_SIGNED -> bits + "signed PCM" + order;
            case FLOAT -> bits + "IEEE float" + order;
            case MU_LAW -> "mu-law";
            case A_LAW -> "A-law";
        };
    }
}
