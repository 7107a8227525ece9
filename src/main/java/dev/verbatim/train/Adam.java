package dev.verbatim.train;

import dev.verbatim.model.WeightsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam with global-norm gradient clipping, applied in place to the model's parameter arrays. Written here rather
 * than through SameDiff's {@code fit} so that clipping, the schedule and the loss value are under our control, and
 * the moment estimates can be checkpointed and resumed.
 */
final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final Map<String, INDArray> m = new LinkedHashMap<>();
    private final Map<String, INDArray> v = new LinkedHashMap<>();
    private long step;

    long step() {
        return step;
    }

    /**
     * One update. Returns the global gradient norm before clipping.
     */
    double update(Map<String, INDArray> parameters, Map<String, INDArray> gradients, double learningRate,
            double clipNorm) {
        double sq = 0;
        for (INDArray g : gradients.values()) {
            double n = g.norm2Number().doubleValue();
            sq += n * n;
        }
        double norm = Math.sqrt(sq);
        double scale = norm > clipNorm ? clipNorm / norm : 1.0;
        step++;
        double correction = Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step));
        double alpha = learningRate * correction;
        for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
            INDArray raw = gradients.get(e.getKey());
            if (raw == null) {
                continue;
            }
            INDArray g = scale != 1.0 ? raw.mul(scale) : raw;
            INDArray mi = m.computeIfAbsent(e.getKey(), k -> Nd4j.zerosLike(g));
            INDArray vi = v.computeIfAbsent(e.getKey(), k -> Nd4j.zerosLike(g));
            mi.muli(BETA1).addi(g.mul(1 - BETA1));
            vi.muli(BETA2).addi(g.mul(g).muli(1 - BETA2));
            INDArray denom = Transforms.sqrt(vi, true).addi(EPSILON);
            e.getValue().subi(mi.div(denom).muli(alpha));
        }
        return norm;
    }

    void save(Path file) throws IOException {
        Map<String, INDArray> all = new LinkedHashMap<>();
        all.put("step", Nd4j.scalar((double) step));
        m.forEach((k, a) -> all.put("m/" + k, a));
        v.forEach((k, a) -> all.put("v/" + k, a));
        WeightsFile.write(file, all);
    }

    static Adam load(Path file) throws IOException {
        Adam adam = new Adam();
        for (Map.Entry<String, INDArray> e : WeightsFile.read(file).entrySet()) {
            String k = e.getKey();
            if (k.equals("step")) {
                adam.step = (long) e.getValue().getDouble(0);
            } else if (k.startsWith("m/")) {
                adam.m.put(k.substring(2), e.getValue());
            } else if (k.startsWith("v/")) {
                adam.v.put(k.substring(2), e.getValue());
            }
        }
        return adam;
    }
}
