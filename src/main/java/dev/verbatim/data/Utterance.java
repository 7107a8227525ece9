package dev.verbatim.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One line of a manifest: an audio file and what is said in it.
 *
 * @param audio      the audio file; {@link Manifest#read(Path)} returns it resolved against the manifest's folder
 * @param transcript the raw transcript as written in the manifest (not normalised; see
 *                   {@link dev.verbatim.text.TextNormalizer}); empty when unknown, e.g. for files to transcribe
 */
public record Utterance(Path audio, String transcript) {

    /** Checks the fields: the audio path is required, a null transcript becomes "". */
    public Utterance {
        Objects.requireNonNull(audio, "audio");
        transcript = transcript == null ? "" : transcript;
    }

    /** An utterance whose transcript is unknown (for transcription). */
    public static Utterance untranscribed(Path audio) {
        return new Utterance(audio, "");
    }
}
