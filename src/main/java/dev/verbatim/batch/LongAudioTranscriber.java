package dev.verbatim.batch;

import dev.verbatim.Recognizer;
import dev.verbatim.audio.AudioStream;
import dev.verbatim.audio.Resampling;
import dev.verbatim.decode.BeamSearchDecoder;
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
    private final int nBest;

    public LongAudioTranscriber(Recognizer recognizer, Segmenter.Config config) {
        this(recognizer, config, 1);
    }

    /** With {@code nBest > 1} every segment also carries its n best texts (beam search). */
    public LongAudioTranscriber(Recognizer recognizer, Segmenter.Config config, int nBest) {
        if (nBest < 1) {
            throw new IllegalArgumentException("nBest must be at least 1, got " + nBest);
        }
        this.nBest = nBest;
        this.recognizer = recognizer;
        this.sampleRate = recognizer.bundle().features().sampleRateHz();
        this.segmenter = new Segmenter(config, sampleRate);
    }

    public Recognizer recognizer() {
        return recognizer;
    }

    /**
     * Reads any supported audio file and transcribes it. A file no longer than the longest segment is read whole
     * (as {@link #transcribe} would see it); a longer one is read twice, piece by piece: once for the energies the
     * cuts are chosen from, once segment by segment, each converted to mono at the model's rate on its own. Memory
     * then stays bounded by one segment, however long the recording.
     */
    public SegmentedTranscript transcribeFile(Path file) throws IOException {
        try (AudioStream in = AudioStream.open(file)) {
            int rate = in.sampleRateHz();
            long frames = in.numFrames();
            Segmenter cutter = new Segmenter(segmenter.config(), rate);
            if (frames <= Math.round(segmenter.config().maxSegmentSec() * rate)) {
                return transcribe(Resampling.resample(in.readMono(0, (int) frames), rate, sampleRate));
            }
            int hop = cutter.hopSamples();
            int blockFrames = hop * Math.max(1, rate * 10 / hop);
            double[] energy = new double[(int) ((frames + hop - 1) / hop)];
            int e = 0;
            for (long at = 0; at < frames; at += blockFrames) {
                float[] block = in.readMono(at, (int) Math.min(blockFrames, frames - at));
                double[] part = Segmenter.frameEnergiesDb(block, hop);
                System.arraycopy(part, 0, energy, e, part.length);
                e += part.length;
            }
            List<SegmentedTranscript.Segment> segments = new ArrayList<>();
            for (Segmenter.Span span : cutter.split(energy, (int) frames)) {
                float[] piece = Resampling.resample(in.readMono(span.start(), span.length()), rate, sampleRate);
                double offset = span.start() / (double) rate;
                segments.add(segment(piece, offset, span.end() / (double) rate));
            }
            return new SegmentedTranscript(frames / (double) rate, segments);
        }
    }

    /** Transcribes mono samples at the model's sample rate. */
    public SegmentedTranscript transcribe(float[] samples) {
        List<SegmentedTranscript.Segment> segments = new ArrayList<>();
        for (Segmenter.Span span : segmenter.split(samples)) {
            double offset = span.start() / (double) sampleRate;
            float[] piece = span.start() == 0 && span.end() == samples.length ? samples
                    : Arrays.copyOfRange(samples, span.start(), span.end());
            segments.add(segment(piece, offset, span.end() / (double) sampleRate));
        }
        return new SegmentedTranscript(samples.length / (double) sampleRate, segments);
    }

    private SegmentedTranscript.Segment segment(float[] piece, double offset, double end) {
        if (piece.length == 0) {
            return new SegmentedTranscript.Segment(offset, end, Transcript.empty());
        }
        if (nBest == 1) {
            return new SegmentedTranscript.Segment(offset, end, recognizer.transcribe(piece).shiftedBy(offset));
        }
        List<BeamSearchDecoder.Hypothesis> hyps = recognizer.decode(recognizer.logProbs(piece), nBest);
        List<SegmentedTranscript.Alternative> alternatives = new ArrayList<>();
        for (BeamSearchDecoder.Hypothesis h : hyps) {
            alternatives.add(new SegmentedTranscript.Alternative(h.transcript().text(), h.score()));
        }
        return new SegmentedTranscript.Segment(offset, end, hyps.get(0).transcript().shiftedBy(offset),
                alternatives);
    }
}
