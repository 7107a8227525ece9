package dev.verbatim.lm;

import dev.verbatim.text.SortedWords;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A word n-gram language model in backoff form, as ARPA files describe it: for every stored n-gram a log10
 * probability, for every stored context a log10 backoff weight. {@code P(w | h)} is the stored probability of
 * {@code h w} if there is one, else {@code backoff(h) * P(w | h without its first word)}.
 *
 * <p>Words are ids; {@code <s>}, {@code </s>} and {@code <unk>} are always in the vocabulary. Up to order 4 and
 * 65,534 words (n-grams are packed into one long). Immutable after construction; safe to share between threads.
 */
public final class NgramModel {
    public static final String BOS = "<s>";
    public static final String EOS = "</s>";
    public static final String UNK = "<unk>";
    static final int MAX_ORDER = 4;
    static final int MAX_WORDS = 0xFFFF - 1;
    /** What ARPA files write for "impossible" (KenLM writes it for {@code <s>}). */
    static final float LOG_ZERO = -99f;

    private final String[] words;
    private final Map<String, Integer> ids;
    private final LongFloatMap[] prob;    // [order - 1]
    private final LongFloatMap[] backoff; // [order - 1]
    private final String[] sorted;        // the real words, sorted, for prefix queries
    private final int bos;
    private final int eos;
    private final int unk;

    NgramModel(List<String> vocabulary, LongFloatMap[] prob, LongFloatMap[] backoff) {
        if (prob.length < 1 || prob.length > MAX_ORDER) {
            throw new IllegalArgumentException("order must be 1.." + MAX_ORDER + ", got " + prob.length);
        }
        if (vocabulary.size() > MAX_WORDS) {
            throw new IllegalArgumentException("at most " + MAX_WORDS + " words, got " + vocabulary.size());
        }
        this.words = vocabulary.toArray(new String[0]);
        this.ids = new HashMap<>(words.length * 2);
        for (int i = 0; i < words.length; i++) {
            ids.put(words[i], i);
        }
        for (String special : List.of(BOS, EOS, UNK)) {
            if (!ids.containsKey(special)) {
                throw new IllegalArgumentException("the vocabulary has no " + special);
            }
        }
        this.prob = prob;
        this.backoff = backoff;
        this.bos = ids.get(BOS);
        this.eos = ids.get(EOS);
        this.unk = ids.get(UNK);
        this.sorted = Arrays.stream(words).filter(w -> !w.startsWith("<")).sorted().toArray(String[]::new);
    }

    public int order() {
        return prob.length;
    }

    /** Words in the vocabulary, specials included. */
    public int vocabularySize() {
        return words.length;
    }

    public int bos() {
        return bos;
    }

    public int eos() {
        return eos;
    }

    public int unk() {
        return unk;
    }

    /** The id of {@code word}, or the id of {@code <unk>}. */
    public int id(String word) {
        Integer id = ids.get(word);
        return id == null ? unk : id;
    }

    public boolean contains(String word) {
        return ids.containsKey(word) && !word.startsWith("<");
    }

    public String word(int id) {
        return words[id];
    }

    /** Whether some vocabulary word starts with {@code prefix} (the empty prefix included). */
    public boolean isPrefix(String prefix) {
        return SortedWords.anyStartsWith(sorted, prefix);
    }

    /** Number of stored n-grams of {@code order}. */
    public int count(int order) {
        return prob[order - 1].size();
    }

    static long key(int[] ids, int from, int to) {
        long k = 0;
        for (int i = from; i < to; i++) {
            k = (k << 16) | ids[i];
        }
        return k;
    }

    /**
     * log10 P(word | history), history oldest first (only its last order-1 words matter).
     */
    public float log10Prob(int[] history, int word) {
        int n = Math.min(history.length, order() - 1);
        int[] gram = new int[n + 1];
        System.arraycopy(history, history.length - n, gram, 0, n);
        gram[n] = word;
        float bo = 0;
        for (int start = 0; start <= n; start++) {
            int len = n + 1 - start;
            float p = prob[len - 1].get(key(gram, start, n + 1), Float.NaN);
            if (!Float.isNaN(p)) {
                return bo + p;
            }
            if (len > 1) {
                bo += backoff[len - 2].get(key(gram, start, n), 0f);
            }
        }
        // Not even a unigram: the word is out of the vocabulary.
        return bo + prob[0].get(key(new int[] {unk}, 0, 1), LOG_ZERO);
    }

    /** The stored log10 probability of an n-gram given as words, or NaN when it is not stored. */
    public float storedLog10Prob(String... gram) {
        int[] g = idsOf(gram);
        return g == null ? Float.NaN : prob[g.length - 1].get(key(g, 0, g.length), Float.NaN);
    }

    /** The stored log10 backoff of a context given as words, or NaN when it has none. */
    public float storedLog10Backoff(String... context) {
        int[] g = idsOf(context);
        return g == null || g.length >= order() ? Float.NaN
                : backoff[g.length - 1].get(key(g, 0, g.length), Float.NaN);
    }

    private int[] idsOf(String[] gram) {
        int[] g = new int[gram.length];
        for (int i = 0; i < gram.length; i++) {
            Integer id = ids.get(gram[i]);
            if (id == null) {
                return null;
            }
            g[i] = id;
        }
        return g;
    }

    /** The stored log10 probabilities of {@code order}-grams (not to be modified). */
    LongFloatMap probs(int order) {
        return prob[order - 1];
    }

    /** The stored log10 backoffs of {@code order}-gram contexts, below the top order (not to be modified). */
    LongFloatMap backoffs(int order) {
        return backoff[order - 1];
    }

    // ------------------------------------------------------------------------------------------------ binary

    /**
     * Reads a language model in any form: our binary forms (they start with "VLM1" or "VLM2", see
     * {@link NgramBinary}) or ARPA text. The binary forms load about ten times faster.
     */
    public static NgramModel read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a folder, not a language model (ARPA text or Verbatim's binary form)");
        }
        int magic = NgramBinary.magic(file);
        if (magic == NgramBinary.MAGIC_V1 || magic == NgramBinary.MAGIC_V2) {
            return NgramBinary.read(file);
        }
        return readArpa(file);
    }

    /** Whether {@code file} holds the quantized binary form ({@link #writeBinary(java.io.OutputStream, boolean)}). */
    public static boolean isQuantized(Path file) throws IOException {
        return NgramBinary.isQuantized(file);
    }

    /** Writes the binary form, every value exactly. */
    public void writeBinary(java.io.OutputStream out) throws IOException {
        NgramBinary.write(this, out, false);
    }

    /**
     * Writes the binary form; {@code quantize} stores the probabilities and backoffs of bigrams and up as 8-bit
     * indices into per-order tables (about a third of the size; values move by about 0.01 in log10).
     */
    public void writeBinary(java.io.OutputStream out, boolean quantize) throws IOException {
        NgramBinary.write(this, out, quantize);
    }

    // ------------------------------------------------------------------------------------------------ ARPA

    /** Writes the model in ARPA text format (n-grams of each order sorted). */
    public void writeArpa(Writer out) throws IOException {
        BufferedWriter w = new BufferedWriter(out);
        w.write("\n\\data\\\n");
        for (int k = 1; k <= order(); k++) {
            w.write("ngram " + k + "=" + count(k) + "\n");
        }
        for (int k = 1; k <= order(); k++) {
            w.write("\n\\" + k + "-grams:\n");
            List<long[]> entries = new ArrayList<>();
            prob[k - 1].forEach((key, p) -> entries.add(new long[] {key}));
            List<String> lines = new ArrayList<>(entries.size());
            for (long[] e : entries) {
                int[] g = unpack(e[0], k);
                StringBuilder sb = new StringBuilder();
                sb.append(format(prob[k - 1].get(e[0], LOG_ZERO))).append('\t');
                for (int i = 0; i < k; i++) {
                    sb.append(i == 0 ? "" : " ").append(words[g[i]]);
                }
                if (k < order()) {
                    float bo = backoff[k - 1].get(e[0], Float.NaN);
                    if (!Float.isNaN(bo)) {
                        sb.append('\t').append(format(bo));
                    }
                }
                lines.add(sb.toString());
            }
            lines.sort((a, b) -> a.substring(a.indexOf('\t') + 1).compareTo(b.substring(b.indexOf('\t') + 1)));
            for (String line : lines) {
                w.write(line);
                w.write('\n');
            }
        }
        w.write("\n\\end\\\n");
        w.flush();
    }

    private static String format(float v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    static int[] unpack(long key, int order) {
        int[] g = new int[order];
        for (int i = order - 1; i >= 0; i--) {
            g[i] = (int) (key & 0xFFFF);
            key >>>= 16;
        }
        return g;
    }

    /** Reads an ARPA file; errors name the file and line. */
    public static NgramModel readArpa(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readArpa(in, file.toString());
        }
    }

    static NgramModel readArpa(BufferedReader in, String name) throws IOException {
        String line;
        int lineNo = 0;
        List<Integer> counts = new ArrayList<>();
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.trim().equals("\\data\\")) {
                break;
            }
        }
        if (line == null) {
            throw new IOException(name + ": not an ARPA file (no \\data\\ line)");
        }
        while ((line = in.readLine()) != null) {
            lineNo++;
            String t = line.trim();
            if (t.isEmpty()) {
                if (!counts.isEmpty()) {
                    break;
                }
                continue;
            }
            if (!t.startsWith("ngram ")) {
                break;
            }
            String[] kv = t.substring(6).split("=");
            try {
                int k = Integer.parseInt(kv[0].trim());
                if (k != counts.size() + 1) {
                    throw new IOException(name + ":" + lineNo + ": expected ngram " + (counts.size() + 1));
                }
                counts.add(Integer.parseInt(kv[1].trim()));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException(name + ":" + lineNo + ": bad count line '" + t + "'");
            }
        }
        int order = counts.size();
        if (order < 1 || order > MAX_ORDER) {
            throw new IOException(name + ": order " + order + " (supported: 1 to " + MAX_ORDER + ")");
        }
        LongFloatMap[] prob = new LongFloatMap[order];
        LongFloatMap[] backoff = new LongFloatMap[order];
        List<String> vocab = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        int section = 0;
        int seen = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            String t = line.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (t.equals("\\end\\")) {
                break;
            }
            if (t.startsWith("\\") && t.endsWith("-grams:")) {
                if (section > 0 && seen != counts.get(section - 1)) {
                    throw new IOException(name + ":" + lineNo + ": " + section + "-grams: header says "
                            + counts.get(section - 1) + ", found " + seen);
                }
                section = Integer.parseInt(t.substring(1, t.indexOf('-')));
                if (section < 1 || section > order) {
                    throw new IOException(name + ":" + lineNo + ": unexpected section " + t);
                }
                prob[section - 1] = new LongFloatMap(counts.get(section - 1));
                backoff[section - 1] = new LongFloatMap(section < order ? counts.get(section - 1) : 1);
                seen = 0;
                continue;
            }
            if (section == 0) {
                throw new IOException(name + ":" + lineNo + ": n-gram before any section");
            }
            String[] f = t.split("\\s+");
            if (f.length != section + 1 && f.length != section + 2) {
                throw new IOException(name + ":" + lineNo + ": expected " + section + " words: '" + t + "'");
            }
            int[] g = new int[section];
            for (int i = 0; i < section; i++) {
                Integer id = ids.get(f[i + 1]);
                if (id == null) {
                    if (section > 1) {
                        throw new IOException(name + ":" + lineNo + ": word '" + f[i + 1] + "' has no unigram");
                    }
                    id = vocab.size();
                    if (id >= MAX_WORDS) {
                        throw new IOException(name + ": more than " + MAX_WORDS + " words");
                    }
                    vocab.add(f[i + 1]);
                    ids.put(f[i + 1], id);
                }
                g[i] = id;
            }
            try {
                long key = key(g, 0, section);
                prob[section - 1].put(key, Float.parseFloat(f[0]));
                if (f.length == section + 2) {
                    backoff[section - 1].put(key, Float.parseFloat(f[section + 1]));
                }
            } catch (NumberFormatException e) {
                throw new IOException(name + ":" + lineNo + ": bad number in '" + t + "'");
            }
            seen++;
        }
        if (section != order || seen != counts.get(order - 1)) {
            throw new IOException(name + ": truncated (the " + order + "-gram section is missing or short)");
        }
        for (String special : List.of(BOS, EOS, UNK)) {
            if (!ids.containsKey(special)) {
                if (special.equals(UNK)) {
                    // Many ARPA files have no <unk>: treat unknown words as impossible but representable.
                    vocab.add(UNK);
                    ids.put(UNK, vocab.size() - 1);
                    prob[0].put(vocab.size() - 1, LOG_ZERO);
                } else {
                    throw new IOException(name + ": no " + special + " unigram");
                }
            }
        }
        return new NgramModel(vocab, prob, backoff);
    }
}
