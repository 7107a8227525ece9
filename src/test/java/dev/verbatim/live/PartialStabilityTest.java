package dev.verbatim.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Partial results keep the words two decodes in a row agreed on; only the tail may change. */
class PartialStabilityTest {
    private static String[] w(String s) {
        return s.isEmpty() ? new String[0] : s.split(" ");
    }

    @Test
    void agreedWordsStayAndOnlyTheTailChanges() {
        String[] decodes = {"the", "the cat", "the cot sat", "the cat sat on", "the cat sat on the mat"};
        List<String> stable = List.of();
        String[] previous = new String[0];
        String lastShown = "";
        int lastStable = 0;
        for (String d : decodes) {
            stable = StreamingRecognizer.stabilize(stable, previous, w(d));
            String shown = StreamingRecognizer.shown(stable, w(d));
            // the stable part of the last partial is never taken back
            String prefix = String.join(" ", lastShown.isEmpty() ? List.of()
                    : List.of(lastShown.split(" ")).subList(0, lastStable));
            assertTrue(shown.startsWith(prefix), shown + " dropped the stable " + prefix);
            assertTrue(stable.size() >= lastStable);
            lastShown = shown;
            lastStable = stable.size();
            previous = w(d);
        }
        // "the" agreed at the 2nd decode; "cat" was contradicted ("cot") so it became stable only later
        assertEquals(List.of("the", "cat", "sat", "on"), stable);
        assertEquals("the cat sat on the mat", lastShown);
        // a decode that disagrees with the stable words does not change them
        List<String> kept = StreamingRecognizer.stabilize(List.of("the", "cat"), w("the cat"), w("a hat sat"));
        assertEquals(List.of("the", "cat"), kept);
        assertEquals("the cat sat", StreamingRecognizer.shown(kept, w("a hat sat")));
    }
}
