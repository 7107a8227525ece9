package dev.verbatim.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checkpoint averaging: the element-wise mean of the parameters of several models of one network, usually the
 * snapshots of the last few dev evaluations of one training run. Averaging smooths the step-to-step noise of the
 * optimiser and typically gives a lower error than any single snapshot.
 */
public final class WeightAverage {
    private WeightAverage() {
    }

    /**
     * Loads the model folders and averages their parameters. All must hold the same network: the same feature,
     * model-size, vocabulary and normalisation settings (the message names the first folder that differs). The
     * result takes its decoder settings from the first folder.
     */
    public static ModelBundle average(List<Path> dirs) throws IOException {
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("no model folders to average");
        }
        List<ModelBundle> bundles = new ArrayList<>();
        for (Path d : dirs) {
            bundles.add(ModelBundle.load(d));
        }
        ModelBundle first = bundles.get(0);
        for (int i = 1; i < bundles.size(); i++) {
            String why = difference(first, bundles.get(i));
            if (why != null) {
                throw new IOException(dirs.get(i) + ": cannot be averaged with " + dirs.get(0) + ": " + why);
            }
        }
        List<Map<String, INDArray>> params = new ArrayList<>();
        for (ModelBundle b : bundles) {
            params.add(b.model().parameters());
        }
        AcousticModel averaged = AcousticModel.withParameters(first.modelConfig(), mean(params));
        return new ModelBundle(first.features(), first.modelConfig(), first.decoder(), first.vocabulary(),
                first.normalizer(), averaged);
    }

    /** The element-wise mean (accumulated in 64-bit, returned as 32-bit floats) of same-named, same-shaped arrays. */
    public static Map<String, INDArray> mean(List<Map<String, INDArray>> params) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException("no parameter sets to average");
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : params.get(0).entrySet()) {
            String name = e.getKey();
            INDArray sum = e.getValue().castTo(DataType.DOUBLE).dup();
            for (int i = 1; i < params.size(); i++) {
                INDArray a = params.get(i).get(name);
                if (a == null || !Arrays.equals(a.shape(), sum.shape())) {
                    throw new IllegalArgumentException("parameter set " + i + ": " + name + (a == null
                            ? " is missing" : " has shape " + Arrays.toString(a.shape()) + ", expected "
                            + Arrays.toString(sum.shape())));
                }
                sum.addi(a.castTo(DataType.DOUBLE));
            }
            out.put(name, sum.divi(params.size()).castTo(DataType.FLOAT));
        }
        for (int i = 1; i < params.size(); i++) {
            if (params.get(i).size() != out.size()) {
                throw new IllegalArgumentException("parameter set " + i + " has " + params.get(i).size()
                        + " arrays, expected " + out.size());
            }
        }
        return out;
    }

    /** Why two bundles are not the same network, or null. */
    private static String difference(ModelBundle a, ModelBundle b) throws JsonProcessingException {
        if (!a.modelConfig().equals(b.modelConfig())) {
            return "different network sizes (config.json 'model')";
        }
        if (!a.features().equals(b.features())) {
            return "different feature settings (config.json 'features')";
        }
        if (!a.vocabulary().symbols().equals(b.vocabulary().symbols())) {
            return "different vocabulary.txt";
        }
        if (!Arrays.equals(ModelBundle.JSON.writeValueAsBytes(a.normalizer()),
                ModelBundle.JSON.writeValueAsBytes(b.normalizer()))) {
            return "different normalizer.json";
        }
        return null;
    }
}
