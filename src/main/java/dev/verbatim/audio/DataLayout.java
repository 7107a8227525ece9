package dev.verbatim.audio;

/**
 * Where the samples of a parsed file are and how they are stored.
 *
 * @param format        how each sample is stored
 * @param numChannels   samples per frame, positive
 * @param sampleRateHz  frames per second, positive
 * @param chunkName     the chunk that holds the samples ("data", "SSND"), for messages
 * @param dataOffset    file position of the first sample byte
 * @param declaredBytes the length the header declares, or {@link #UNTIL_END_OF_FILE} when the
 *                      header has a placeholder (streaming writers leave 0 or 0xFFFFFFFF)
 */
record DataLayout(SampleFormat format, int numChannels, int sampleRateHz,
                  String chunkName, long dataOffset, long declaredBytes) {

    static final long UNTIL_END_OF_FILE = -1;

    int frameBytes() {
        return numChannels * format.bytesPerSample();
    }
}
