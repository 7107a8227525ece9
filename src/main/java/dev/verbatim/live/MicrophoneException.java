package dev.verbatim.live;

/** A microphone could not be found or opened; the message says why and what is available. */
public class MicrophoneException extends Exception {
    private static final long serialVersionUID = 1L;

    public MicrophoneException(String message) {
        super(message);
    }

    public MicrophoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
