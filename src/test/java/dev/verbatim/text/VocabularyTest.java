package dev.verbatim.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    private final Vocabulary v = Vocabulary.english();

    @Test
    void englishLayout() {
        assertEquals(29, v.size());
        assertEquals(0, v.blankId());
        assertEquals('_', v.symbol(0));
        assertEquals('a', v.symbol(1));
        assertEquals('z', v.symbol(26));
        assertEquals(' ', v.symbol(27));
        assertEquals('\'', v.symbol(28));
        assertEquals(1, v.id('a'));
        assertTrue(v.contains('\''));
        assertFalse(v.contains('_'));
        assertFalse(v.contains('A'));
    }

    @Test
    void encodeDecode() {
        assertArrayEquals(new int[] {4, 15, 14, 28, 20, 27, 7, 15}, v.encode("don't go"));
        assertEquals("don't go", v.decode(v.encode("don't go")));
        assertArrayEquals(new int[0], v.encode(""));
        // Blanks are skipped, repeats are kept (collapsing is the CTC decoder's job).
        assertEquals("hello", v.decode(new int[] {0, 8, 5, 0, 12, 12, 0, 15, 0}));
    }

    @Test
    void encodeNamesTheBadCharacter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.encode("abc!"));
        assertTrue(e.getMessage().contains("'!'"), e.getMessage());
        assertTrue(e.getMessage().contains("index 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> v.encode("Abc"));
        assertThrows(IllegalArgumentException.class, () -> v.encode("a_b"));
    }

    @Test
    void badIds() {
        assertThrows(IllegalArgumentException.class, () -> v.decode(new int[] {29}));
        assertThrows(IllegalArgumentException.class, () -> v.decode(new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> v.symbol(29));
    }

    @Test
    void symbolsRoundTrip() {
        List<String> symbols = v.symbols();
        assertEquals(29, symbols.size());
        assertEquals("<blank>", symbols.get(0));
        assertEquals("a", symbols.get(1));
        assertEquals("<space>", symbols.get(27));
        assertEquals("'", symbols.get(28));
        assertSame(v, Vocabulary.fromSymbols(symbols));
        // Alternative spellings read from hand-written files.
        List<String> alt = new ArrayList<>(symbols);
        alt.set(0, "_");
        alt.set(27, " ");
        alt.set(5, " e ");
        assertEquals(v, Vocabulary.fromSymbols(alt));
    }

    @Test
    void customVocabulary() {
        Vocabulary small = Vocabulary.fromSymbols(List.of("<blank>", "x", "<space>", "y"));
        assertEquals(4, small.size());
        assertArrayEquals(new int[] {1, 2, 3}, small.encode("x y"));
        assertFalse(small.equals(v));
    }

    @Test
    void fromSymbolsValidates() {
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromSymbols(List.of("<blank>")));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromSymbols(List.of("a", "<blank>")));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromSymbols(List.of("<blank>", "a", "a")));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromSymbols(List.of("<blank>", "a", "_")));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromSymbols(List.of("<blank>", "ab")));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromSymbols(List.of("<blank>", "")));
        assertThrows(IllegalArgumentException.class,
                () -> Vocabulary.fromSymbols(List.of("<blank>", " ", "<space>")));
    }
}
