package dev.verbatim.batch;

import dev.verbatim.decode.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * The transcript of a whole recording, decoded segment by segment. All times are seconds from the start of the
 * recording.
 *
 * @param durationSec the recording's duration
 * @param segments    contiguous segments in order; together they cover the recording
 */
public record SegmentedTranscript(double durationSec, List<Segment> segments) {
    public SegmentedTranscript {
        segments = List.copyOf(segments);
    }

    /**
     * One decoded piece of the recording.
     *
     * @param startSec   where the piece starts
     * @param endSec     where it ends
     * @param transcript   its text and words, with word times already shifted to the whole recording's time line
     * @param alternatives the n best texts with their search scores, best first (empty unless asked for)
     */
    public record Segment(double startSec, double endSec, Transcript transcript, List<Alternative> alternatives) {
        public Segment {
            alternatives = List.copyOf(alternatives);
        }

        public Segment(double startSec, double endSec, Transcript transcript) {
            this(startSec, endSec, transcript, List.of());
        }
    }

    /** One of the n best texts of a segment and its score (natural log, higher is better). */
    public record Alternative(String text, double score) {
    }

    /** The segments' texts joined by single spaces (empty segments left out). */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            String t = s.transcript().text();
            if (!t.isEmpty()) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(t);
            }
        }
        return sb.toString();
    }

    /** Every word of every segment, in time order. */
    public List<Transcript.Word> words() {
        List<Transcript.Word> out = new ArrayList<>();
        for (Segment s : segments) {
            out.addAll(s.transcript().words());
        }
        return out;
    }
}
