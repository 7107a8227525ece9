package dev.verbatim.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verbatim.text.Vocabulary;
import org.junit.jupiter.api.Test;

class GreedyDecoderTest {
    private final Vocabulary vocab = Vocabulary.english();

    /** Log-probs where each frame puts 0.9 on the given symbol ('_' = blank). */
    private float[][] frames(String symbols) {
        float[][] lp = new float[symbols.length()][vocab.size()];
        for (int t = 0; t < symbols.length(); t++) {
            char c = symbols.charAt(t);
            int id = c == '_' ? vocab.blankId() : vocab.id(c);
            for (int k = 0; k < vocab.size(); k++) {
                lp[t][k] = (float) Math.log(k == id ? 0.9 : 0.1 / (vocab.size() - 1));
            }
        }
        return lp;
    }

    @Test
    void collapsesRepeatsAndDropsBlanks() {
        GreedyDecoder d = new GreedyDecoder(vocab, 0.02);
        assertEquals("hello world", d.decode(frames("hh_e_ll_llo__  wo_rr_l_d_")).text());
        assertEquals("", d.decode(frames("____")).text());
        assertEquals("", d.decode(new float[0][vocab.size()]).text());
    }

    @Test
    void wordTimesComeFromTheFramesOfTheirCharacters() {
        GreedyDecoder d = new GreedyDecoder(vocab, 0.02);
        Transcript t = d.decode(frames("__hi__ _yo_"));
        assertEquals(2, t.words().size());
        Transcript.Word hi = t.words().get(0);
        assertEquals("hi", hi.word());
        assertEquals(0.04, hi.startSec(), 1e-9);
        assertEquals(0.08, hi.endSec(), 1e-9);
        Transcript.Word yo = t.words().get(1);
        assertEquals(0.16, yo.startSec(), 1e-9);
        assertEquals(0.20, yo.endSec(), 1e-9);
        assertEquals(0.9, yo.confidence(), 1e-6);
    }
}
