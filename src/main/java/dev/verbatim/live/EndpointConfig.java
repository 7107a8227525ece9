package dev.verbatim.live;

/**
 * When the live recognizer decides that an utterance has ended (an "endpoint", as sherpa-onnx calls it), and how
 * often it shows a partial result.
 *
 * @param minTrailingSilenceNoSpeechSec silence with nothing recognised for this long: the audio so far is dropped
 *                                      without a result (rule 1)
 * @param minTrailingSilenceSec         silence of this length after speech ends the utterance (rule 2)
 * @param maxUtteranceSec               an utterance is ended at this length whatever is heard (rule 3)
 * @param partialIntervalSec            the growing utterance is decoded again for a partial result this often
 * @param speechAboveFloorDb            a 10 ms frame is speech when it is this far above the noise floor
 */
public record EndpointConfig(double minTrailingSilenceNoSpeechSec, double minTrailingSilenceSec,
        double maxUtteranceSec, double partialIntervalSec, double speechAboveFloorDb) {
    public EndpointConfig {
        if (!(minTrailingSilenceNoSpeechSec > 0) || !(minTrailingSilenceSec > 0) || !(partialIntervalSec > 0)
                || !(speechAboveFloorDb > 0)) {
            throw new IllegalArgumentException("endpoint durations and the speech threshold must be positive");
        }
        if (!(maxUtteranceSec > minTrailingSilenceSec)) {
            throw new IllegalArgumentException("maxUtteranceSec (" + maxUtteranceSec
                    + ") must be longer than minTrailingSilenceSec (" + minTrailingSilenceSec + ")");
        }
    }

    /** 2.4 s / 0.8 s / 20 s as in sherpa-onnx's defaults, a partial every 0.3 s, speech 12 dB above the floor. */
    public static EndpointConfig defaults() {
        return new EndpointConfig(2.4, 0.8, 20.0, 0.3, 12.0);
    }
}
