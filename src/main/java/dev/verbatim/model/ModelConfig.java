package dev.verbatim.model;

/**
 * Sizes of the acoustic model: Conv1D front end -> bidirectional LSTM stack -> dense -> log-softmax.
 *
 * @param inputBins      feature bins per frame (the log-mel bins)
 * @param convChannels   output channels of the Conv1D front end
 * @param convKernel     Conv1D kernel width in frames
 * @param convStride     time downsampling of the front end (output frames = ceil(input frames / stride))
 * @param lstmLayers     number of bidirectional LSTM layers
 * @param lstmHidden     hidden units per direction
 * @param vocabularySize output symbols including the CTC blank (index 0)
 */
public record ModelConfig(int inputBins, int convChannels, int convKernel, int convStride, int lstmLayers,
        int lstmHidden, int vocabularySize) {

    public ModelConfig {
        require(inputBins > 0, "inputBins must be positive");
        require(convChannels > 0, "convChannels must be positive");
        require(convKernel > 0 && convKernel % 2 == 1, "convKernel must be odd (padded symmetrically), got "
                + convKernel);
        require(convStride >= 2, "convStride must be at least 2 (the front end downsamples time)");
        require(lstmLayers >= 1, "lstmLayers must be at least 1");
        require(lstmHidden > 0, "lstmHidden must be positive");
        require(vocabularySize >= 2, "vocabularySize must include the blank and at least one symbol");
    }

    /** The shipped default size. */
    public static ModelConfig defaults(int inputBins, int vocabularySize) {
        return new ModelConfig(inputBins, 256, 11, 2, 2, 128, vocabularySize);
    }

    /** Output frames the network emits for {@code inputFrames} feature frames ((k-1)/2 frames of padding each side). */
    public int outputFrames(int inputFrames) {
        return (inputFrames + convStride - 1) / convStride;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("model config: " + message);
        }
    }
}
