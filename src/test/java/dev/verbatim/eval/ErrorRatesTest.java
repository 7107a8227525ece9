package dev.verbatim.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verbatim.eval.EditDistance.Counts;
import org.junit.jupiter.api.Test;

class ErrorRatesTest {

    @Test
    void normalisationDifferencesAreNotErrors() {
        assertEquals(new Counts(0, 0, 0, 9), ErrorRates.words("Please press 1 for yes, or 2 for no.",
                "please press one for yes or two for no"));
        assertEquals(0, ErrorRates.chars("Hello, World!", "hello world").errors());
    }

    @Test
    void wordErrors() {
        Counts c = ErrorRates.words("fourteen sixty-nine, fourteen seventy;", "fourteen sixty nine forty seventy");
        assertEquals(new Counts(1, 0, 0, 5), c);
        assertEquals(0.2, c.rate(), 1e-12);
    }

    @Test
    void charErrorsCountSpaces() {
        // "every day" vs "everyday": one deleted space; WER sees 1 sub + 1 del.
        assertEquals(new Counts(0, 1, 0, 9), ErrorRates.chars("every day", "everyday"));
        assertEquals(new Counts(1, 1, 0, 2), ErrorRates.words("every day", "everyday"));
    }

    @Test
    void emptyReferenceOrHypothesis() {
        assertEquals(new Counts(0, 0, 0, 0), ErrorRates.words("[beep]", ""));
        assertEquals(new Counts(0, 0, 1, 0), ErrorRates.words("(5 seconds of silence)", "hi"));
        assertEquals(1.0, ErrorRates.words("", "hi").rate());
        assertEquals(new Counts(0, 2, 0, 2), ErrorRates.words("hello there", ""));
        assertEquals(new Counts(0, 0, 2, 0), ErrorRates.chars("", "hi"));
    }
}
