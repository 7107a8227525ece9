package dev.verbatim.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.ArrayCacheMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv1DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDataFormat;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDirectionMode;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMLayerConfig;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.weights.LSTMLayerWeights;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The acoustic model as a SameDiff graph: Conv1D (time stride) + ReLU -> bidirectional LSTM layers -> dense ->
 * log-softmax over the vocabulary, plus the CTC loss for training.
 *
 * <p>The graph is rebuilt in code from {@link ModelConfig} and the parameters are stored separately
 * ({@link WeightsFile}), because {@code SameDiff.load} is broken in ND4J 1.0.0-M2.1.
 *
 * <p>SameDiff graphs hold per-call state, so the batched {@link #logProbs(INDArray, int[])} is synchronized; the
 * single-utterance {@link #logProbs(float[][])} does not use the graph and runs concurrently.
 */
public final class AcousticModel {
    public static final String FEATURES = "features";
    public static final String FRAME_LENGTHS = "frameLengths";
    public static final String LABELS = "labels";
    public static final String LABEL_LENGTHS = "labelLengths";
    public static final String LOG_PROBS = "logProbs";
    public static final String LOSS = "loss";
    /** The head graph's input: the encoder (last LSTM layer) output {@code [N, T', 2 * hidden]}. */
    public static final String ENCODED = "encoded";
    /** Bytes of intermediate arrays an inference session keeps for reuse (see {@link #limitInferenceCache}). */
    static final long INFERENCE_CACHE_BYTES = 32L << 20;

    private final ModelConfig config;
    private final SameDiff sd;
    /** Dense -> log-softmax -> CTC from the encoder output: the graph's last stages alone, for {@link TrainingPass}. */
    private final SameDiff head;
    private final List<String> parameterNames;
    private final InferenceNetwork inference;
    private final TrainingPass trainingPass;

    private AcousticModel(ModelConfig config, Map<String, INDArray> parameters) {
        this.config = config;
        this.sd = SameDiff.create();
        this.head = SameDiff.create();
        this.parameterNames = Collections.unmodifiableList(new ArrayList<>(parameters.keySet()));
        this.inference = new InferenceNetwork(config);
        this.trainingPass = new TrainingPass(this);
        build(parameters);
        buildHead();
    }

    /** A new model with freshly initialised parameters (Glorot uniform, LSTM forget-gate bias 1). */
    public static AcousticModel initialise(ModelConfig config, long seed) {
        return new AcousticModel(config, initialParameters(config, seed));
    }

    /** A model with the given parameters, which must match {@link #initialParameters}'s names and shapes. */
    public static AcousticModel withParameters(ModelConfig config, Map<String, INDArray> parameters) {
        Map<String, INDArray> expected = initialParameters(config, 0);
        for (Map.Entry<String, INDArray> e : expected.entrySet()) {
            INDArray got = parameters.get(e.getKey());
            if (got == null) {
                throw new IllegalArgumentException("missing parameter '" + e.getKey() + "'");
            }
            if (!java.util.Arrays.equals(got.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' has shape "
                        + java.util.Arrays.toString(got.shape()) + ", the config needs "
                        + java.util.Arrays.toString(e.getValue().shape()));
            }
        }
        if (parameters.size() != expected.size()) {
            List<String> extra = new ArrayList<>(parameters.keySet());
            extra.removeAll(expected.keySet());
            throw new IllegalArgumentException("unexpected parameters " + extra);
        }
        Map<String, INDArray> ordered = new LinkedHashMap<>();
        for (String name : expected.keySet()) {
            ordered.put(name, parameters.get(name).castTo(DataType.FLOAT).dup());
        }
        return new AcousticModel(config, ordered);
    }

    static Map<String, INDArray> initialParameters(ModelConfig c, long seed) {
        Random rng = new Random(seed);
        Map<String, INDArray> p = new LinkedHashMap<>();
        int fanIn = c.convKernel() * c.inputBins();
        p.put("conv_W", glorot(rng, new long[] {c.convKernel(), c.inputBins(), c.convChannels()}, fanIn,
                c.convKernel() * c.convChannels()));
        p.put("conv_b", Nd4j.zeros(DataType.FLOAT, c.convChannels()));
        int nIn = c.convChannels();
        int h = c.lstmHidden();
        for (int layer = 0; layer < c.lstmLayers(); layer++) {
            p.put("lstm" + layer + "_Wx", glorot(rng, new long[] {2, nIn, 4L * h}, nIn, h));
            p.put("lstm" + layer + "_Wr", glorot(rng, new long[] {2, h, 4L * h}, h, h));
            INDArray b = Nd4j.zeros(DataType.FLOAT, 2, 4L * h);
            // libnd4j gate order is input, forget, cell, output: a forget bias of 1 helps long-range memory.
            b.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(h, 2L * h)).assign(1.0);
            p.put("lstm" + layer + "_b", b);
            nIn = 2 * h;
        }
        p.put("out_W", glorot(rng, new long[] {nIn, c.vocabularySize()}, nIn, c.vocabularySize()));
        p.put("out_b", Nd4j.zeros(DataType.FLOAT, c.vocabularySize()));
        return p;
    }

    private static INDArray glorot(Random rng, long[] shape, long fanIn, long fanOut) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] data = new float[Math.toIntExact(n)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
        }
        return Nd4j.create(data, shape, DataType.FLOAT);
    }

    private void build(Map<String, INDArray> p) {
        CtcLossOp.register();
        SDVariable x = sd.placeHolder(FEATURES, DataType.FLOAT, -1, -1, config.inputBins());
        SDVariable frameLengths = sd.placeHolder(FRAME_LENGTHS, DataType.INT32, -1);
        Map<String, SDVariable> v = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : p.entrySet()) {
            v.put(e.getKey(), sd.var(e.getKey(), e.getValue()));
        }
        // Explicit symmetric padding, not SAME: SAME splits its padding by the padded batch length's parity, so an
        // utterance would be aligned differently alone than inside a batch.
        Conv1DConfig conv = Conv1DConfig.builder().k(config.convKernel()).s(config.convStride())
                .p((config.convKernel() - 1) / 2).paddingMode(PaddingMode.VALID).dataFormat("NWC").build();
        SDVariable h = sd.nn().relu(sd.cnn().conv1d(x, v.get("conv_W"), v.get("conv_b"), conv), 0.0);
        LSTMLayerConfig lstm = LSTMLayerConfig.builder().lstmdataformat(LSTMDataFormat.NTS)
                .directionMode(LSTMDirectionMode.BIDIR_CONCAT).gateAct(LSTMActivations.SIGMOID)
                .cellAct(LSTMActivations.TANH).outAct(LSTMActivations.TANH)
                .retFullSequence(true).retLastH(false).retLastC(false).build();
        for (int layer = 0; layer < config.lstmLayers(); layer++) {
            LSTMLayerWeights w = LSTMLayerWeights.builder().weights(v.get("lstm" + layer + "_Wx"))
                    .rWeights(v.get("lstm" + layer + "_Wr")).bias(v.get("lstm" + layer + "_b")).build();
            h = sd.rnn().lstmLayer(h, null, null, frameLengths, w, lstm)[0];
        }
        outputAndLoss(sd, h, v.get("out_W"), v.get("out_b"), frameLengths);
    }

    private void buildHead() {
        SDVariable encoded = head.placeHolder(ENCODED, DataType.FLOAT, -1, -1, 2L * config.lstmHidden());
        SDVariable frameLengths = head.placeHolder(FRAME_LENGTHS, DataType.INT32, -1);
        outputAndLoss(head, encoded, head.var("out_W", sd.getArrForVarName("out_W")),
                head.var("out_b", sd.getArrForVarName("out_b")), frameLengths);
    }

    /** Dense, log-softmax ({@link #LOG_PROBS}), per-example CTC, mean ({@link #LOSS}), from {@code [N, T, w]}. */
    private void outputAndLoss(SameDiff g, SDVariable h, SDVariable outW, SDVariable outB, SDVariable frameLengths) {
        int width = 2 * config.lstmHidden();
        // tensorMmul's backward pass is broken in M2.1: flatten time into the batch and use mmul.
        SDVariable flat = h.reshape(-1, width);
        SDVariable logits2d = flat.mmul(outW).add(outB);
        SDVariable shape = g.concat(0, g.shape(h).get(org.nd4j.autodiff.samediff.SDIndex.interval(0, 2)),
                g.constant(Nd4j.createFromArray((long) config.vocabularySize())));
        SDVariable logits = logits2d.reshape(shape);
        // logSoftmax with an explicit axis breaks gradient building in M2.1; the default (last) axis works.
        SDVariable logProbs = g.nn().logSoftmax(logits).rename(LOG_PROBS);

        SDVariable labels = g.placeHolder(LABELS, DataType.INT32, -1, -1);
        SDVariable labelLengths = g.placeHolder(LABEL_LENGTHS, DataType.INT32, -1);
        SDVariable perExample = CtcLossOp.loss(g, "ctcPerExample", labels, logProbs, labelLengths, frameLengths);
        g.mean(LOSS, perExample);
        g.setLossVariables(LOSS);
    }

    /**
     * Builds the gradient graph now. SameDiff prints a line per differentiated op to stdout while doing so, which would
     * bury the training progress, so stdout is silenced for the duration.
     */
    public synchronized void prepareForTraining() {
        if (sd.getFunction("grad") == null) {
            withoutStdout(sd::createGradFunction);
        }
    }

    /** Runs {@code action} with stdout silenced (SameDiff's gradient building prints a line per op). */
    private static void withoutStdout(Runnable action) {
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
    }

    /**
     * The mean CTC loss of a padded batch and its gradient for every parameter, computed by {@link TrainingPass}
     * (the graph's function and gradients, without libnd4j's slow and leaking LSTM ops).
     *
     * @param placeholders {@link #FEATURES}, {@link #FRAME_LENGTHS} (output frames), {@link #LABELS} and
     *                     {@link #LABEL_LENGTHS}, as for the graph
     */
    public synchronized TrainingPass.Result lossAndGradients(Map<String, INDArray> placeholders) {
        if (head.getFunction("grad") == null) { // only the head's: the full graph's gradient is not needed here
            withoutStdout(() -> head.createGradFunction(ENCODED)); // a placeholder gets a gradient only when named
        }
        return trainingPass.run(placeholders.get(FEATURES), placeholders.get(FRAME_LENGTHS).toIntVector(),
                placeholders.get(LABELS), placeholders.get(LABEL_LENGTHS));
    }

    /** The head graph's loss and gradients (out_W, out_b and {@link #ENCODED}), with the live output weights. */
    OutAndGrad headGradients(Map<String, INDArray> placeholders) {
        for (String name : List.of("out_W", "out_b")) {
            INDArray live = sd.getArrForVarName(name);
            if (head.getArrForVarName(name) != live) {
                head.getVariable(name).setArray(live); // the REPL or a resume may have replaced the array
            }
        }
        return head.calculateGradientsAndOutputs(placeholders, List.of(LOSS), List.of("out_W", "out_b", ENCODED));
    }

    public ModelConfig config() {
        return config;
    }

    /** The underlying graph, for the trainer. */
    public SameDiff graph() {
        return sd;
    }

    /** Names of the trainable parameters, in a fixed order. */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /** The live parameter arrays (not copies), by name, in {@link #parameterNames()} order. */
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String name : parameterNames) {
            out.put(name, sd.getVariable(name).getArr());
        }
        return out;
    }

    /** Total number of trainable scalars. */
    public long parameterCount() {
        long n = 0;
        for (INDArray a : parameters().values()) {
            n += a.length();
        }
        return n;
    }

    /**
     * Log-probabilities for a padded batch.
     *
     * @param features     {@code [N, T, bins]}
     * @param inputFrames  valid input frames per example
     * @return {@code [N, T', vocab]}; frames past {@link ModelConfig#outputFrames} of an example are padding
     */
    public synchronized INDArray logProbs(INDArray features, int[] inputFrames) {
        Map<String, INDArray> ph = new LinkedHashMap<>();
        ph.put(FEATURES, features);
        INDArray lengths = outputLengths(inputFrames);
        ph.put(FRAME_LENGTHS, lengths);
        limitInferenceCache();
        INDArray out = sd.output(ph, LOG_PROBS).get(LOG_PROBS);
        close(lengths);
        return out;
    }

    /**
     * Bounds the array cache of this thread's inference session. SameDiff keeps the intermediate arrays of
     * every call for reuse, up to a quarter of JavaCPP's off-heap limit (by default the Java heap limit): with
     * {@code -Xmx6g} that is 1.5 GB, and since every segment of a long recording has its own length the cache
     * fills with arrays of many sizes. Measured on a 12-minute recording (greedy, -Xmx6g): peak resident
     * memory 633 MB before this limit.
     */
    private void limitInferenceCache() {
        InferenceSession session = sd.getSessions().computeIfAbsent(Thread.currentThread().getId(),
                id -> new InferenceSession(sd));
        if (session.getMmgr() instanceof ArrayCacheMemoryMgr cache
                && cache.getMaxCacheBytes() > INFERENCE_CACHE_BYTES) {
            cache.setMaxCacheBytes(INFERENCE_CACHE_BYTES);
        }
    }

    /**
     * Log-probabilities {@code [T', vocab]} for one utterance of {@code [T][bins]} normalised feature frames: the
     * graph's function, computed by {@link InferenceNetwork} (no SameDiff, no native memory kept between calls).
     */
    public float[][] logProbs(float[][] frames) {
        if (frames.length == 0) {
            return new float[0][config.vocabularySize()];
        }
        return inference.logProbs(frames, parameters());
    }

    /** Frees the native memory of arrays that own it now, rather than whenever the garbage collector gets to them. */
    static void close(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.closeable()) {
                a.close();
            }
        }
    }

    /** Output frame counts for the given input frame counts, as the int32 vector the graph takes. */
    public INDArray outputLengths(int[] inputFrames) {
        int[] out = new int[inputFrames.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = config.outputFrames(inputFrames[i]);
        }
        return Nd4j.createFromArray(out);
    }
}
