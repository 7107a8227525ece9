package dev.verbatim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verbatim.batch.SegmentedTranscript;
import dev.verbatim.decode.Transcript;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OutputFormatTest {
    private static final SubtitleCues.Layout LAYOUT = SubtitleCues.Layout.defaults();

    /** Two segments; the first has a long run of words, the second a word after a long pause. */
    static SegmentedTranscript sample() {
        List<Transcript.Word> a = new ArrayList<>();
        String[] words = ("the quick brown fox jumps over the lazy dog while seven extraordinarily patient listeners "
                + "count every single syllable out loud").split(" ");
        double t = 0.5;
        for (String w : words) {
            a.add(new Transcript.Word(w, t, t + 0.05 * w.length(), 0.9));
            t += 0.05 * w.length() + 0.15;
        }
        String textA = String.join(" ", words);
        List<Transcript.Word> b = List.of(new Transcript.Word("hello", 21.0, 21.4, 0.75),
                new Transcript.Word("again", 23.0, 23.5, 0.5));
        return new SegmentedTranscript(30.0, List.of(
                new SegmentedTranscript.Segment(0, 20.0, new Transcript(textA, a, 0.9)),
                new SegmentedTranscript.Segment(20.0, 30.0, new Transcript("hello again", b, 0.625))));
    }

    private static double srtTime(String s) {
        String[] p = s.split("[:,.]");
        return Integer.parseInt(p[0]) * 3600 + Integer.parseInt(p[1]) * 60 + Integer.parseInt(p[2])
                + Integer.parseInt(p[3]) / 1000.0;
    }

    private record ParsedCue(double start, double end, List<String> lines) {
    }

    /** A strict reader for the subtitle files: numbered (SRT) or not (VTT) blocks separated by blank lines. */
    private static List<ParsedCue> parseCues(String text, boolean srt) {
        String body = text;
        if (!srt) {
            assertTrue(text.startsWith("WEBVTT\n\n"), "VTT header");
            body = text.substring("WEBVTT\n\n".length());
        }
        assertTrue(body.endsWith("\n\n"), "blocks end with a blank line");
        Pattern timing = Pattern.compile(srt ? "(\\d\\d:\\d\\d:\\d\\d,\\d{3}) --> (\\d\\d:\\d\\d:\\d\\d,\\d{3})"
                : "(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) --> (\\d\\d:\\d\\d:\\d\\d\\.\\d{3})");
        List<ParsedCue> cues = new ArrayList<>();
        int index = 1;
        for (String block : body.substring(0, body.length() - 2).split("\n\n")) {
            List<String> lines = new ArrayList<>(List.of(block.split("\n")));
            if (srt) {
                assertEquals(String.valueOf(index++), lines.remove(0), "SRT cue number");
            }
            Matcher m = timing.matcher(lines.remove(0));
            assertTrue(m.matches(), "timing line in " + block);
            assertTrue(!lines.isEmpty(), "cue text");
            cues.add(new ParsedCue(srtTime(m.group(1)), srtTime(m.group(2)), lines));
        }
        return cues;
    }

    @Test
    void subtitlesAreValidOrderedAndWithinTheLayout() {
        SegmentedTranscript t = sample();
        for (OutputFormat f : List.of(OutputFormat.SRT, OutputFormat.VTT)) {
            List<ParsedCue> cues = parseCues(f.renderFile("x.wav", t, LAYOUT), f == OutputFormat.SRT);
            assertTrue(cues.size() >= 3, "long text is split: " + cues.size());
            double previousEnd = 0;
            StringBuilder all = new StringBuilder();
            for (ParsedCue c : cues) {
                assertTrue(c.start() >= previousEnd - 1e-9, "cues do not overlap: " + c);
                assertTrue(c.end() > c.start() && c.end() <= t.durationSec(), "cue inside the audio: " + c);
                assertTrue(c.lines().size() <= LAYOUT.maxLines(), "lines per cue: " + c);
                for (String line : c.lines()) {
                    assertTrue(line.length() <= LAYOUT.maxLineChars(), "line too long: " + line);
                    all.append(all.length() == 0 ? "" : " ").append(line);
                }
                previousEnd = c.end();
            }
            assertEquals(t.text(), all.toString(), "every word once, in order");
            // "hello" and "again" are 1.6 s apart: a pause longer than maxPauseSec starts a new cue
            assertEquals("again", cues.get(cues.size() - 1).lines().get(0));
        }
    }

    @Test
    void cuesRespectTheMaximumDuration() {
        List<SubtitleCues.Cue> cues = SubtitleCues.build(sample(), new SubtitleCues.Layout(80, 2, 2.0, 1.0, 0.5));
        for (SubtitleCues.Cue c : cues) {
            assertTrue(c.endSec() - c.startSec() <= 2.0 + 1e-9, "cue longer than 2 s: " + c);
        }
    }

    @Test
    void jsonCarriesTextWordsAndSegments() throws Exception {
        SegmentedTranscript t = sample();
        JsonNode root = new ObjectMapper().readTree(OutputFormat.JSON.renderFile("talks/a.wav", t, LAYOUT));
        assertEquals("talks/a.wav", root.get("file").asText());
        assertEquals(t.text(), root.get("text").asText());
        assertEquals(30.0, root.get("duration").asDouble(), 1e-9);
        assertEquals(t.words().size(), root.get("result").size());
        double last = 0;
        for (JsonNode w : root.get("result")) {
            double start = w.get("start").asDouble();
            double end = w.get("end").asDouble();
            assertTrue(start >= last && end >= start && end <= 30.0, w.toString());
            assertTrue(w.get("conf").asDouble() > 0 && w.get("conf").asDouble() <= 1);
            assertTrue(!w.get("word").asText().isEmpty());
            last = start;
        }
        assertEquals(2, root.get("segments").size());
        assertEquals("hello again", root.get("segments").get(1).get("text").asText());
        assertEquals(20.0, root.get("segments").get(1).get("start").asDouble(), 1e-9);
        assertEquals(0.5, root.get("segments").get(1).get("result").get(1).get("conf").asDouble(), 1e-9);
        // standard output: one line per recording
        String line = OutputFormat.JSON.renderStdout("a.wav", t, LAYOUT);
        assertEquals(1, line.strip().split("\n").length);
    }

    @Test
    void textAndTsvForms() {
        SegmentedTranscript t = sample();
        assertEquals(t.text() + "\n", OutputFormat.TXT.renderFile("a.wav", t, LAYOUT));
        assertEquals("a.wav\t" + t.text() + "\n", OutputFormat.TSV.renderStdout("a.wav", t, LAYOUT));
        String[] rows = OutputFormat.TSV.renderFile("a.wav", t, LAYOUT).split("\n");
        assertEquals("start\tend\ttext", rows[0]);
        assertEquals("20000\t30000\thello again", rows[2]);
        assertEquals(3, rows.length);
    }

    @Test
    void timestampsAndFormatNames() {
        assertEquals("01:02:03,004", OutputFormat.timestamp(3723.004, ','));
        assertEquals("00:00:59.999", OutputFormat.timestamp(59.9994, '.'));
        assertEquals(OutputFormat.SRT, OutputFormat.parse(" SRT "));
        assertThrows(IllegalArgumentException.class, () -> OutputFormat.parse("docx"));
    }

    @Test
    void anEmptyTranscriptGivesEmptyButValidOutputs() {
        SegmentedTranscript t = new SegmentedTranscript(2.0, List.of(
                new SegmentedTranscript.Segment(0, 2.0, Transcript.empty())));
        assertEquals("WEBVTT\n\n", OutputFormat.VTT.renderFile("a.wav", t, LAYOUT));
        assertEquals("", OutputFormat.SRT.renderFile("a.wav", t, LAYOUT));
        assertEquals("\n", OutputFormat.TXT.renderFile("a.wav", t, LAYOUT));
    }
}
