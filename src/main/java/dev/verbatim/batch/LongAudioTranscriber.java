package dev.verbatim.batch;

import dev.verbatim.Recognizer;
import dev.verbatim.audio.AudioLoader;
import dev.verbatim.decode.Transcript;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Transcribes recordings of any length: splits them at pauses with a {@link Segmenter}, decodes each segment with
 * the shared {@link Recognizer} and shifts the word times onto the recording's time line. A recording shorter than
 * the longest segment is decoded in one piece, exactly as {@link Recognizer#transcribe} would.
 */
public final class LongAudioTranscriber {
    private final Recognizer recognizer;
    private final Segmenter segmenter;
    private final int sampleRate;

    public LongAudioTranscriber(Recognizer recognizer, Segmenter.Config config) {
        this.recognizer = recognizer;
        this.sampleRate = recognizer.bundle().features().sampleRateHz();
        this.segmenter = new Segmenter(config, sampleRate);
    }

    public Recognizer recognizer() {
        return recognizer;
    }

    /** Reads any supported audio file (mono, the model's rate) and transcribes it. */
    public SegmentedTranscript transcribeFile(Path file) throws IOException {
        return transcribe(AudioLoader.loadMono(file, sampleRate));
    }

    /** Transcribes mono samples at the model's sample rate. */
    public SegmentedTranscript transcribe(float[] samples) {
        List<SegmentedTranscript.Segment> segments = new ArrayList<>();
        for (Segmenter.Span span : segmenter.split(samples)) {
            double offset = span.start() / (double) sampleRate;
            float[] piece = span.start() == 0 && span.end() == samples.length ? samples
                    : Arrays.copyOfRange(samples, span.start(), span.end());
            Transcript t = recognizer.transcribe(piece);
            segments.add(new SegmentedTranscript.Segment(offset, span.end() / (double) sampleRate,
                    shifted(t, offset)));
        }
        return new SegmentedTranscript(samples.length / (double) sampleRate, segments);
    }

    private static Transcript shifted(Transcript t, double offset) {
        if (offset == 0) {
            return t;
        }
        List<Transcript.Word> words = new ArrayList<>(t.words().size());
        for (Transcript.Word w : t.words()) {
            words.add(new Transcript.Word(w.word(), w.startSec() + offset, w.endSec() + offset, w.confidence()));
        }
        return new Transcript(t.text(), words, t.confidence());
    }
}
