package dev.verbatim.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The output symbols of the CTC acoustic model: id 0 is the CTC blank, every other id is one character.
 *
 * <p>The English vocabulary ({@link #english()}) has 29 symbols in this fixed order:
 * <pre>
 *   0      blank (written "_" by {@link #symbol(int)}, "&lt;blank&gt;" in {@link #symbols()})
 *   1..26  'a'..'z'
 *   27     ' ' (space; "&lt;space&gt;" in {@link #symbols()})
 *   28     '\'' (apostrophe)
 * </pre>
 * The order is part of a trained model (it fixes the meaning of each output unit), so it is saved in the model folder
 * with {@link #symbols()} and restored with {@link #fromSymbols(List)} instead of being assumed.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Vocabulary {

    /** How the blank is written in a symbol list; {@link #BLANK_SHORT} is also accepted when reading. */
    public static final String BLANK_TOKEN = "<blank>";
    /** Short form of the blank, as returned by {@link #symbol(int)}. */
    public static final String BLANK_SHORT = "_";
    /** How the space is written in a symbol list: a bare " " does not survive trimming of a text file's lines. */
    public static final String SPACE_TOKEN = "<space>";

    private static final char BLANK_CHAR = '_';
    private static final int BLANK_ID = 0;

    private static final Vocabulary ENGLISH;

    static {
        char[] chars = new char[29];
        chars[0] = BLANK_CHAR;
        for (int i = 0; i < 26; i++) {
            chars[1 + i] = (char) ('a' + i);
        }
        chars[27] = ' ';
        chars[28] = '\'';
        ENGLISH = new Vocabulary(chars);
    }

    /** Symbol per id; index 0 holds {@link #BLANK_CHAR} as a placeholder for the blank. */
    private final char[] chars;
    private final Map<Character, Integer> ids;

    private Vocabulary(char[] chars) {
        this.chars = chars;
        Map<Character, Integer> map = new HashMap<>();
        for (int id = 1; id < chars.length; id++) {
            map.put(chars[id], id);
        }
        this.ids = Collections.unmodifiableMap(map);
    }

    /** The standard English vocabulary: blank, 'a'..'z', space, apostrophe (29 symbols). */
    public static Vocabulary english() {
        return ENGLISH;
    }

    /** Number of symbols including the blank: the size of the model's output layer. */
    public int size() {
        return chars.length;
    }

    /** The id of the CTC blank (always 0). */
    public int blankId() {
        return BLANK_ID;
    }

    /** Whether {@code c} is a (non-blank) symbol of this vocabulary. */
    public boolean contains(char c) {
        return ids.containsKey(c);
    }

    /**
     * The id of character {@code c}.
     *
     * @throws IllegalArgumentException if {@code c} is not in the vocabulary
     */
    public int id(char c) {
        Integer id = ids.get(c);
        if (id == null) {
            throw new IllegalArgumentException("character " + describe(c) + " is not in the vocabulary");
        }
        return id;
    }

    /**
     * Converts normalised text (see {@link TextNormalizer#normalize(String)}) to symbol ids, one per character. The
     * result never contains the blank.
     *
     * @throws IllegalArgumentException naming the first character that is not in the vocabulary and its position
     */
    public int[] encode(String normalizedText) {
        Objects.requireNonNull(normalizedText, "normalizedText");
        int[] out = new int[normalizedText.length()];
        for (int i = 0; i < out.length; i++) {
            char c = normalizedText.charAt(i);
            Integer id = ids.get(c);
            if (id == null) {
                throw new IllegalArgumentException("character " + describe(c) + " at index " + i + " of \""
                        + normalizedText + "\" is not in the vocabulary; normalise the text first");
            }
            out[i] = id;
        }
        return out;
    }

    /**
     * Converts ids to text, skipping blanks. It does not merge repeated ids: collapsing a CTC frame path ("hh_e" ->
     * "he") is the decoder's job, and this method must also serve label sequences where repeats are real ("ll").
     *
     * @throws IllegalArgumentException if an id is out of range
     */
    public String decode(int[] ids) {
        Objects.requireNonNull(ids, "ids");
        StringBuilder sb = new StringBuilder(ids.length);
        for (int id : ids) {
            checkId(id);
            if (id != BLANK_ID) {
                sb.append(chars[id]);
            }
        }
        return sb.toString();
    }

    /**
     * The character of symbol {@code id}; the blank is shown as '_'.
     *
     * @throws IllegalArgumentException if the id is out of range
     */
    public char symbol(int id) {
        checkId(id);
        return chars[id];
    }

    /**
     * The symbols in id order, as saved in a model folder (one per line of {@code vocabulary.txt}, or a JSON array):
     * {@code "<blank>"}, then one string per character, with the space written {@code "<space>"}.
     */
    public List<String> symbols() {
        List<String> out = new ArrayList<>(chars.length);
        out.add(BLANK_TOKEN);
        for (int id = 1; id < chars.length; id++) {
            out.add(chars[id] == ' ' ? SPACE_TOKEN : String.valueOf(chars[id]));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Rebuilds a vocabulary from {@link #symbols()} output. The first symbol must be the blank ({@code "<blank>"} or
     * {@code "_"}); every other symbol must be one character or {@code "<space>"} (a bare {@code " "} is accepted
     * too), must not be the blank again, and must not repeat. Surrounding whitespace of entries other than
     * {@code " "} is ignored, so lines read from a text file can be passed as they are.
     *
     * @throws IllegalArgumentException describing the first invalid entry
     */
    public static Vocabulary fromSymbols(List<String> symbols) {
        Objects.requireNonNull(symbols, "symbols");
        if (symbols.size() < 2) {
            throw new IllegalArgumentException("a vocabulary needs the blank and at least one character, got "
                    + symbols.size() + " symbol(s)");
        }
        char[] chars = new char[symbols.size()];
        chars[0] = BLANK_CHAR;
        String first = symbols.get(0) == null ? null : symbols.get(0).strip();
        if (!BLANK_TOKEN.equals(first) && !BLANK_SHORT.equals(first)) {
            throw new IllegalArgumentException("symbol 0 must be the blank (\"" + BLANK_TOKEN + "\" or \""
                    + BLANK_SHORT + "\"), got \"" + symbols.get(0) + "\"");
        }
        boolean[] seen = new boolean[Character.MAX_VALUE + 1];
        for (int id = 1; id < chars.length; id++) {
            String raw = symbols.get(id);
            if (raw == null) {
                throw new IllegalArgumentException("symbol " + id + " is null");
            }
            // " " must be tested before stripping, since stripping would turn it into "".
            String s = raw.equals(" ") ? raw : raw.strip();
            char c;
            if (s.equals(SPACE_TOKEN) || s.equals(" ")) {
                c = ' ';
            } else if (s.equals(BLANK_TOKEN) || s.equals(BLANK_SHORT)) {
                throw new IllegalArgumentException("symbol " + id + " is a second blank; only symbol 0 may be blank");
            } else if (s.length() == 1) {
                c = s.charAt(0);
            } else {
                throw new IllegalArgumentException("symbol " + id + " (\"" + raw
                        + "\") must be a single character or \"" + SPACE_TOKEN + "\"");
            }
            if (seen[c]) {
                throw new IllegalArgumentException("symbol " + id + " (" + describe(c) + ") is a duplicate");
            }
            seen[c] = true;
            chars[id] = c;
        }
        // Share the canonical instance so identity checks against english() work after a save/load round trip.
        return Arrays.equals(chars, ENGLISH.chars) ? ENGLISH : new Vocabulary(chars);
    }

    private void checkId(int id) {
        if (id < 0 || id >= chars.length) {
            throw new IllegalArgumentException("symbol id " + id + " is out of range [0, " + chars.length + ")");
        }
    }

    private static String describe(char c) {
        return String.format("'%s' (U+%04X)", Character.isISOControl(c) ? "?" : String.valueOf(c), (int) c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary && Arrays.equals(chars, ((Vocabulary) o).chars);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(chars);
    }

    @Override
    public String toString() {
        return "Vocabulary" + symbols();
    }
}
