package dev.verbatim.model;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.base.Preconditions;
import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

/**
 * CTC negative log-likelihood as a SameDiff op, over libnd4j's native {@code ctc_loss}.
 *
 * <p>ND4J 1.0.0-M2.1's own {@code CtcLoss} cannot be used: it fails at graph build (no output data types), passes no
 * blank index, and its backward pass ignores the incoming gradient. This op fixes the three: blank is index 0, the
 * output type is the log-prob type, and the gradient is {@code ctc_loss_grad} scaled by the incoming per-example
 * gradient. The native op expects log-softmax input.
 *
 * <p>Inputs: labels {@code [N,S]} int32, log-probs {@code [N,T,K]}, label lengths {@code [N]} int32, input (frame)
 * lengths {@code [N]} int32. Output: per-example negative log-likelihood {@code [N]}.
 */
public final class CtcLossOp extends DynamicCustomOp {
    static final String OP_NAME = "ctc_loss";
    private static final int BLANK_INDEX = 0;

    static {
        register();
    }

    /** For ND4J's reflective instantiation. */
    public CtcLossOp() {
    }

    public CtcLossOp(SameDiff sd, SDVariable labels, SDVariable logProbs, SDVariable labelLengths,
            SDVariable inputLengths) {
        super(OP_NAME, sd, new SDVariable[] {labels, logProbs, labelLengths, inputLengths});
        addIArgument(BLANK_INDEX);
    }

    /** The per-example negative log-likelihood {@code [N]}. */
    public static SDVariable loss(SameDiff sd, String name, SDVariable labels, SDVariable logProbs,
            SDVariable labelLengths, SDVariable inputLengths) {
        SDVariable out = new CtcLossOp(sd, labels, logProbs, labelLengths, inputLengths).outputVariable();
        return name == null ? out : out.rename(name);
    }

    @Override
    public String opName() {
        return OP_NAME;
    }

    @Override
    public List<DataType> calculateOutputDataTypes(List<DataType> inputTypes) {
        Preconditions.checkState(inputTypes != null && inputTypes.size() == 4, "ctc_loss expects 4 inputs, got %s",
                inputTypes);
        return List.of(inputTypes.get(1));
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        SDVariable[] args = args();
        SDVariable labels = args[0];
        SDVariable logProbs = args[1];
        SDVariable labelLengths = args[2];
        SDVariable inputLengths = args[3];
        // Built through SameDiff so the op joins the gradient graph.
        SDVariable dLogProbs = new CtcLossGradOp(sameDiff, labels, logProbs, labelLengths, inputLengths)
                .outputVariable();
        // Chain rule: scale each example's gradient by the incoming d(total)/d(loss_n), shape [N] -> [N,1,1].
        SDVariable upstream = gradients.get(0).reshape(-1, 1, 1);
        SDVariable scaled = dLogProbs.mul(upstream);
        return List.of(sameDiff.zerosLike(labels), scaled, sameDiff.zerosLike(labelLengths),
                sameDiff.zerosLike(inputLengths));
    }

    /** The native gradient op, wrapped so it has output types and a name SameDiff can find. */
    public static final class CtcLossGradOp extends DynamicCustomOp {
        static final String OP_NAME = "ctc_loss_grad";

        public CtcLossGradOp() {
        }

        public CtcLossGradOp(SameDiff sd, SDVariable labels, SDVariable logProbs, SDVariable labelLengths,
                SDVariable inputLengths) {
            super(OP_NAME, sd, new SDVariable[] {labels, logProbs, labelLengths, inputLengths});
            addIArgument(BLANK_INDEX);
        }

        @Override
        public String opName() {
            return OP_NAME;
        }

        @Override
        public List<DataType> calculateOutputDataTypes(List<DataType> inputTypes) {
            return List.of(inputTypes.get(1));
        }
    }

    private static volatile boolean registered;

    /**
     * Makes the ops known to ND4J's op registry: building the gradient graph looks ops up by name and fails with
     * "No op known for hash" for ops that are not in {@code ImportClassMapping}.
     */
    public static synchronized void register() {
        if (registered) {
            return;
        }
        try {
            Map<String, DifferentialFunction> byName =
                    org.nd4j.imports.converters.ImportClassMapping.getOpNameMapping();
            byName.put(OP_NAME, new CtcLossOp());
            byName.put(CtcLossGradOp.OP_NAME, new CtcLossGradOp());
            DifferentialFunctionClassHolder holder = DifferentialFunctionClassHolder.getInstance();
            Field f = DifferentialFunctionClassHolder.class.getDeclaredField("nodeConverters");
            f.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, DifferentialFunction> converters = (Map<String, DifferentialFunction>) f.get(holder);
            if (converters != byName) {
                converters.put(OP_NAME, new CtcLossOp());
                converters.put(CtcLossGradOp.OP_NAME, new CtcLossGradOp());
            }
            registered = true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot register the CTC ops with ND4J: " + e, e);
        }
    }
}
