package dev.verbatim.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {

    private static final Pattern CLEAN = Pattern.compile("([a-z]+('[a-z]+)*( [a-z]+('[a-z]+)*)*)?");

    private static String n(String s) {
        return TextNormalizer.normalize(s);
    }

    @Test
    void realTelephonePrompts() {
        assertEquals("please press one for yes or two for no", n("Please press 1 for yes or 2 for no"));
        assertEquals("followed by the pound key", n("followed by the pound key"));
        assertEquals("that agent is already logged on please enter your agent number followed by the pound key",
                n("That agent is already logged on.  Please enter your agent number followed by the pound key."));
        assertEquals("press star to toggle pause press pound to enter a new dictation filename",
                n("press * to toggle pause, press # to enter a new dictation filename"));
        assertEquals("three d audio enabled", n("3D audio enabled"));
        assertEquals("h three hundred twenty three", n("H.323"));
        assertEquals("a m", n("A.M."));
        assertEquals("visit www asterisk org", n("visit www.asterisk.org."));
        assertEquals("at least a twenty eight point eight kilobit modem", n("at least a 28.8 kilobit modem"));
        assertEquals("call forward on no answer", n("Call-Forward on No Answer."));
    }

    @Test
    void annotationsAreRemovedEntirely() {
        assertEquals("", n("[ascending tones]"));
        assertEquals("", n("<beep ascending>"));
        assertEquals("", n("<beep>"));
        assertEquals("", n("(5 seconds of silence)"));
        assertEquals("", n("{noise}"));
        assertEquals("iax", n("IAX (note: does not say \"2\")"));
        assertEquals("at", n("at [@]"));
        assertEquals("dollar", n("dollar [$]"));
        assertEquals("space", n("space [ ]"));
        assertEquals("please leave your message after the tone when done hang up or press the pound key",
                n("Please leave your message after the tone.  When done hang up or press the pound key. "
                        + "(simple tone sound plays)"));
        // Annotation between words leaves a word break, not glued words.
        assertEquals("hello world", n("hello[cough]world"));
        // Unbalanced brackets are punctuation, and the text after them is kept.
        assertEquals("a b", n("a [b"));
        assertEquals("a b", n("a ) b"));
    }

    @Test
    void parenthesesThatAreReadAloudAreKept() {
        assertEquals("in fact gunther zeiner's first type afterwards used by schussler is remarkably like",
                n("In fact Gunther Zeiner's first type (afterwards used by Schussler) is remarkably like"));
        assertEquals("one those awaiting trial", n("(one) those awaiting trial;"));
        assertEquals("or class one with whom under the imperious demand",
                n("or class (one), with whom, under the imperious demand"));
        assertEquals("item two", n("item (2)"));
        assertEquals("well", n("(laughs) well (coughing)"));
        assertEquals("yes", n("yes (pause)"));
        assertEquals("a b c", n("a (b [unclear] c)"));
    }

    @Test
    void realReadSpeech() {
        assertEquals("fourteen sixty nine fourteen seventy", n("fourteen sixty-nine, fourteen seventy;"));
        assertEquals("after his death in the fourteen eighties or at least by fourteen ninety",
                n("After his death in the \"fourteen eighties,\" or at least by fourteen ninety"));
        assertEquals("two the female debtors side three the chapel yard",
                n("two. The female debtors' side. three. The chapel yard."));
        assertEquals("quote a common sized man says the keeper mister newman can turn in nineteen inches end quote",
                n("Quote, a common-sized man, says the keeper, Mr. Newman, can turn in nineteen inches, end quote."));
        assertEquals("missus smith", n("Mrs. Smith"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "0|zero",
        "1|one",
        "13|thirteen",
        "42|forty two",
        "100|one hundred",
        "101|one hundred one",
        "999|nine hundred ninety nine",
        "1000|one thousand",
        "1100|one thousand one hundred",
        "1900|one thousand nine hundred",
        "1999|nineteen ninety nine",
        "1905|nineteen oh five",
        "1469|fourteen sixty nine",
        "2000|two thousand",
        "2024|two thousand twenty four",
        "1099|one thousand ninety nine",
        "1,999|one thousand nine hundred ninety nine",
        "12,345|twelve thousand three hundred forty five",
        "1000000|one million",
        "1,234,567|one million two hundred thirty four thousand five hundred sixty seven",
        "007|zero zero seven",
        "3.5|three point five",
        "3.14|three point one four",
        "0.05|zero point zero five",
        ".25|point two five",
        "1st|first",
        "2nd|second",
        "3rd|third",
        "4th|fourth",
        "12th|twelfth",
        "20th|twentieth",
        "22nd|twenty second",
        "100th|one hundredth",
        "1990s|nineteen nineties",
        "1990's|nineteen nineties",
        "'90s|nineties",
        "1900s|nineteen hundreds",
        "6s|sixes",
        "9:30|nine thirty",
        "10:05|ten oh five",
        "9:00|nine",
        "50%|fifty percent",
        "$5|five dollars",
        "$1|one dollar",
        "$5.50|five dollars fifty cents",
        "$1.01|one dollar one cent",
        "$0.99|ninety nine cents",
        "$3.00|three dollars",
        "$2 million|two million dollars",
        "$2.5 million|two point five million dollars",
        "£10|ten pounds",
        "€1,000|one thousand euros",
        "mp3|mp three",
        "1234567890123456|one two three four five six seven eight nine zero one two three four five six",
    })
    void numbers(String raw, String expected) {
        assertEquals(expected, n(raw));
    }

    @Test
    void symbols() {
        assertEquals("rock and roll", n("rock & roll"));
        assertEquals("press pound", n("press #"));
        assertEquals("press star", n("press *"));
        assertEquals("me at example com", n("me@example.com"));
        assertEquals("one plus one", n("1+1"));
        assertEquals("dollars", n("$"));
    }

    @Test
    void punctuationQuotesAndApostrophes() {
        assertEquals("don't stop at five o'clock", n("Don't stop at five o'clock!"));
        assertEquals("don't", n("Don\u2019t"));
        assertEquals("hello", n("'hello'"));
        assertEquals("hello", n("\u2018hello\u2019"));
        assertEquals("she said hi", n("She said \u201Chi\u201D."));
        assertEquals("the debtors yards", n("the debtors' yards"));
        assertEquals("and or", n("and/or"));
        assertEquals("well known", n("well-known"));
        assertEquals("a b", n("a -- b"));
        assertEquals("a b", n("a \u2014 b"));
        assertEquals("what", n("What?!..."));
    }

    @Test
    void unicodeAndWhitespace() {
        assertEquals("cafe naive", n("Caf\u00E9 na\u00EFve"));
        assertEquals("strasse", n("Stra\u00DFe"));
        assertEquals("fine", n("\uFB01ne")); // "ﬁ" ligature
        assertEquals("x two", n("x\u00B2"));
        assertEquals("a b", n("  a \t\n\u00A0 b  "));
        assertEquals("", n(""));
        assertEquals("", n("  ...  "));
        assertEquals("", n("\u4F60\u597D")); // other scripts carry no a-z letters
    }

    @Test
    void idempotent() throws IOException {
        for (String[] row : sample()) {
            String once = n(row[2]);
            assertEquals(once, n(once), row[1]);
        }
    }

    /** Every sampled real transcript becomes clean text that the English vocabulary encodes. */
    @Test
    void sampleTranscriptsAreEncodable() throws IOException {
        List<String[]> rows = sample();
        assertTrue(rows.size() >= 20, "sample too small: " + rows.size());
        Set<String> sources = new java.util.HashSet<>();
        for (String[] row : rows) {
            sources.add(row[0]);
            assertEncodable(row[0] + " " + row[1], row[2]);
        }
        assertEquals(Set.of("allison", "fsdd", "matthes"), sources);
    }

    /** The same check on the full manifests when the shared data is present; skipped elsewhere. */
    @Test
    void allRealManifestsAreEncodable() throws IOException {
        Path root = Path.of(System.getProperty("verbatim.realData", "../shared/data/real"));
        assumeTrue(Files.isDirectory(root), "no real data at " + root.toAbsolutePath());
        int checked = 0;
        for (String corpus : List.of("allison", "fsdd", "matthes")) {
            Path manifest = root.resolve(corpus).resolve("manifest.tsv");
            assumeTrue(Files.isRegularFile(manifest), "missing " + manifest);
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    continue;
                }
                assertEncodable(manifest + ": " + line, line.substring(tab + 1));
                checked++;
            }
        }
        assertTrue(checked > 3000, "checked " + checked);
    }

    private static void assertEncodable(String where, String raw) {
        String norm = n(raw);
        assertTrue(CLEAN.matcher(norm).matches(), where + " -> \"" + norm + "\"");
        int[] ids = Vocabulary.english().encode(norm);
        assertEquals(norm, Vocabulary.english().decode(ids), where);
        // Only annotation-only rows may normalise to nothing.
        if (norm.isEmpty()) {
            String stripped = raw.replaceAll("\\[[^]]*]|<[^>]*>|\\([^)]*\\)", "").strip();
            assertEquals("", stripped, where + ": speech lost");
        }
    }

    private static List<String[]> sample() throws IOException {
        try (InputStream in = TextNormalizerTest.class.getResourceAsStream("/text/transcripts-sample.tsv")) {
            assertNotNull(in, "test resource text/transcripts-sample.tsv");
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                rows.add(line.split("\t", 3));
            }
            return rows;
        }
    }
}
