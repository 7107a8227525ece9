package dev.verbatim.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verbatim.batch.SegmentedTranscript;
import dev.verbatim.decode.Transcript;
import java.util.List;
import java.util.Locale;

/**
 * The forms a transcript is written in. Each renders one recording's {@link SegmentedTranscript}.
 *
 * <ul>
 *   <li>{@code txt}: the text, one line.</li>
 *   <li>{@code tsv}: on standard output one {@code path<TAB>text} line per recording; as a file, one
 *       {@code start<TAB>end<TAB>text} line per segment (milliseconds) under a header line.</li>
 *   <li>{@code json}: {@code text}, {@code duration}, {@code result} (every word with {@code word}, {@code start},
 *       {@code end} in seconds and {@code conf}, as Vosk writes it) and {@code segments} (start, end, text and words
 *       of each segment, and its n best {@code alternatives} with scores when they were asked for).</li>
 *   <li>{@code srt}, {@code vtt}: subtitles, cues built by {@link SubtitleCues}.</li>
 * </ul>
 */
public enum OutputFormat {
    TXT, TSV, JSON, SRT, VTT;

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();

    /** The file extension, without the dot. */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code txt}, {@code tsv}, ... (any case). */
    public static OutputFormat parse(String name) {
        for (OutputFormat f : values()) {
            if (f.extension().equalsIgnoreCase(name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "' (use txt, tsv, json, srt or vtt)");
    }

    /** The contents of an output file for a recording. */
    public String renderFile(String source, SegmentedTranscript t, SubtitleCues.Layout layout) {
        return switch (this) {
            case TXT -> t.text() + "\n";
            case TSV -> segmentsTsv(t);
            case JSON -> json(source, t) + "\n";
            case SRT -> srt(SubtitleCues.build(t, layout));
            case VTT -> vtt(SubtitleCues.build(t, layout));
        };
    }

    /** What goes to standard output for a recording: as {@link #renderFile}, except tsv and json take one line. */
    public String renderStdout(String source, SegmentedTranscript t, SubtitleCues.Layout layout) {
        return switch (this) {
            case TSV -> source + "\t" + t.text() + "\n";
            case JSON -> json(source, t) + "\n";
            default -> renderFile(source, t, layout);
        };
    }

    private static String segmentsTsv(SegmentedTranscript t) {
        StringBuilder sb = new StringBuilder("start\tend\ttext\n");
        for (SegmentedTranscript.Segment s : t.segments()) {
            sb.append(Math.round(s.startSec() * 1000)).append('\t').append(Math.round(s.endSec() * 1000)).append('\t')
                    .append(s.transcript().text()).append('\n');
        }
        return sb.toString();
    }

    private static String json(String source, SegmentedTranscript t) {
        ObjectNode root = JSON_MAPPER.createObjectNode();
        if (source != null) {
            root.put("file", source);
        }
        root.put("duration", seconds(t.durationSec()));
        root.put("text", t.text());
        root.set("result", words(t.words()));
        ArrayNode segments = root.putArray("segments");
        for (SegmentedTranscript.Segment s : t.segments()) {
            ObjectNode seg = segments.addObject();
            seg.put("start", seconds(s.startSec()));
            seg.put("end", seconds(s.endSec()));
            seg.put("text", s.transcript().text());
            seg.set("result", words(s.transcript().words()));
            if (!s.alternatives().isEmpty()) {
                ArrayNode alts = seg.putArray("alternatives");
                for (SegmentedTranscript.Alternative a : s.alternatives()) {
                    ObjectNode an = alts.addObject();
                    an.put("text", a.text());
                    an.put("score", Math.round(a.score() * 1000) / 1000.0);
                }
            }
        }
        try {
            return JSON_MAPPER.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Words as Vosk's JSON gives them: {@code word}, {@code start} and {@code end} (seconds), {@code conf}. */
    public static ArrayNode words(List<Transcript.Word> words) {
        ArrayNode out = JSON_MAPPER.createArrayNode();
        for (Transcript.Word w : words) {
            ObjectNode o = out.addObject();
            o.put("word", w.word());
            o.put("start", seconds(w.startSec()));
            o.put("end", seconds(w.endSec()));
            o.put("conf", Math.round(w.confidence() * 10000) / 10000.0);
        }
        return out;
    }

    /** Seconds rounded to the millisecond, as every JSON output gives times. */
    public static double seconds(double s) {
        return Math.round(s * 1000) / 1000.0;
    }

    private static String srt(List<SubtitleCues.Cue> cues) {
        StringBuilder sb = new StringBuilder();
        int i = 1;
        for (SubtitleCues.Cue c : cues) {
            sb.append(i++).append('\n').append(timestamp(c.startSec(), ',')).append(" --> ")
                    .append(timestamp(c.endSec(), ',')).append('\n');
            for (String line : c.lines()) {
                sb.append(line).append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String vtt(List<SubtitleCues.Cue> cues) {
        StringBuilder sb = new StringBuilder("WEBVTT\n\n");
        for (SubtitleCues.Cue c : cues) {
            sb.append(timestamp(c.startSec(), '.')).append(" --> ").append(timestamp(c.endSec(), '.')).append('\n');
            for (String line : c.lines()) {
                sb.append(line).append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** {@code HH:MM:SS,mmm} (SRT) or {@code HH:MM:SS.mmm} (WebVTT). */
    static String timestamp(double sec, char decimal) {
        long ms = Math.max(0, Math.round(sec * 1000));
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
                decimal, ms % 1000);
    }
}
