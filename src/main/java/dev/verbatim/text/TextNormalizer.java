package dev.verbatim.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one text normalisation of the project, applied to every transcript: training targets, evaluation references
 * and recognizer hypotheses alike, so that a word is spelled the same way wherever it is compared or learned. The
 * result contains only 'a'..'z', single spaces between words and apostrophes inside words, so
 * {@link Vocabulary#english()} can always encode it.
 *
 * <p>Steps, in order:
 * <ol>
 *   <li>Curly and typographic single quotes (‘ ’ ‛ ′ ʼ ` ´) become {@code '}; Unicode NFKD, then combining marks are
 *       dropped ("café" -> "cafe", "ﬁ" -> "fi", "²" -> "2").</li>
 *   <li>Non-speech annotations are removed entirely, with their brackets: anything in square, angle or curly
 *       brackets ({@code [ascending tones]}, {@code <beep>}, {@code {noise}}), and parentheses that hold an
 *       annotation: a colon ({@code (note: does not say "2")}) or a word from a short list of non-speech terms
 *       (silence, sound, plays, tone, beep, noise, music, laughter, cough, breath, inaudible...;
 *       {@code (5 seconds of silence)}, {@code (simple tone sound plays)}). Other parentheses keep their words,
 *       because read-speech corpora use them for text that is read aloud: LJSpeech's "(one) those awaiting trial"
 *       and "first type (afterwards used by Schussler) is" are spoken with the parenthesis. An opening bracket
 *       without its closing one is treated as punctuation.</li>
 *   <li>Lower case; a few letters NFKD does not decompose are spelled in ASCII (ß -> ss, æ -> ae, œ -> oe, ø -> o,
 *       ł -> l, đ/ð -> d, þ -> th).</li>
 *   <li>Titles: "mr" -> "mister", "mrs" -> "missus" (with or without the period), since that is what is said.</li>
 *   <li>Numerals spelled out in words, American style without "and":
 *     <ul>
 *       <li>integers as cardinals: "1" -> "one", "42" -> "forty two", "1,000" -> "one thousand",
 *           "2024" -> "two thousand twenty four";</li>
 *       <li><b>years</b>: a bare four-digit number from 1100 to 1999 that does not end in 00 is read as a year,
 *           "1999" -> "nineteen ninety nine", "1905" -> "nineteen oh five" (so "1234" reads "twelve thirty four");
 *           every other number, including "1900" and "2005", is cardinal;</li>
 *       <li>digit strings with a leading zero, or longer than 15 digits, are read digit by digit
 *           ("007" -> "zero zero seven");</li>
 *       <li>decimals: "3.5" -> "three point five", ".25" -> "point two five" (fraction digits one by one);</li>
 *       <li>ordinals: "1st" -> "first", "22nd" -> "twenty second", "100th" -> "one hundredth";</li>
 *       <li>plurals: "1990s" / "1990's" -> "nineteen nineties", "1900s" -> "nineteen hundreds", "80s" -> "eighties";</li>
 *       <li>clock times: "9:30" -> "nine thirty", "10:05" -> "ten oh five", "9:00" -> "nine";</li>
 *       <li>money: "$5" -> "five dollars", "$1" -> "one dollar", "$5.50" -> "five dollars fifty cents",
 *           "$0.99" -> "ninety nine cents", "$2 million" -> "two million dollars" (also £ pounds/pence, € euros/cents);</li>
 *       <li>digits glued to letters are split: "3D" -> "three d", "mp3" -> "mp three".</li>
 *     </ul></li>
 *   <li>Symbols spoken as words: "%" -> "percent", "&amp;" -> "and", "#" -> "pound" (the telephone key), "*" -> "star",
 *       "@" -> "at", "+" -> "plus", and a currency sign without a number -> "dollars"/"pounds"/"euros".</li>
 *   <li>Everything else that is not a letter becomes a word break: hyphens and slashes ("sixty-nine" ->
 *       "sixty nine"), periods ("a.m." -> "a m"), other punctuation, letters of other scripts. An apostrophe is
 *       kept only between two letters ("don't", "o'clock"); at a word edge it is a quote mark and is dropped
 *       ("'hello'" -> "hello", "debtors'" -> "debtors").</li>
 *   <li>Whitespace collapsed to single spaces and trimmed.</li>
 * </ol>
 * The function is idempotent: normalising its own output changes nothing.
 */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    private static final String[] ONES = {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    private static final String[] TENS = {
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    private static final String[] SCALES = {"", "thousand", "million", "billion", "trillion"};

    /** Longest digit string read as a number; longer ones (ids, phone numbers run together) are read digit by digit. */
    private static final int MAX_CARDINAL_DIGITS = 15;

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    /** Marks a parenthesis as a transcriber's note rather than read text; see the class comment. */
    private static final Pattern ANNOTATION_IN_PARENTHESES = Pattern.compile(
            ":|\\b(?:silen(?:ce|t)|sounds?|plays?|playing|tones?|beeps?|noises?|music|laugh(?:s|ter|ing)?|coughs?"
                    + "|coughing|breath(?:s|ing)?|sighs?|applause|inaudible|unintelligible|crosstalk|static|ringing"
                    + "|rings|click(?:s|ing)?|pause)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern MISTER = Pattern.compile("\\bmr\\b\\.?");
    private static final Pattern MISSUS = Pattern.compile("\\bmrs\\b\\.?");

    /** h:mm, not inside a longer digit run (so "1:30:00" style durations stay as separate numbers). */
    private static final Pattern TIME = Pattern.compile("(?<![\\d:])(\\d{1,2}):([0-5]\\d)(?![\\d:])");

    /** Integer part: comma-grouped thousands ("1,000,000") or a plain digit run. */
    private static final String INTEGER = "(\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)";

    private static final Pattern MONEY = Pattern.compile(
            "([$£€])\\s?" + INTEGER + "(?:\\.(\\d+))?(?:\\s+(hundred|thousand|million|billion|trillion)\\b)?");

    /**
     * A number with optional fraction and an optional ordinal or plural suffix; the suffix only counts when no
     * letter follows it, so "3d" is "3" + "d" rather than a malformed ordinal. The second branch is a bare fraction
     * (".5"), only where no letter, digit or period precedes it.
     */
    private static final Pattern NUMBER = Pattern.compile(
            INTEGER + "(?:\\.(\\d+))?(?:(st|nd|rd|th|'s|s)(?![a-z]))?"
                    + "|(?<![\\p{L}\\d.])\\.(\\d+)");

    /**
     * Normalises a raw transcript (see the class comment for the conventions).
     *
     * @param raw any text; null is not allowed
     * @return lower-case words of 'a'..'z' and inner apostrophes separated by single spaces; "" if nothing is spoken
     */
    public static String normalize(String raw) {
        Objects.requireNonNull(raw, "raw");
        // Quotes first: NFKD would split the acute accent ´ into a space and a combining mark.
        String s = mapQuotes(raw);
        s = Normalizer.normalize(s, Normalizer.Form.NFKD);
        s = COMBINING_MARKS.matcher(s).replaceAll("");
        s = removeAnnotations(s);
        s = s.toLowerCase(Locale.ROOT);
        s = transliterate(s);
        s = MISSUS.matcher(s).replaceAll(" missus ");
        s = MISTER.matcher(s).replaceAll(" mister ");
        s = replace(TIME, s, TextNormalizer::time);
        s = replace(MONEY, s, TextNormalizer::money);
        s = replace(NUMBER, s, TextNormalizer::number);
        s = symbols(s);
        return finish(s);
    }

    private static String replace(Pattern p, String s, java.util.function.Function<MatchResult, String> f) {
        Matcher m = p.matcher(s);
        // Spaces around each expansion keep it from gluing onto neighbouring letters ("mp3" -> "mp three").
        return m.replaceAll(r -> Matcher.quoteReplacement(" " + f.apply(r) + " "));
    }

    private static String mapQuotes(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\u2018', '\u2019', '\u201B', '\u2032', '\u02BC', '`', '\u00B4' -> sb.append('\'');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Removes [..], <..>, {..} and annotation (..) spans, each replaced by one space; see the class comment. */
    private static String removeAnnotations(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char open = s.charAt(i);
            char close = switch (open) {
                case '[' -> ']';
                case '<' -> '>';
                case '{' -> '}';
                case '(' -> ')';
                default -> 0;
            };
            int end = close == 0 ? -1 : matching(s, i, open, close);
            if (end < 0) {
                sb.append(open);
                i++;
                continue;
            }
            String inner = s.substring(i + 1, end);
            sb.append(' ');
            if (open == '(' && !ANNOTATION_IN_PARENTHESES.matcher(inner).find()) {
                sb.append(removeAnnotations(inner)).append(' ');
            }
            i = end + 1;
        }
        return sb.toString();
    }

    /** Index of the bracket closing the one at {@code from}, counting nested pairs of the same kind; -1 if none. */
    private static int matching(String s, int from, char open, char close) {
        int depth = 0;
        for (int j = from; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    private static String transliterate(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case 'ß' -> sb.append("ss");
                case 'æ' -> sb.append("ae");
                case 'œ' -> sb.append("oe");
                case 'ø' -> sb.append('o');
                case 'ł' -> sb.append('l');
                case 'đ', 'ð' -> sb.append('d');
                case 'þ' -> sb.append("th");
                case 'ı' -> sb.append('i');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String symbols(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String word = switch (c) {
                case '%' -> "percent";
                case '&' -> "and";
                case '#' -> "pound";
                case '*' -> "star";
                case '@' -> "at";
                case '+' -> "plus";
                case '$' -> "dollars";
                case '£' -> "pounds";
                case '€' -> "euros";
                default -> null;
            };
            if (word == null) {
                sb.append(c);
            } else {
                sb.append(' ').append(word).append(' ');
            }
        }
        return sb.toString();
    }

    /** Keeps a-z and inner apostrophes, turns everything else into single spaces, trims. */
    private static String finish(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean keep = isAsciiLetter(c)
                    || (c == '\'' && i > 0 && i + 1 < s.length()
                        && isAsciiLetter(s.charAt(i - 1)) && isAsciiLetter(s.charAt(i + 1)));
            if (keep) {
                if (pendingSpace && sb.length() > 0) {
                    sb.append(' ');
                }
                pendingSpace = false;
                sb.append(c);
            } else {
                pendingSpace = true;
            }
        }
        return sb.toString();
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    // ---- numbers -------------------------------------------------------------------------------------------------

    private static String time(MatchResult m) {
        int hours = Integer.parseInt(m.group(1));
        int minutes = Integer.parseInt(m.group(2));
        String h = cardinal(hours);
        if (minutes == 0) {
            return h;
        }
        return h + " " + (minutes < 10 ? "oh " + ONES[minutes] : cardinal(minutes));
    }

    private static String money(MatchResult m) {
        String symbol = m.group(1);
        String intDigits = m.group(2).replace(",", "");
        String fraction = m.group(3);
        String scale = m.group(4);
        String unit = switch (symbol) {
            case "$" -> "dollar";
            case "£" -> "pound";
            default -> "euro";
        };
        String subunit = symbol.equals("£") ? "penny" : "cent";
        String subunits = symbol.equals("£") ? "pence" : "cents";
        String amount = integerWords(intDigits, false);
        if (scale != null) {
            // "$2.5 million" is said "two point five million dollars": the unit follows the scale word.
            String number = fraction == null ? amount : amount + " point " + digits(fraction);
            return number + " " + scale + " " + unit + "s";
        }
        if (fraction != null && fraction.length() == 2) {
            boolean zeroUnits = intDigits.matches("0+");
            int cents = Integer.parseInt(fraction);
            String units = amount + " " + unit + (isOne(intDigits) ? "" : "s");
            if (cents == 0) {
                return units;
            }
            String sub = cardinal(cents) + " " + (cents == 1 ? subunit : subunits);
            return zeroUnits ? sub : units + " " + sub;
        }
        if (fraction != null) {
            return amount + " point " + digits(fraction) + " " + unit + "s";
        }
        return amount + " " + unit + (isOne(intDigits) ? "" : "s");
    }

    private static boolean isOne(String digits) {
        return digits.equals("1");
    }

    private static String number(MatchResult m) {
        if (m.group(1) == null) {
            return "point " + digits(m.group(4));
        }
        boolean grouped = m.group(1).indexOf(',') >= 0;
        String intDigits = m.group(1).replace(",", "");
        String fraction = m.group(2);
        String suffix = m.group(3);
        if (fraction != null) {
            // A suffix on a decimal ("1.5th") is not said; drop it rather than invent a reading.
            return integerWords(intDigits, false) + " point " + digits(fraction);
        }
        if (suffix == null) {
            return integerWords(intDigits, !grouped);
        }
        if (suffix.equals("s") || suffix.equals("'s")) {
            if (!grouped && isYearHundred(intDigits)) {
                return ONES[Integer.parseInt(intDigits.substring(0, 2))] + " hundreds";
            }
            return plural(integerWords(intDigits, !grouped));
        }
        return ordinal(integerWords(intDigits, false));
    }

    /** 1100, 1200 ... 1900: "the 1900s" is said "the nineteen hundreds". */
    private static boolean isYearHundred(String digits) {
        if (digits.length() != 4 || digits.charAt(0) == '0') {
            return false;
        }
        int n = Integer.parseInt(digits);
        return n >= 1100 && n <= 1999 && n % 100 == 0;
    }

    /** Spells a digit string; see the class comment for the year and leading-zero conventions. */
    private static String integerWords(String digits, boolean allowYear) {
        if (digits.length() > MAX_CARDINAL_DIGITS || (digits.length() > 1 && digits.charAt(0) == '0')) {
            return digits(digits);
        }
        long n = Long.parseLong(digits);
        if (allowYear && digits.length() == 4 && n >= 1100 && n <= 1999 && n % 100 != 0) {
            int hi = (int) (n / 100);
            int lo = (int) (n % 100);
            return ONES[hi] + " " + (lo < 10 ? "oh " + ONES[lo] : cardinal(lo));
        }
        return cardinal(n);
    }

    /** Reads each digit: "05" -> "zero five". */
    private static String digits(String digits) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(ONES[digits.charAt(i) - '0']);
        }
        return sb.toString();
    }

    /** Cardinal words for 0 <= n < 10^15, American style without "and". */
    static String cardinal(long n) {
        if (n < 0 || n >= 1000 * 1_000_000_000_000L) {
            throw new IllegalArgumentException("out of range for cardinal words: " + n);
        }
        if (n == 0) {
            return "zero";
        }
        StringBuilder sb = new StringBuilder();
        long scaleValue = 1_000_000_000_000L;
        for (int scale = SCALES.length - 1; scale >= 0; scale--, scaleValue /= 1000) {
            int chunk = (int) ((n / scaleValue) % 1000);
            if (chunk == 0) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(below1000(chunk));
            if (scale > 0) {
                sb.append(' ').append(SCALES[scale]);
            }
        }
        return sb.toString();
    }

    private static String below1000(int n) {
        StringBuilder sb = new StringBuilder();
        if (n >= 100) {
            sb.append(ONES[n / 100]).append(" hundred");
            n %= 100;
            if (n == 0) {
                return sb.toString();
            }
            sb.append(' ');
        }
        if (n < 20) {
            sb.append(ONES[n]);
        } else {
            sb.append(TENS[n / 10]);
            if (n % 10 != 0) {
                sb.append(' ').append(ONES[n % 10]);
            }
        }
        return sb.toString();
    }

    /** "twenty two" -> "twenty second": only the last word changes. */
    static String ordinal(String words) {
        int cut = words.lastIndexOf(' ') + 1;
        String last = words.substring(cut);
        String ord = switch (last) {
            case "one" -> "first";
            case "two" -> "second";
            case "three" -> "third";
            case "five" -> "fifth";
            case "eight" -> "eighth";
            case "nine" -> "ninth";
            case "twelve" -> "twelfth";
            default -> last.endsWith("y") ? last.substring(0, last.length() - 1) + "ieth" : last + "th";
        };
        return words.substring(0, cut) + ord;
    }

    /** "nineteen ninety" -> "nineteen nineties", "six" -> "sixes". */
    private static String plural(String words) {
        int cut = words.lastIndexOf(' ') + 1;
        String last = words.substring(cut);
        String pl;
        if (last.endsWith("y")) {
            pl = last.substring(0, last.length() - 1) + "ies";
        } else if (last.endsWith("x")) {
            pl = last + "es";
        } else {
            pl = last + "s";
        }
        return words.substring(0, cut) + pl;
    }
}
