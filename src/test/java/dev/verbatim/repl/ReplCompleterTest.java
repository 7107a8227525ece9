package dev.verbatim.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

class ReplCompleterTest {
    private final Session session = new Session();
    private final Repl repl = new Repl(session, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    private final ReplCompleter completer = new ReplCompleter(repl.commands(), session.config());

    private List<String> complete(String line) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE),
                candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void commandNamesFirst() {
        List<String> names = complete("");
        assertTrue(names.containsAll(List.of("help", "show", "set", "load", "save", "info", "transcribe", "eval",
                "train", "finetune", "spectrogram", "plot")), names.toString());
        assertEquals(names, complete("help "));
    }

    @Test
    void keysAfterShowAndSetAndValuesAfterAKey() throws Exception {
        List<String> show = complete("show ");
        assertTrue(show.contains("endpoint") && show.contains("decoder.method") && show.contains("model.lstmHidden"),
                show.toString());
        assertTrue(complete("set ").contains("model.lstmHidden"), "settable without trained weights");
        assertFalse(complete("set ").contains("model.inputBins"), "follows features.numMelBins");
        assertEquals(List.of("greedy", "beam"), complete("set decoder.method "));
        assertEquals(List.of("0.8"), complete("set endpoint.minTrailingSilenceSec "));
        assertEquals(List.of("loss"), complete("plot "));
        assertEquals(List.of(), complete("info "));
    }

    @Test
    void linesAreSplitLikeAShellWithQuotes() {
        assertEquals(List.of("transcribe", "my clip.wav", "b.wav"), repl.words("transcribe \"my clip.wav\" b.wav"));
        assertEquals(List.of("set", "decoder.method", "greedy"), repl.words("  set   decoder.method greedy "));
    }
}
