package dev.verbatim.eval;

import java.util.List;
import java.util.Objects;

/**
 * Levenshtein alignment of a reference and a hypothesis sequence, counting substitutions, deletions (reference items
 * the hypothesis misses) and insertions (hypothesis items with no reference counterpart), each at cost 1.
 */
public final class EditDistance {

    private EditDistance() {
    }

    /**
     * Error counts of one alignment (or a sum of several).
     *
     * @param substitutions reference items replaced by a different hypothesis item
     * @param deletions     reference items missing from the hypothesis
     * @param insertions    hypothesis items with no reference counterpart
     * @param refLength     number of reference items: the denominator of the error rate
     */
    public record Counts(int substitutions, int deletions, int insertions, int refLength) {

        /** No errors over an empty reference. */
        public static final Counts ZERO = new Counts(0, 0, 0, 0);

        /** Checks that the counts are consistent. */
        public Counts {
            if (substitutions < 0 || deletions < 0 || insertions < 0 || refLength < 0) {
                throw new IllegalArgumentException("negative count in " + substitutions + "/" + deletions + "/"
                        + insertions + "/" + refLength);
            }
            if (substitutions + deletions > refLength) {
                throw new IllegalArgumentException("substitutions + deletions (" + (substitutions + deletions)
                        + ") exceed the reference length " + refLength);
            }
        }

        /** Total edits: substitutions + deletions + insertions. */
        public int errors() {
            return substitutions + deletions + insertions;
        }

        /**
         * The error rate {@code errors / max(1, refLength)}. With an empty reference the rate is the number of
         * inserted items rather than infinity or NaN, so a hypothesis for a silent clip still counts against the
         * recognizer and averages stay finite; it can exceed 1 whenever insertions are numerous.
         */
        public double rate() {
            return errors() / (double) Math.max(1, refLength);
        }

        /** The element-wise sum, for corpus-level totals. */
        public Counts plus(Counts other) {
            return new Counts(substitutions + other.substitutions, deletions + other.deletions,
                    insertions + other.insertions, refLength + other.refLength);
        }
    }

    /**
     * Aligns {@code hyp} to {@code ref} with minimum total edits, comparing items with {@link Object#equals}.
     * Among alignments with the same total, the one with the most substitutions (so the fewest deletion +
     * insertion pairs) is chosen, as scoring tools that weight a substitution below a deletion plus an insertion do;
     * since deletions - insertions = |ref| - |hyp| on every path, that fixes the split uniquely. Time
     * O(|ref| * |hyp|), memory O(|hyp|).
     */
    public static <T> Counts align(List<T> ref, List<T> hyp) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(hyp, "hyp");
        int n = ref.size();
        int m = hyp.size();
        // Each DP cell keeps the best (cost, then most substitutions) path's split; both keys add up along a path, so
        // comparing them lexicographically cell by cell is exact. Two rows suffice.
        int[] cost = new int[m + 1];
        int[] sub = new int[m + 1];
        int[] del = new int[m + 1];
        int[] ins = new int[m + 1];
        int[] cost2 = new int[m + 1];
        int[] sub2 = new int[m + 1];
        int[] del2 = new int[m + 1];
        int[] ins2 = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            cost[j] = j;
            ins[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            T r = ref.get(i - 1);
            cost2[0] = i;
            sub2[0] = 0;
            del2[0] = i;
            ins2[0] = 0;
            for (int j = 1; j <= m; j++) {
                boolean same = Objects.equals(r, hyp.get(j - 1));
                int best = cost[j - 1] + (same ? 0 : 1);
                int bs = sub[j - 1] + (same ? 0 : 1);
                int bd = del[j - 1];
                int bi = ins[j - 1];
                int delCost = cost[j] + 1;
                if (delCost < best || (delCost == best && sub[j] > bs)) {
                    best = delCost;
                    bs = sub[j];
                    bd = del[j] + 1;
                    bi = ins[j];
                }
                int insCost = cost2[j - 1] + 1;
                if (insCost < best || (insCost == best && sub2[j - 1] > bs)) {
                    best = insCost;
                    bs = sub2[j - 1];
                    bd = del2[j - 1];
                    bi = ins2[j - 1] + 1;
                }
                cost2[j] = best;
                sub2[j] = bs;
                del2[j] = bd;
                ins2[j] = bi;
            }
            int[] t;
            t = cost; cost = cost2; cost2 = t;
            t = sub; sub = sub2; sub2 = t;
            t = del; del = del2; del2 = t;
            t = ins; ins = ins2; ins2 = t;
        }
        return new Counts(sub[m], del[m], ins[m], n);
    }
}
