package dev.verbatim;

import dev.verbatim.audio.AudioLoader;
import dev.verbatim.decode.GreedyDecoder;
import dev.verbatim.decode.Transcript;
import dev.verbatim.features.LogMelExtractor;
import dev.verbatim.model.ModelBundle;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The library's entry point: audio in, {@link Transcript} out. Owns one loaded model; feature extraction, the
 * network and decoding run in that order. Safe to share between threads (the network call is serialised).
 */
public final class Recognizer {
    private final ModelBundle bundle;
    private final ThreadLocal<LogMelExtractor> extractor;
    private final GreedyDecoder decoder;

    public Recognizer(ModelBundle bundle) {
        this.bundle = bundle;
        this.extractor = ThreadLocal.withInitial(() -> new LogMelExtractor(bundle.features()));
        this.decoder = new GreedyDecoder(bundle.vocabulary(), bundle.outputFrameSec());
    }

    /** Loads the model folder {@code modelDir}; see {@link ModelBundle#load}. */
    public static Recognizer load(Path modelDir) throws IOException {
        return new Recognizer(ModelBundle.load(modelDir));
    }

    public ModelBundle bundle() {
        return bundle;
    }

    /** Normalised log-mel frames {@code [frames][bins]} for mono samples at the model's sample rate. */
    public float[][] features(float[] samples) {
        float[][] frames = extractor.get().extract(samples);
        bundle.normalizer().applyInPlace(frames);
        return frames;
    }

    /** Per-frame log-probabilities {@code [outputFrames][vocabulary]}. */
    public float[][] logProbs(float[] samples) {
        return bundle.model().logProbs(features(samples));
    }

    /** Transcribes mono samples at {@code bundle().features().sampleRateHz()}. */
    public Transcript transcribe(float[] samples) {
        if (samples.length == 0) {
            return Transcript.empty();
        }
        return decoder.decode(logProbs(samples));
    }

    /** Reads any supported audio file (converted to mono at the model's rate) and transcribes it. */
    public Transcript transcribeFile(Path file) throws IOException {
        return transcribe(AudioLoader.loadMono(file, bundle.features().sampleRateHz()));
    }
}
