package dev.verbatim.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.verbatim.eval.EditDistance.Counts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EditDistanceTest {

    private static List<Character> chars(String s) {
        List<Character> out = new ArrayList<>();
        for (char c : s.toCharArray()) {
            out.add(c);
        }
        return out;
    }

    private static List<String> words(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
    }

    @Test
    void kittenSitting() {
        // kitten -> sitting: k->s, e->i, insert g.
        Counts c = EditDistance.align(chars("kitten"), chars("sitting"));
        assertEquals(new Counts(2, 0, 1, 6), c);
        assertEquals(3, c.errors());
        assertEquals(0.5, c.rate(), 1e-12);
        // The other direction swaps insertions for deletions.
        assertEquals(new Counts(2, 1, 0, 7), EditDistance.align(chars("sitting"), chars("kitten")));
    }

    @Test
    void oneOfEachWordError() {
        // ref: the cat sat on the mat ; hyp: the bat sat the mat today
        // cat->bat (sub), "on" deleted, "today" inserted.
        Counts c = EditDistance.align(words("the cat sat on the mat"), words("the bat sat the mat today"));
        assertEquals(new Counts(1, 1, 1, 6), c);
        assertEquals(0.5, c.rate(), 1e-12);
    }

    @Test
    void identicalAndDisjoint() {
        assertEquals(new Counts(0, 0, 0, 3), EditDistance.align(words("a b c"), words("a b c")));
        // Same length, nothing shared: substitutions preferred over delete+insert pairs.
        assertEquals(new Counts(3, 0, 0, 3), EditDistance.align(words("a b c"), words("x y z")));
        assertEquals(new Counts(2, 1, 0, 3), EditDistance.align(words("a b c"), words("x y")));
    }

    @Test
    void emptySequences() {
        assertEquals(new Counts(0, 0, 0, 0), EditDistance.align(words(""), words("")));
        assertEquals(0.0, EditDistance.align(words(""), words("")).rate());
        Counts onlyInsertions = EditDistance.align(words(""), words("hello there"));
        assertEquals(new Counts(0, 0, 2, 0), onlyInsertions);
        // errors / max(1, refLength): 2 insertions over an empty reference give a rate of 2.
        assertEquals(2.0, onlyInsertions.rate());
        Counts onlyDeletions = EditDistance.align(words("hello there"), words(""));
        assertEquals(new Counts(0, 2, 0, 2), onlyDeletions);
        assertEquals(1.0, onlyDeletions.rate());
    }

    @Test
    void totalMatchesPlainLevenshteinOnRandomStrings() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 300; trial++) {
            String a = randomString(rnd);
            String b = randomString(rnd);
            Counts c = EditDistance.align(chars(a), chars(b));
            assertEquals(levenshtein(a, b), c.errors(), a + " / " + b);
            assertEquals(a.length(), c.refLength());
            // Every path satisfies deletions - insertions = |ref| - |hyp|.
            assertEquals(a.length() - b.length(), c.deletions() - c.insertions());
        }
    }

    @Test
    void countsArithmeticAndValidation() {
        Counts a = new Counts(1, 2, 3, 10);
        assertEquals(new Counts(2, 2, 3, 15), a.plus(new Counts(1, 0, 0, 5)));
        assertThrows(IllegalArgumentException.class, () -> new Counts(-1, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Counts(2, 2, 0, 3));
    }

    private static String randomString(Random rnd) {
        int len = rnd.nextInt(9);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append((char) ('a' + rnd.nextInt(3)));
        }
        return sb.toString();
    }

    /** Textbook full-matrix distance, as an independent reference. */
    private static int levenshtein(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int sub = d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                d[i][j] = Math.min(sub, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
            }
        }
        return d[a.length()][b.length()];
    }
}
