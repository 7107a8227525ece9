package dev.verbatim.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verbatim.eval.EditDistance.Counts;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvalReportTest {

    @Test
    void corpusLevelRatesAreTotalErrorsOverTotalReference() {
        EvalReport r = new EvalReport();
        r.add("short", "yes", "no");                                  // 1 error / 1 word
        r.add("long", "one two three four five six seven eight nine", // 0 errors / 9 words
                "one two three four five six seven eight nine");
        assertEquals(2, r.count());
        assertEquals(0.1, r.wer(), 1e-12);                            // 1 / 10, not (1.0 + 0.0) / 2
        double meanOfRates = r.entries().stream().mapToDouble(EvalReport.Entry::wer).average().orElseThrow();
        assertEquals(0.5, meanOfRates, 1e-12);
        assertEquals(new Counts(1, 0, 0, 10), r.wordCounts());
        // chars: "yes" vs "no" = 2 sub + 1 del over 3; the long line has 44 chars, no errors.
        assertEquals(new Counts(2, 1, 0, 47), r.charCounts());
        assertEquals(3.0 / 47, r.cer(), 1e-12);
    }

    /** The per-utterance table: one line per utterance in order, and its columns sum to the corpus totals. */
    @Test
    void perUtteranceTsvSumsToTheCorpusTotals() {
        EvalReport r = new EvalReport();
        r.add("a.wav", "the cat sat", "the cat sat");
        r.add("b.wav", "Yes, sir!", "yes sure");
        r.add("c\td.wav", "one two", "one");
        String[] lines = r.perUtteranceTsv().split("\n");
        assertEquals(EvalReport.TSV_HEADER, lines[0]);
        assertEquals(4, lines.length);
        assertEquals("a.wav\tthe cat sat\tthe cat sat\t0\t3\t0\t11", lines[1]);
        assertEquals("b.wav\tyes sir\tyes sure", String.join("\t", List.of(lines[2].split("\t")).subList(0, 3)),
                "references and hypotheses are normalised, as scored");
        assertTrue(lines[3].startsWith("c d.wav\t"), "a tab in an id cannot break the columns: " + lines[3]);
        int wordErr = 0, words = 0, charErr = 0, chars = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] c = lines[i].split("\t");
            assertEquals(7, c.length, lines[i]);
            wordErr += Integer.parseInt(c[3]);
            words += Integer.parseInt(c[4]);
            charErr += Integer.parseInt(c[5]);
            chars += Integer.parseInt(c[6]);
        }
        assertEquals(r.wordCounts().errors(), wordErr);
        assertEquals(r.wordCounts().refLength(), words);
        assertEquals(r.charCounts().errors(), charErr);
        assertEquals(r.charCounts().refLength(), chars);
    }

    @Test
    void emptyReport() {
        EvalReport r = new EvalReport();
        assertEquals(0, r.count());
        assertEquals(0.0, r.wer());
        assertEquals(0.0, r.cer());
        assertEquals(List.of(), r.worst(5));
        assertTrue(r.format(5).startsWith("utterances: 0   WER: 0.0 %"), r.format(5));
    }

    @Test
    void worstOrderingByWerThenCerThenInsertion() {
        EvalReport r = new EvalReport();
        r.add("perfect", "a b c d", "a b c d");
        r.add("half-small", "cat dog", "cat dot");          // WER 0.5, CER 1/7
        r.add("half-big", "cat dog", "cat xyz");            // WER 0.5, CER 3/7
        r.add("all", "hello", "yellow");                    // WER 1.0
        r.add("half-small-again", "cat dog", "cat dot");    // ties half-small exactly
        List<String> ids = r.worst(10).stream().map(EvalReport.Entry::id).toList();
        assertEquals(List.of("all", "half-big", "half-small", "half-small-again"), ids);
        assertEquals(List.of("all", "half-big"), r.worst(2).stream().map(EvalReport.Entry::id).toList());
        assertThrows(IllegalArgumentException.class, () -> r.worst(-1));
    }

    @Test
    void formatShowsTotalsAndWorst() {
        EvalReport r = new EvalReport();
        r.add("LJ001-0045.wav", "fourteen sixty-nine, fourteen seventy;", "fourteen sixty nine forty seventy");
        r.add("ok.wav", "Press 1.", "press one");
        // "fourteen" -> "forty" is 1 substitution + 3 deletions at character level: 4 / 36 chars, 4 / 45 in all.
        String text = r.format(3).replace(System.lineSeparator(), "\n");
        String expected = "utterances: 2   WER: 14.3 %  (words 7, sub 1 del 0 ins 0)   "
                + "CER: 8.9 %  (chars 45, sub 1 del 3 ins 0)\n"
                + "worst:\n"
                + "  WER 20.0 %  CER 11.1 %  LJ001-0045.wav\n"
                + "    ref: fourteen sixty nine fourteen seventy\n"
                + "    hyp: fourteen sixty nine forty seventy\n";
        assertEquals(expected, text);
        assertTrue(r.format(0).endsWith("ins 0)" + System.lineSeparator()), "no worst section");
    }

    @Test
    void jsonViewSerialises() throws Exception {
        EvalReport r = new EvalReport();
        r.add("a", "hello world", "hello word");
        ObjectMapper json = new ObjectMapper();
        JsonNode n = json.readTree(json.writeValueAsString(r.toJson(5)));
        assertEquals(1, n.get("utterances").asInt());
        assertEquals(0.5, n.get("wer").asDouble(), 1e-12);
        assertEquals(2, n.get("words").get("ref").asInt());
        assertEquals(1, n.get("words").get("sub").asInt());
        assertEquals("a", n.get("worst").get(0).get("id").asText());
        assertEquals("hello word", n.get("worst").get(0).get("hyp").asText());
        JsonNode s = json.readTree(json.writeValueAsString(r.summary()));
        assertEquals(1, s.get("utterances").asInt());
        assertEquals(2, s.get("words").get("refLength").asInt());
    }
}
