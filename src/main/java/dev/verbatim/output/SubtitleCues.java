package dev.verbatim.output;

import dev.verbatim.batch.SegmentedTranscript;
import dev.verbatim.decode.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups recognised words into subtitle cues the way subtitle guidelines ask: at most {@code maxLines} lines of at
 * most {@code maxLineChars} characters, at most {@code maxCueSec} on screen, and a new cue after a pause longer than
 * {@code maxPauseSec} or at a segment boundary. Cue times come from the words' CTC alignment: a cue starts with its
 * first word and ends with its last, lasts at least {@code minCueSec} when the next cue leaves room, and never
 * overlaps the next cue.
 */
public final class SubtitleCues {
    /** Cue layout limits. */
    public record Layout(int maxLineChars, int maxLines, double maxCueSec, double maxPauseSec, double minCueSec) {
        public Layout {
            if (maxLineChars < 10 || maxLines < 1 || !(maxCueSec > 0) || !(maxPauseSec > 0) || minCueSec < 0) {
                throw new IllegalArgumentException("bad subtitle layout: maxLineChars >= 10, maxLines >= 1 and "
                        + "positive durations are required");
            }
        }

        /** 42 characters by 2 lines, 7 s, a new cue after 1 s of silence, 1 s minimum on screen. */
        public static Layout defaults() {
            return new Layout(42, 2, 7.0, 1.0, 1.0);
        }
    }

    /**
     * One subtitle.
     *
     * @param startSec when it appears
     * @param endSec   when it goes
     * @param lines    its text lines
     */
    public record Cue(double startSec, double endSec, List<String> lines) {
        public Cue {
            lines = List.copyOf(lines);
        }

        public String text() {
            return String.join(" ", lines);
        }
    }

    private SubtitleCues() {
    }

    public static List<Cue> build(SegmentedTranscript transcript, Layout layout) {
        List<List<Transcript.Word>> groups = new ArrayList<>();
        for (SegmentedTranscript.Segment segment : transcript.segments()) {
            List<Transcript.Word> current = new ArrayList<>();
            for (Transcript.Word w : segment.transcript().words()) {
                if (!current.isEmpty() && !fits(current, w, layout)) {
                    groups.add(current);
                    current = new ArrayList<>();
                }
                current.add(w);
            }
            if (!current.isEmpty()) {
                groups.add(current);
            }
        }
        List<Cue> cues = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            List<Transcript.Word> g = groups.get(i);
            double start = g.get(0).startSec();
            double end = Math.max(g.get(g.size() - 1).endSec(), start + layout.minCueSec());
            if (i + 1 < groups.size()) {
                end = Math.min(end, groups.get(i + 1).get(0).startSec());
            }
            end = Math.min(end, Math.max(transcript.durationSec(), g.get(g.size() - 1).endSec()));
            end = Math.max(end, g.get(g.size() - 1).endSec());
            cues.add(new Cue(start, end, wrap(g, layout.maxLineChars())));
        }
        return cues;
    }

    private static boolean fits(List<Transcript.Word> current, Transcript.Word next, Layout layout) {
        Transcript.Word last = current.get(current.size() - 1);
        if (next.startSec() - last.endSec() > layout.maxPauseSec()) {
            return false;
        }
        if (next.endSec() - current.get(0).startSec() > layout.maxCueSec()) {
            return false;
        }
        List<Transcript.Word> candidate = new ArrayList<>(current);
        candidate.add(next);
        return wrap(candidate, layout.maxLineChars()).size() <= layout.maxLines();
    }

    /** Greedy line filling; a word longer than a line gets a line of its own. */
    static List<String> wrap(List<Transcript.Word> words, int maxLineChars) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (Transcript.Word w : words) {
            if (line.length() > 0 && line.length() + 1 + w.word().length() > maxLineChars) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(w.word());
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
