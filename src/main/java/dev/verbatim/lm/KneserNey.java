package dev.verbatim.lm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates an interpolated modified Kneser-Ney word n-gram model (Chen and Goodman, 1998) from sentences, in the
 * backoff form ARPA files hold.
 *
 * <ul>
 *   <li>Each sentence is {@code <s> w1 ... wn </s>}; words outside the vocabulary become {@code <unk>}.</li>
 *   <li>The highest order uses raw counts; lower orders use continuation counts (the number of different words
 *       seen before the n-gram), except for n-grams that start with {@code <s>}, which keep raw counts.</li>
 *   <li>Three discounts per order, from the counts of counts: {@code Y = n1 / (n1 + 2 n2)},
 *       {@code D1 = 1 - 2Y n2/n1}, {@code D2 = 2 - 3Y n3/n2}, {@code D3+ = 3 - 4Y n4/n3}.</li>
 *   <li>{@code P(w|h) = (c(hw) - D(c(hw))) / c(h.) + gamma(h) P(w|h')} with
 *       {@code gamma(h) = (D1 N1(h.) + D2 N2(h.) + D3+ N3+(h.)) / c(h.)}; unigrams interpolate with the uniform
 *       distribution over the vocabulary (so {@code <unk>} has mass). In backoff form the weight of {@code h} is
 *       {@code gamma(h)}.</li>
 *   <li>Pruning ({@code minCounts}): n-grams of order k seen fewer than {@code minCounts[k-1]} times are dropped
 *       and the backoff weights of their contexts recomputed, so every distribution still sums to one.</li>
 * </ul>
 */
public final class KneserNey {
    private KneserNey() {
    }

    /**
     * @param sentences  sentences as word arrays (already normalised)
     * @param order      2 to 4
     * @param vocabulary the words to keep (null: every word seen)
     * @param minCounts  per order, the fewest raw occurrences an n-gram needs to be kept (orders above 1; null or 0:
     *                   keep all). Unigrams are never pruned.
     */
    public static NgramModel estimate(Iterable<String[]> sentences, int order, java.util.Set<String> vocabulary,
            int[] minCounts) {
        return estimate(sentences, order, vocabulary, minCounts, List.of());
    }

    /**
     * As {@link #estimate(Iterable, int, java.util.Set, int[])}, with {@code extraWords} in the vocabulary whether the
     * text has them or not: a word the text lacks gets only the uniform share of the unigram distribution (as
     * {@code <unk>} does), so that the decoder can still emit it, unpenalised as out-of-vocabulary. Words already in
     * the vocabulary and names in angle brackets are skipped.
     */
    public static NgramModel estimate(Iterable<String[]> sentences, int order, java.util.Set<String> vocabulary,
            int[] minCounts, java.util.Collection<String> extraWords) {
        if (order < 2 || order > NgramModel.MAX_ORDER) {
            throw new IllegalArgumentException("order must be 2.." + NgramModel.MAX_ORDER);
        }
        List<String> vocab = new ArrayList<>(List.of(NgramModel.BOS, NgramModel.EOS, NgramModel.UNK));
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < vocab.size(); i++) {
            ids.put(vocab.get(i), i);
        }
        for (String w : extraWords) {
            if (!w.startsWith("<") && !ids.containsKey(w)) {
                if (vocab.size() >= NgramModel.MAX_WORDS) {
                    throw new IllegalArgumentException("more than " + NgramModel.MAX_WORDS + " words");
                }
                ids.put(w, vocab.size());
                vocab.add(w);
            }
        }
        // raw counts per order
        List<Map<Long, Integer>> raw = new ArrayList<>();
        for (int k = 0; k < order; k++) {
            raw.add(new HashMap<>());
        }
        int unk = ids.get(NgramModel.UNK);
        for (String[] s : sentences) {
            int[] seq = new int[s.length + 2];
            seq[0] = ids.get(NgramModel.BOS);
            for (int i = 0; i < s.length; i++) {
                String w = s[i];
                Integer id = ids.get(w);
                if (id == null) {
                    if (vocabulary != null && !vocabulary.contains(w) || w.startsWith("<")) {
                        id = unk;
                    } else {
                        if (vocab.size() >= NgramModel.MAX_WORDS) {
                            throw new IllegalArgumentException("more than " + NgramModel.MAX_WORDS + " words");
                        }
                        id = vocab.size();
                        vocab.add(w);
                        ids.put(w, id);
                    }
                }
                seq[i + 1] = id;
            }
            seq[seq.length - 1] = ids.get(NgramModel.EOS);
            for (int k = 1; k <= order; k++) {
                for (int i = 0; i + k <= seq.length; i++) {
                    if (k == 1 && i == 0) {
                        continue; // <s> is never predicted
                    }
                    raw.get(k - 1).merge(NgramModel.key(seq, i, i + k), 1, Integer::sum);
                }
            }
        }
        int bos = ids.get(NgramModel.BOS);
        // adjusted counts: continuation counts below the top order, except for n-grams starting with <s>
        List<Map<Long, Integer>> adj = new ArrayList<>();
        for (int k = 1; k <= order; k++) {
            if (k == order) {
                adj.add(raw.get(k - 1));
                continue;
            }
            Map<Long, Integer> a = new HashMap<>();
            long mask = k == 4 ? -1L : (1L << (16 * k)) - 1;
            for (Long longer : raw.get(k).keySet()) {
                a.merge(longer & mask, 1, Integer::sum); // drop the first word: count distinct left contexts
            }
            final int kk = k;
            raw.get(k - 1).forEach((key, c) -> {
                if (NgramModel.unpack(key, kk)[0] == bos) {
                    a.put(key, c);
                }
            });
            adj.add(a);
        }
        // discounts per order
        double[][] d = new double[order][];
        for (int k = 1; k <= order; k++) {
            long[] n = new long[5];
            for (int c : adj.get(k - 1).values()) {
                if (c <= 4) {
                    n[c]++;
                }
            }
            d[k - 1] = discounts(n, k);
        }
        // totals per context: c(h.), N1(h.), N2(h.), N3+(h.)
        LongFloatMap[] prob = new LongFloatMap[order];
        LongFloatMap[] backoff = new LongFloatMap[order];
        int vocabSize = vocab.size() - 1; // <s> is never predicted
        List<Map<Long, double[]>> totals = new ArrayList<>();
        for (int k = 1; k <= order; k++) {
            Map<Long, double[]> t = new HashMap<>();
            for (Map.Entry<Long, Integer> e : adj.get(k - 1).entrySet()) {
                long ctx = e.getKey() >>> 16; // k-1 leading words (0 for unigrams)
                double[] acc = t.computeIfAbsent(ctx, x -> new double[4]);
                int c = e.getValue();
                acc[0] += c;
                acc[Math.min(c, 3)] += 1;
            }
            totals.add(t);
        }
        for (int k = 1; k <= order; k++) {
            prob[k - 1] = new LongFloatMap(adj.get(k - 1).size());
            backoff[k - 1] = new LongFloatMap(k < order ? adj.get(k - 1).size() : 1);
        }
        // interpolated probabilities, order by order (natural probabilities kept for the next order)
        List<Map<Long, Double>> p = new ArrayList<>();
        for (int k = 1; k <= order; k++) {
            Map<Long, Double> pk = new HashMap<>();
            double[] dk = d[k - 1];
            for (Map.Entry<Long, Integer> e : adj.get(k - 1).entrySet()) {
                long key = e.getKey();
                long ctx = key >>> 16;
                double[] t = totals.get(k - 1).get(ctx);
                int c = e.getValue();
                double gamma = (dk[1] * t[1] + dk[2] * t[2] + dk[3] * t[3]) / t[0];
                double lower = k == 1 ? 1.0 / vocabSize : lowerProb(p, key, k, vocabSize);
                pk.put(key, (c - dk[Math.min(c, 3)]) / t[0] + gamma * lower);
            }
            p.add(pk);
        }
        // unigrams never seen (only <unk> when every word is in the text): uniform share
        double[] t1 = totals.get(0).get(0L);
        double gamma1 = (d[0][1] * t1[1] + d[0][2] * t1[2] + d[0][3] * t1[3]) / t1[0];
        for (int id = 0; id < vocab.size(); id++) {
            if (id != bos) {
                p.get(0).putIfAbsent((long) id, gamma1 / vocabSize);
            }
        }
        // prune, then write probabilities and backoff weights
        for (int k = 2; k <= order; k++) {
            int min = minCounts == null || minCounts.length < k ? 0 : minCounts[k - 1];
            if (min > 1) {
                Map<Long, Integer> r = raw.get(k - 1);
                p.get(k - 1).keySet().removeIf(key -> r.getOrDefault(key, 0) < min);
            }
        }
        // a kept n-gram's context must stay (ARPA needs it for the backoff): restore pruned prefixes
        for (int k = order; k >= 3; k--) {
            Map<Long, Double> lowerMap = p.get(k - 2);
            Map<Long, Double> full = new HashMap<>();
            for (Long key : p.get(k - 1).keySet()) {
                long ctx = key >>> 16;
                if (!lowerMap.containsKey(ctx)) {
                    full.put(ctx, interpolated(adj, totals, d, p, ctx, k - 1, vocabSize));
                }
            }
            lowerMap.putAll(full);
        }
        for (int k = 1; k <= order; k++) {
            for (Map.Entry<Long, Double> e : p.get(k - 1).entrySet()) {
                prob[k - 1].put(e.getKey(), (float) Math.log10(e.getValue()));
            }
        }
        prob[0].put(bos, NgramModel.LOG_ZERO);
        // backoff(h) = (1 - sum of kept P(w|h)) / (1 - sum of P(w|h') over the same w); equals gamma(h) unpruned
        for (int k = 2; k <= order; k++) {
            Map<Long, double[]> sums = new HashMap<>();
            for (Map.Entry<Long, Double> e : p.get(k - 1).entrySet()) {
                long key = e.getKey();
                double[] s = sums.computeIfAbsent(key >>> 16, x -> new double[2]);
                s[0] += e.getValue();
                s[1] += Math.pow(10, backoffLog10(prob, backoff, key & ((1L << (16 * (k - 1))) - 1), k - 1));
            }
            for (Map.Entry<Long, double[]> e : sums.entrySet()) {
                double[] s = e.getValue();
                double bo = Math.max(1e-12, 1 - s[0]) / Math.max(1e-12, 1 - s[1]);
                backoff[k - 2].put(e.getKey(), (float) Math.log10(bo));
            }
        }
        return new NgramModel(vocab, prob, backoff);
    }

    /** P(w | h') from the already computed lower order, backing off further when h'w is not stored. */
    private static double lowerProb(List<Map<Long, Double>> p, long key, int k, int vocabSize) {
        long mask = (1L << (16 * (k - 1))) - 1;
        long lowerKey = key & mask;
        Double v = p.get(k - 2).get(lowerKey);
        if (v != null) {
            return v;
        }
        // every suffix of an observed n-gram is observed at lower orders, so this is only the unigram floor
        return 1.0 / vocabSize;
    }

    /** The full interpolated probability of an n-gram that was pruned but is needed as a context. */
    private static double interpolated(List<Map<Long, Integer>> adj, List<Map<Long, double[]>> totals,
            double[][] d, List<Map<Long, Double>> p, long key, int k, int vocabSize) {
        Integer c = adj.get(k - 1).get(key);
        double[] t = totals.get(k - 1).get(key >>> 16);
        double[] dk = d[k - 1];
        double lower = k == 1 ? 1.0 / vocabSize : lowerProb(p, key, k, vocabSize);
        if (c == null || t == null) {
            return lower;
        }
        double gamma = (dk[1] * t[1] + dk[2] * t[2] + dk[3] * t[3]) / t[0];
        return (c - dk[Math.min(c, 3)]) / t[0] + gamma * lower;
    }

    /**
     * log10 P(last word | the others) of a {@code k}-gram key in the backoff model being built: orders below the one
     * being processed are final (probabilities and weights are computed bottom up).
     */
    private static double backoffLog10(LongFloatMap[] prob, LongFloatMap[] backoff, long key, int k) {
        float v = prob[k - 1].get(key, Float.NaN);
        if (!Float.isNaN(v)) {
            return v;
        }
        if (k == 1) {
            return NgramModel.LOG_ZERO;
        }
        double bo = backoff[k - 2].get(key >>> 16, 0f);
        return bo + backoffLog10(prob, backoff, key & ((1L << (16 * (k - 1))) - 1), k - 1);
    }

    /** D1, D2, D3+ (index 1..3) from the counts of counts n1..n4; safe fallbacks for tiny corpora. */
    static double[] discounts(long[] n, int order) {
        double[] d = new double[4];
        if (n[1] == 0 || n[2] == 0) {
            d[1] = d[2] = d[3] = 0.5;
            return d;
        }
        double y = n[1] / (double) (n[1] + 2 * n[2]);
        d[1] = 1 - 2 * y * n[2] / n[1];
        d[2] = n[3] == 0 ? d[1] : 2 - 3 * y * n[3] / n[2];
        d[3] = n[4] == 0 || n[3] == 0 ? d[2] : 3 - 4 * y * n[4] / n[3];
        for (int i = 1; i <= 3; i++) {
            d[i] = Math.max(0.05, Math.min(i, d[i]));
        }
        return d;
    }
}
