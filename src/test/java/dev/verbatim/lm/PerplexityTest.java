package dev.verbatim.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Perplexity on the tiny ARPA fixture, against sums worked by hand from the file's lines. */
class PerplexityTest {
    private static final Path TINY = Path.of("src/test/resources/lm/tiny.arpa");

    @Test
    void sentenceScoresFollowTheArpaBackoffByHand() throws Exception {
        Perplexity p = new Perplexity(NgramModel.readArpa(TINY));
        // <s> the (bigram) + <s> the cat + the cat sat (trigrams) + </s> after "cat sat": no trigram, no bigram
        // "sat </s>", so backoff(cat sat) + backoff(sat) + P(</s>)
        double theCatSat = -0.498051 - 0.949176 - 0.516427 + (-0.353736 - 0.104735 - 1.080584);
        assertEquals(theCatSat, p.add(new String[] {"the", "cat", "sat"}), 1e-5);
        // "zebra" is not in the model: counted as OOV, not scored; </s> after "the <unk>" backs off to P(</s>)
        double theZebra = -0.498051 + -1.080584;
        assertEquals(theZebra, p.add(new String[] {"the", "zebra"}), 1e-5);

        assertEquals(2, p.sentences());
        assertEquals(5, p.words());
        assertEquals(1, p.outOfVocabulary());
        assertEquals(0.2, p.oovRate(), 1e-12);
        assertEquals(theCatSat + theZebra, p.log10Prob(), 1e-5);
        // 4 scored words and 2 sentence ends
        assertEquals(Math.pow(10, -(theCatSat + theZebra) / 6), p.perplexity(), 1e-3);
        assertEquals(Math.pow(10, -(theCatSat + theZebra) / 4), p.perplexityWithoutEnds(), 1e-3);
    }

    @Test
    void textTheModelWasBuiltFromIsLessPerplexingThanShuffledWords() throws Exception {
        NgramModel lm = NgramModel.readArpa(TINY);
        Perplexity seen = new Perplexity(lm);
        seen.add("the cat sat on the mat".split(" "));
        Perplexity shuffled = new Perplexity(lm);
        shuffled.add("mat the on sat cat the".split(" "));
        assertTrue(seen.perplexity() * 2 < shuffled.perplexity(), seen.perplexity() + " vs " + shuffled.perplexity());
        assertEquals(0, seen.outOfVocabulary());
    }

    @Test
    void emptyTextHasNoPerplexity() throws Exception {
        Perplexity p = new Perplexity(NgramModel.readArpa(TINY));
        assertTrue(Double.isNaN(p.perplexity()));
        assertEquals(0, p.oovRate());
    }
}
