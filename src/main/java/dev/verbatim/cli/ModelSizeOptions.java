package dev.verbatim.cli;

import dev.verbatim.features.FeatureConfig;
import dev.verbatim.model.ModelConfig;
import dev.verbatim.text.Vocabulary;
import java.util.List;
import picocli.CommandLine.Option;

/** The network size options shared by {@code train} and {@code bench train}. */
final class ModelSizeOptions {
    @Option(names = "--conv-channels", description = "Conv1D channels.")
    int convChannels = 256;
    @Option(names = "--conv-kernel", description = "Conv1D kernel width (frames).")
    int convKernel = 11;
    @Option(names = "--stride", description = "Time downsampling of the front end.")
    int stride = 2;
    @Option(names = "--layers", description = "Bidirectional LSTM layers.")
    int layers = 2;
    @Option(names = "--hidden", description = "LSTM units per direction.")
    int hidden = 128;

    /** The model these options describe, for the default features and the English vocabulary. */
    ModelConfig toConfig() {
        return new ModelConfig(FeatureConfig.defaults().numMelBins(), convChannels, convKernel, stride, layers, hidden,
                Vocabulary.english().size());
    }

    /** The options again, for a child process. */
    List<String> asArgs() {
        return List.of("--conv-channels", "" + convChannels, "--conv-kernel", "" + convKernel, "--stride", "" + stride,
                "--layers", "" + layers, "--hidden", "" + hidden);
    }
}
