package dev.verbatim.decode;

import dev.verbatim.lm.NgramModel;
import dev.verbatim.text.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CTC prefix beam search with an optional word n-gram language model, a restricted vocabulary and hot words.
 *
 * <p>The search keeps, for every candidate prefix (a node of a prefix tree, so equal prefixes reached by different
 * alignments merge), the probability of all alignments that end in a blank and of those that end in its last
 * symbol. Each frame extends the best {@code beamWidth} prefixes by the symbols that together hold
 * {@code cutoffProb} of the frame's probability (at most {@code cutoffTopN} of them). A prefix is ranked by
 * {@code ln P_ctc + alpha * ln P_lm(words) + beta * words + hot-word boosts}; the language model scores a word when
 * it is completed (a space, or the end), and the end of the sentence at the end. A partial word that no word of the
 * language model's vocabulary (or hot word) starts with is charged the {@code <unk>} word score as soon as its letters
 * leave the vocabulary (a vocabulary-prefix check), so misspelt prefixes lose rank before their word ends; the
 * out-of-vocabulary penalty, when set, is charged with it. With a restricted vocabulary, prefixes that no listed word
 * starts with are dropped, so nothing outside the list is ever produced.
 *
 * <p>With {@code beamWidth 1} and no language model, word list or hot words the search is best-path decoding,
 * exactly {@link GreedyDecoder}'s. Decoding can be incremental ({@link #start()}): frames are fed as they arrive and
 * the current best is available at any time. Not thread-safe per {@link State}; the decoder itself is immutable.
 */
public final class BeamSearchDecoder {
    /**
     * Search settings.
     *
     * @param beamWidth   prefixes kept per frame
     * @param cutoffProb  cumulative probability of the symbols tried per frame
     * @param cutoffTopN  at most this many symbols tried per frame
     * @param lmWeight    alpha: weight of the language model's natural-log probability
     * @param wordBonus   beta: added per word (counters the language model's preference for few words)
     * @param oovPenalty  subtracted (natural log) from the score of every word outside the language model's
     *                    vocabulary, on top of its {@code <unk>} probability (hot words excepted): above 0 the search
     *                    prefers real words to misspellings; 0 for none
     */
    public record Options(int beamWidth, double cutoffProb, int cutoffTopN, double lmWeight, double wordBonus,
            double oovPenalty) {
        public Options {
            if (beamWidth < 1 || cutoffTopN < 1 || !(cutoffProb > 0 && cutoffProb <= 1)) {
                throw new IllegalArgumentException("beamWidth >= 1, cutoffTopN >= 1 and cutoffProb in (0, 1] "
                        + "are required");
            }
            if (!Double.isFinite(lmWeight) || !Double.isFinite(wordBonus) || !Double.isFinite(oovPenalty)) {
                throw new IllegalArgumentException("lmWeight, wordBonus and oovPenalty must be finite");
            }
        }

        /** Without an out-of-vocabulary penalty. */
        public Options(int beamWidth, double cutoffProb, int cutoffTopN, double lmWeight, double wordBonus) {
            this(beamWidth, cutoffProb, cutoffTopN, lmWeight, wordBonus, 0);
        }

        /** Beam 16, symbols up to 99.9 % of each frame's mass (at most 20), alpha 0.9, beta 1.2. */
        public static Options defaults() {
            return new Options(16, 0.999, 20, 0.9, 1.2);
        }
    }

    /** One result of the search: the transcript and its total score (natural log). */
    public record Hypothesis(Transcript transcript, double score) {
    }

    private static final double LN10 = Math.log(10);

    private final Vocabulary vocabulary;
    private final double frameSec;
    private final Options options;
    private final NgramModel lm;
    private final WordList words;
    private final Map<String, Double> hotWords;
    private final int blank;
    private final int space;

    /**
     * @param lm       the language model, or null
     * @param words    the only words allowed, or null for any
     * @param hotWords words and the boost (natural log) each gets when completed; empty for none
     */
    public BeamSearchDecoder(Vocabulary vocabulary, double frameSec, Options options, NgramModel lm, WordList words,
            Map<String, Double> hotWords) {
        this.vocabulary = vocabulary;
        this.frameSec = frameSec;
        this.options = options;
        this.lm = lm;
        this.words = words;
        this.hotWords = Map.copyOf(hotWords);
        this.blank = vocabulary.blankId();
        this.space = vocabulary.id(' ');
    }

    public Options options() {
        return options;
    }

    /** Whether this search is plain best-path decoding (see the class comment). */
    public boolean isBestPath() {
        return options.beamWidth() == 1 && lm == null && words == null && hotWords.isEmpty();
    }

    /** The best transcript of {@code [frames][symbols]} log-probabilities. */
    public Transcript decode(float[][] logProbs) {
        return decode(logProbs, 1).get(0).transcript();
    }

    /** The {@code nBest} best transcripts, best first (at least one, possibly empty). */
    public List<Hypothesis> decode(float[][] logProbs, int nBest) {
        State s = start();
        s.accept(logProbs);
        return s.finish(nBest);
    }

    /** Starts an incremental search. */
    public State start() {
        return new State();
    }

    /**
     * A prefix: a node of the prefix tree, with its language-model state. Compared by identity (no equals), kept
     * in insertion-ordered maps so that the search, sums included, is the same from run to run.
     */
    private final class Node {
        final Node parent;
        final int symbol;
        final int frame;
        final int depth;
        final double lmScore;       // alpha * ln P(completed words) + beta * words + boosts
        final int[] context;        // last order-1 word ids (oldest first), for the language model
        final String partial;       // letters of the word being spelled
        final boolean oov;          // the partial word already left the LM's vocabulary and was scored as <unk>
        final Map<Integer, Node> children = new HashMap<>(4);

        Node(Node parent, int symbol, int frame, double lmScore, int[] context, String partial) {
            this(parent, symbol, frame, lmScore, context, partial, false);
        }

        Node(Node parent, int symbol, int frame, double lmScore, int[] context, String partial, boolean oov) {
            this.parent = parent;
            this.symbol = symbol;
            this.frame = frame;
            this.depth = parent == null ? 0 : parent.depth + 1;
            this.lmScore = lmScore;
            this.context = context;
            this.partial = partial;
            this.oov = oov;
        }
    }

    /** An incremental search: feed frames with {@link #accept}, read {@link #best()} any time, then finish. */
    public final class State {
        private final Node root;
        private Map<Node, double[]> beams = new LinkedHashMap<>();  // node -> {ln P_blank, ln P_nonblank}
        private final List<float[]> frames = new ArrayList<>();
        private int t;

        private State() {
            int[] ctx = lm == null ? new int[0] : new int[] {lm.bos()};
            root = new Node(null, -1, -1, 0, ctx, "");
            beams.put(root, new double[] {0, Double.NEGATIVE_INFINITY});
        }

        /** Takes the next frames ({@code [frames][symbols]} log-probabilities). */
        public void accept(float[][] logProbs) {
            for (float[] lp : logProbs) {
                frames.add(lp);
                if (!isBestPath()) {
                    step(lp);
                }
                t++;
            }
        }

        private void step(float[] lp) {
            int[] candidates = candidates(lp);
            Map<Node, double[]> next = new LinkedHashMap<>();
            for (Map.Entry<Node, double[]> e : beams.entrySet()) {
                Node n = e.getKey();
                double pb = e.getValue()[0];
                double pnb = e.getValue()[1];
                double total = logAdd(pb, pnb);
                for (int c : candidates) {
                    double p = lp[c];
                    if (c == blank) {
                        add(next, n, 0, total + p);
                    } else if (c == n.symbol) {
                        add(next, n, 1, pnb + p);           // the repeated symbol collapses
                        Node child = child(n, c);
                        if (child != null) {
                            add(next, child, 1, pb + p);    // a blank in between: a second copy
                        }
                    } else {
                        Node child = child(n, c);
                        if (child != null) {
                            add(next, child, 1, total + p);
                        }
                    }
                }
            }
            Map<Node, double[]> kept = prune(next, options.beamWidth());
            // Only the kept prefixes are extended later: drop the rest of the tree, so memory stays bounded by
            // the beam (ancestors stay reachable through the parent links, for the transcripts).
            for (Node n : beams.keySet()) {
                if (kept.containsKey(n)) {
                    n.children.values().removeIf(child -> !kept.containsKey(child));
                } else {
                    n.children.clear();
                }
            }
            beams = kept;
        }

        /** The best transcript so far (partial words included, no end-of-sentence score). */
        public Transcript best() {
            if (isBestPath()) {
                return new GreedyDecoder(vocabulary, frameSec).decode(frames.toArray(new float[0][]));
            }
            Node bestNode = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (Map.Entry<Node, double[]> e : beams.entrySet()) {
                double s = logAdd(e.getValue()[0], e.getValue()[1]) + e.getKey().lmScore;
                if (s > bestScore) {
                    bestScore = s;
                    bestNode = e.getKey();
                }
            }
            return transcript(bestNode);
        }

        /** Ends the search: completes the last words, adds the end of sentence, returns the n best. */
        public List<Hypothesis> finish(int nBest) {
            if (isBestPath()) {
                Transcript g = new GreedyDecoder(vocabulary, frameSec).decode(frames.toArray(new float[0][]));
                return List.of(new Hypothesis(g, 0));
            }
            List<Hypothesis> out = new ArrayList<>();
            List<Map.Entry<Node, double[]>> entries = new ArrayList<>(beams.entrySet());
            List<double[]> scored = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                Node n = entries.get(i).getKey();
                double s = logAdd(entries.get(i).getValue()[0], entries.get(i).getValue()[1]) + n.lmScore;
                if (!n.partial.isEmpty()) {
                    if (words != null && !words.contains(n.partial)) {
                        continue; // an unfinished word that is not in the list
                    }
                    s += completionScore(n);
                }
                if (lm != null) {
                    int[] ctx = n.partial.isEmpty() ? n.context : shift(n.context, lm.id(n.partial));
                    s += options.lmWeight() * LN10 * lm.log10Prob(ctx, lm.eos());
                }
                scored.add(new double[] {s, i});
            }
            scored.sort(Comparator.comparingDouble((double[] a) -> -a[0]));
            Set<String> texts = new HashSet<>();
            for (double[] sc : scored) {
                if (out.size() >= nBest) {
                    break;
                }
                // a prefix that ends in a space and the same one without it read the same: keep the better
                Transcript t = transcript(entries.get((int) sc[1]).getKey());
                if (texts.add(t.text())) {
                    out.add(new Hypothesis(t, sc[0]));
                }
            }
            if (out.isEmpty()) {
                out.add(new Hypothesis(Transcript.empty(), Double.NEGATIVE_INFINITY));
            }
            return out;
        }

        private Node child(Node n, int c) {
            Node existing = n.children.get(c);
            if (existing != null) {
                return existing;
            }
            Node made;
            if (c == space) {
                if (n.partial.isEmpty()) {
                    return null; // no leading or double spaces
                }
                if (words != null && !words.contains(n.partial)) {
                    return null;
                }
                int[] ctx = lm == null ? n.context : shift(n.context, lm.id(n.partial));
                made = new Node(n, c, t, n.lmScore + completionScore(n), ctx, "");
            } else {
                String partial = n.partial + vocabulary.symbol(c);
                if (words != null && !words.isPrefix(partial)) {
                    return null;
                }
                if (lm != null && !n.oov && !lm.isPrefix(partial) && !isHotWordPrefix(partial)) {
                    // Vocabulary-prefix check: no word the language model knows is spelt this way, so this word
                    // can only end as <unk>. Charge that now, not at its end, so the search stops favouring it
                    // while its letters are still being spelt.
                    made = new Node(n, c, t, n.lmScore + unknownWordScore(n.context), n.context, partial, true);
                } else {
                    made = new Node(n, c, t, n.lmScore, n.context, partial, n.oov);
                }
            }
            n.children.put(c, made);
            return made;
        }

        private Transcript transcript(Node n) {
            List<Node> path = new ArrayList<>();
            for (Node x = n; x != null && x.parent != null; x = x.parent) {
                path.add(x);
            }
            java.util.Collections.reverse(path);
            List<Transcript.Word> ws = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            int start = -1;
            int end = -1;
            double conf = 0;
            int confCount = 0;
            for (Node x : path) {
                if (x.symbol == space) {
                    Transcript.addWord(ws, word, start, end, frameSec, conf, confCount);
                    start = -1;
                    conf = 0;
                    confCount = 0;
                    continue;
                }
                if (start < 0) {
                    start = x.frame;
                }
                end = x.frame;
                word.append(vocabulary.symbol(x.symbol));
                if (x.frame >= 0 && x.frame < frames.size()) {
                    conf += Math.exp(frames.get(x.frame)[x.symbol]);
                    confCount++;
                }
            }
            Transcript.addWord(ws, word, start, end, frameSec, conf, confCount);
            return Transcript.of(ws);
        }
    }

    /** What completing the node's partial word adds: its word score, less what was charged early for <unk>. */
    private double completionScore(Node n) {
        return n.oov ? hotWords.getOrDefault(n.partial, 0.0) : wordScore(n.context, n.partial);
    }

    /**
     * alpha * ln P(unk | context) + beta - the OOV penalty: the word score of any word outside the language model's
     * vocabulary.
     */
    private double unknownWordScore(int[] context) {
        return options.wordBonus() + options.lmWeight() * LN10 * lm.log10Prob(context, lm.unk())
                - options.oovPenalty();
    }

    private boolean isHotWordPrefix(String prefix) {
        for (String w : hotWords.keySet()) {
            if (w.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** alpha * ln P(word | context) + beta + the word's hot-word boost. */
    private double wordScore(int[] context, String word) {
        Double boost = hotWords.get(word);
        double s = options.wordBonus() + (boost == null ? 0.0 : boost);
        if (lm != null) {
            int id = lm.id(word);
            if (id == lm.unk() && boost == null) {
                return unknownWordScore(context);
            }
            s += options.lmWeight() * LN10 * lm.log10Prob(context, id);
        }
        return s;
    }

    private int[] shift(int[] context, int word) {
        int keep = Math.min(context.length, lm.order() - 2);
        int[] out = new int[keep + 1];
        System.arraycopy(context, context.length - keep, out, 0, keep);
        out[keep] = word;
        return out;
    }

    /** Symbols holding {@code cutoffProb} of the frame's mass, most likely first, at most {@code cutoffTopN}. */
    private int[] candidates(float[] lp) {
        Integer[] order = new Integer[lp.length];
        for (int i = 0; i < lp.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(lp[b], lp[a]));
        int n = 0;
        double mass = 0;
        while (n < order.length && n < options.cutoffTopN() && mass < options.cutoffProb()) {
            mass += Math.exp(lp[order[n]]);
            n++;
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = order[i];
        }
        return out;
    }

    private static void add(Map<Node, double[]> next, Node n, int which, double logP) {
        double[] v = next.computeIfAbsent(n, k -> new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY});
        v[which] = logAdd(v[which], logP);
    }

    private static Map<Node, double[]> prune(Map<Node, double[]> next, int width) {
        if (next.size() <= width) {
            return next;
        }
        List<Map.Entry<Node, double[]>> entries = new ArrayList<>(next.entrySet());
        entries.sort(Comparator.comparingDouble(
                e -> -(logAdd(e.getValue()[0], e.getValue()[1]) + e.getKey().lmScore)));
        Map<Node, double[]> kept = new LinkedHashMap<>();
        for (int i = 0; i < width; i++) {
            kept.put(entries.get(i).getKey(), entries.get(i).getValue());
        }
        return kept;
    }

    static double logAdd(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
    }
}
