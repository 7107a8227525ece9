package dev.verbatim.live;

import java.io.IOException;

/** Blocks of 16 kHz mono audio from somewhere live: a microphone, a file played in real time, a pipe. */
public interface AudioSource extends AutoCloseable {
    /** The next block (about 100 ms), or null at the end of the stream. */
    float[] read() throws IOException;

    /** What this source is, for messages. */
    String describe();

    @Override
    void close();
}
