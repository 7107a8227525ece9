package dev.verbatim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The CTC op against a brute-force sum over every alignment of a tiny case. */
class CtcLossOpTest {
    private static final int T = 4;
    private static final int V = 3; // blank, 'a', 'b'

    /** -log of the summed probability of every frame path that collapses to {@code labels}. */
    static double bruteForceNll(double[][] logits, int[] labels) {
        double[][] p = softmax(logits);
        int frames = logits.length;
        double total = 0;
        int paths = (int) Math.pow(V, frames);
        for (int code = 0; code < paths; code++) {
            int[] path = new int[frames];
            int c = code;
            for (int t = 0; t < frames; t++) {
                path[t] = c % V;
                c /= V;
            }
            if (java.util.Arrays.equals(collapse(path), labels)) {
                double prob = 1;
                for (int t = 0; t < frames; t++) {
                    prob *= p[t][path[t]];
                }
                total += prob;
            }
        }
        return -Math.log(total);
    }

    static int[] collapse(int[] path) {
        List<Integer> out = new ArrayList<>();
        int prev = -1;
        for (int s : path) {
            if (s != prev && s != 0) {
                out.add(s);
            }
            prev = s;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    static double[][] softmax(double[][] logits) {
        double[][] p = new double[logits.length][];
        for (int t = 0; t < logits.length; t++) {
            double max = java.util.Arrays.stream(logits[t]).max().orElseThrow();
            double sum = 0;
            p[t] = new double[logits[t].length];
            for (int k = 0; k < p[t].length; k++) {
                p[t][k] = Math.exp(logits[t][k] - max);
                sum += p[t][k];
            }
            for (int k = 0; k < p[t].length; k++) {
                p[t][k] /= sum;
            }
        }
        return p;
    }

    /** logits placeholder -> logSoftmax -> ctc, with loss = sum of the per-example values. */
    private static SameDiff graph() {
        SameDiff sd = SameDiff.create();
        SDVariable logits = sd.var("logits", Nd4j.zeros(DataType.DOUBLE, 2, T, V));
        SDVariable labels = sd.placeHolder("labels", DataType.INT32, -1, -1);
        SDVariable labelLengths = sd.placeHolder("labelLengths", DataType.INT32, -1);
        SDVariable inputLengths = sd.placeHolder("inputLengths", DataType.INT32, -1);
        SDVariable nll = CtcLossOp.loss(sd, "nll", labels, sd.nn().logSoftmax(logits), labelLengths, inputLengths);
        sd.sum("total", nll);
        sd.setLossVariables("total");
        return sd;
    }

    @Test
    void lossAndGradientEqualBruteForceOverAllAlignments() {
        Random rng = new Random(7);
        double[][][] logits = new double[2][T][V];
        for (double[][] ex : logits) {
            for (double[] frame : ex) {
                for (int k = 0; k < V; k++) {
                    frame[k] = rng.nextGaussian();
                }
            }
        }
        int[][] labels = {{1, 2}, {1, 1}}; // "ab", and "aa" which needs a blank between the repeats
        SameDiff sd = graph();
        sd.getVariable("logits").getArr().assign(Nd4j.createFromArray(logits));
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("labels", Nd4j.createFromArray(labels));
        ph.put("labelLengths", Nd4j.createFromArray(2, 2));
        ph.put("inputLengths", Nd4j.createFromArray(T, T));

        INDArray nll = sd.output(ph, "nll").get("nll");
        for (int n = 0; n < 2; n++) {
            assertEquals(bruteForceNll(logits[n], labels[n]), nll.getDouble(n), 1e-6, "example " + n);
        }

        INDArray grad = sd.calculateGradients(ph, "logits").get("logits");
        double eps = 1e-5;
        for (int n = 0; n < 2; n++) {
            for (int t = 0; t < T; t++) {
                for (int k = 0; k < V; k++) {
                    double orig = logits[n][t][k];
                    logits[n][t][k] = orig + eps;
                    double plus = bruteForceNll(logits[n], labels[n]);
                    logits[n][t][k] = orig - eps;
                    double minus = bruteForceNll(logits[n], labels[n]);
                    logits[n][t][k] = orig;
                    assertEquals((plus - minus) / (2 * eps), grad.getDouble(n, t, k), 1e-5,
                            "d nll / d logit[" + n + "," + t + "," + k + "]");
                }
            }
        }
    }

    @Test
    void shorterInputLengthOnlySumsOverValidFrames() {
        Random rng = new Random(3);
        double[][][] logits = new double[2][T][V];
        for (double[][] ex : logits) {
            for (double[] frame : ex) {
                for (int k = 0; k < V; k++) {
                    frame[k] = rng.nextGaussian();
                }
            }
        }
        SameDiff sd = graph();
        sd.getVariable("logits").getArr().assign(Nd4j.createFromArray(logits));
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("labels", Nd4j.createFromArray(new int[][] {{2, 0}, {1, 2}}));
        ph.put("labelLengths", Nd4j.createFromArray(1, 2));
        ph.put("inputLengths", Nd4j.createFromArray(3, 2));
        INDArray nll = sd.output(ph, "nll").get("nll");
        // Frames past an example's input length must not count: compare with the brute force over the valid ones.
        assertEquals(bruteForceNll(java.util.Arrays.copyOf(logits[0], 3), new int[] {2}), nll.getDouble(0), 1e-6);
        assertEquals(bruteForceNll(java.util.Arrays.copyOf(logits[1], 2), new int[] {1, 2}), nll.getDouble(1), 1e-6);
    }
}
