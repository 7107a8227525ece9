package dev.verbatim.audio;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An audio file could not be read: it is missing, unreadable, not a format we decode, or damaged.
 *
 * <p>The message always has the form {@code "<file>: <problem>"}, for example
 * {@code "talk.wav: not a WAV file (starts with 'ID3')"}, so that it can be shown to a user as is.
 */
public class AudioFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    /**
     * @param file    the file that could not be read, as the caller named it
     * @param problem what is wrong, in words for a user, without the file name
     */
    public AudioFileException(Path file, String problem) {
        this(file, problem, null);
    }

    /**
     * @param file    the file that could not be read, as the caller named it
     * @param problem what is wrong, in words for a user, without the file name
     * @param cause   the underlying I/O error, if any
     */
    public AudioFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }

    /** What is wrong with the file, without the file name. */
    public String problem() {
        return problem;
    }
}
