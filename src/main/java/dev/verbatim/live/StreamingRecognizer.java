package dev.verbatim.live;

import dev.verbatim.Recognizer;
import dev.verbatim.decode.Transcript;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recognises a stream of audio as it arrives, utterance by utterance.
 *
 * <p>The network is bidirectional, so it needs whole utterances: the stream is cut into utterances by a
 * voice-activity detector (10 ms frames compared with a tracked noise floor) and the endpoint rules of
 * {@link EndpointConfig}. While an utterance grows it is decoded again every {@code partialIntervalSec} (or less
 * often when decoding takes longer than that) and a {@link Partial} is reported when its text changed. When an
 * endpoint fires the utterance is decoded once more and reported as a {@link Final}: exactly what
 * {@link Recognizer#transcribe} gives for that stretch of audio. Utterances are contiguous stretches of the stream
 * (silence included), except that silence with nothing recognised in it is dropped by rule 1.
 *
 * <p>Feed 16 kHz mono samples (the model's rate) with {@link #accept} in blocks of any size; call {@link #finish} at
 * the end of the stream. Not thread-safe.
 */
public final class StreamingRecognizer {
    /** A result: partial (may still change) or final. Times are seconds from the start of the stream. */
    public sealed interface Event permits Partial, Final {
        double startSec();

        String text();
    }

    /**
     * The growing utterance's text so far: its first {@code stableWords} words were the same in two decodes in a
     * row and stay as they are in later partials (only the rest may still change); the final result is decoded
     * afresh and may differ.
     */
    public record Partial(double startSec, double nowSec, String text, int stableWords) implements Event {
    }

    /**
     * A finished utterance.
     *
     * @param startSec   where its audio starts
     * @param endSec     where it ends (the endpoint)
     * @param transcript its words, timed on the stream's time line
     * @param reason     which endpoint rule ended it, or "end of stream"
     * @param audio      its samples, for callers that keep them
     */
    public record Final(double startSec, double endSec, Transcript transcript, String reason, float[] audio)
            implements Event {
        @Override
        public String text() {
            return transcript.text();
        }
    }

    private Recognizer recognizer;
    private final EndpointConfig config;
    private final Endpointer endpointer;
    private final int rate;
    private final int frame;

    private float[] buffer = new float[16000 * 4];
    private int length;            // samples of the current utterance in buffer
    private long start;            // stream position of buffer[0]
    private int scanned;           // samples of buffer already looked at by the VAD
    private int lastPartialAt;     // utterance length (samples) at the last partial decode
    private int partialEvery;      // samples
    private String lastPartial = "";
    private List<String> stable = List.of();      // words agreed by two decodes in a row
    private String[] previousDecode = new String[0];

    public StreamingRecognizer(Recognizer recognizer, EndpointConfig config) {
        this.recognizer = recognizer;
        this.config = config;
        this.rate = recognizer.bundle().features().sampleRateHz();
        this.endpointer = new Endpointer(config);
        this.frame = (int) Math.round(Endpointer.FRAME_SEC * rate);
        this.partialEvery = seconds(config.partialIntervalSec());
    }

    /**
     * Decodes with {@code next} from the next decode on, such as the same model with the warp factor {@link LiveWarp}
     * chose; the utterance in progress is decoded anew with it.
     *
     * @throws IllegalArgumentException if {@code next} expects another sample rate
     */
    public void useRecognizer(Recognizer next) {
        if (next.bundle().features().sampleRateHz() != rate) {
            throw new IllegalArgumentException("the stream is at " + rate + " Hz, the recognizer expects "
                    + next.bundle().features().sampleRateHz());
        }
        recognizer = next;
    }

    public EndpointConfig config() {
        return config;
    }

    /** Seconds of the stream seen so far. */
    public double positionSec() {
        return (start + length) / (double) rate;
    }

    /** Takes the next block of samples and returns what it made known (in order). */
    public List<Event> accept(float[] samples) {
        List<Event> events = new ArrayList<>();
        ensureCapacity(length + samples.length);
        System.arraycopy(samples, 0, buffer, length, samples.length);
        length += samples.length;
        while (scanned + frame <= length) {
            Endpointer.Action action = endpointer.frame(Endpointer.energyDb(buffer, scanned, frame));
            scanned += frame;
            switch (action) {
                case DROP -> drop(scanned);
                case END_AFTER_SILENCE -> endUtterance(scanned, "trailing silence", events);
                case END_MAX_LENGTH -> endUtterance(scanned, "maximum length", events);
                case NONE -> { }
            }
        }
        if (endpointer.speechSeen() && length - lastPartialAt >= partialEvery) {
            long t0 = System.nanoTime();
            String decoded = recognizer.transcribe(Arrays.copyOf(buffer, length)).text();
            double took = (System.nanoTime() - t0) / 1e9;
            // Decoding the whole utterance again costs more as it grows: never fall behind the audio.
            partialEvery = Math.max(seconds(config.partialIntervalSec()), seconds(2 * took));
            lastPartialAt = length;
            String[] current = decoded.isEmpty() ? new String[0] : decoded.split(" ");
            stable = stabilize(stable, previousDecode, current);
            previousDecode = current;
            String text = shown(stable, current);
            if (!text.equals(lastPartial)) {
                lastPartial = text;
                events.add(new Partial(start / (double) rate, positionSec(), text, stable.size()));
            }
        }
        return events;
    }

    /** Ends the stream: the utterance in progress, if it has speech, becomes a final result. */
    public List<Event> finish() {
        List<Event> events = new ArrayList<>();
        // With no speech frame the detector may still have missed quiet speech: let the model judge.
        if (endpointer.speechSeen()
                || length > 0 && !recognizer.transcribe(Arrays.copyOf(buffer, length)).text().isEmpty()) {
            endUtterance(length, "end of stream", events);
        } else {
            drop(length);
        }
        return events;
    }

    private void endUtterance(int end, String reason, List<Event> events) {
        float[] audio = Arrays.copyOf(buffer, end);
        Transcript t = recognizer.transcribe(audio);
        double offset = start / (double) rate;
        if (!t.text().isEmpty()) {
            events.add(new Final(offset, (start + end) / (double) rate, t.shiftedBy(offset), reason, audio));
        }
        drop(end);
    }

    /**
     * The stable words after a new decode ("local agreement"): the words kept so far, extended by the words that
     * the previous and the current decode share beyond them, position by position.
     */
    static List<String> stabilize(List<String> stable, String[] previous, String[] current) {
        List<String> out = new ArrayList<>(stable);
        for (int i = stable.size(); i < Math.min(previous.length, current.length); i++) {
            if (!previous[i].equals(current[i])) {
                break;
            }
            out.add(current[i]);
        }
        return out;
    }

    /** The stable words, then the current decode's words after as many words as are stable. */
    static String shown(List<String> stable, String[] current) {
        StringBuilder sb = new StringBuilder(String.join(" ", stable));
        for (int i = stable.size(); i < current.length; i++) {
            sb.append(sb.length() == 0 ? "" : " ").append(current[i]);
        }
        return sb.toString();
    }

    /** Forgets the first {@code n} samples of the buffer; the next utterance starts after them. */
    private void drop(int n) {
        System.arraycopy(buffer, n, buffer, 0, length - n);
        length -= n;
        start += n;
        scanned = Math.max(0, scanned - n);
        endpointer.reset();
        lastPartialAt = 0;
        lastPartial = "";
        stable = List.of();
        previousDecode = new String[0];
        partialEvery = seconds(config.partialIntervalSec());
    }

    private void ensureCapacity(int n) {
        if (n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(n, buffer.length * 2));
        }
    }

    private int seconds(double sec) {
        return (int) Math.round(sec * rate);
    }
}
