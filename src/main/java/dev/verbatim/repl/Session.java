package dev.verbatim.repl;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verbatim.Recognizer;
import dev.verbatim.batch.LongAudioTranscriber;
import dev.verbatim.decode.DecoderConfig;
import dev.verbatim.model.ModelBundle;
import dev.verbatim.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a REPL session holds: the model (trained weights, or none yet), the settings, the training history and the
 * manifests trained on since the model was loaded. Commands run one at a time; only {@link #interrupt()} is called
 * from another thread (the terminal's Ctrl-C handler).
 */
public final class Session {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final ConfigKeys config = new ConfigKeys(this::hasWeights);
    private ModelBundle bundle;
    private Recognizer recognizer;
    private Path modelDir;
    private long stepsTrainedHere;
    private final List<String> trainedOn = new ArrayList<>();
    private final List<Trainer.HistoryPoint> history = new ArrayList<>();
    private volatile Trainer activeTrainer;
    private volatile boolean cancelled;

    /** A session without a model: {@code load} one, or {@code train} the untrained one the settings describe. */
    public Session() {
    }

    /** Loads the model folder {@code dir} (see {@link ModelBundle#load}); on failure the session is unchanged. */
    public void load(Path dir) throws IOException {
        Recognizer loaded = Recognizer.load(dir); // the bundle and, when its decoder names one, the language model
        use(loaded.bundle(), dir);
        recognizer = loaded;
    }

    /**
     * Makes {@code loaded} the session's model, as read from {@code dir} (null if it came from nowhere on disk). The
     * training history starts from {@code dir/checkpoint/state.json} when there is one.
     */
    public void use(ModelBundle loaded, Path dir) {
        bundle = loaded;
        recognizer = new Recognizer(loaded);
        modelDir = dir;
        config.adopt(loaded.features(), loaded.modelConfig(), loaded.decoder());
        stepsTrainedHere = 0;
        trainedOn.clear();
        history.clear();
        if (dir != null) {
            history.addAll(savedHistory(dir));
        }
    }

    /** Drops the model: the feature and network settings can be set until {@code train} initialises one. */
    public void startNew() {
        bundle = null;
        recognizer = null;
        modelDir = null;
        stepsTrainedHere = 0;
        trainedOn.clear();
        history.clear();
    }

    /** The history in {@code dir/checkpoint/state.json}, or none when it is absent or unreadable. */
    static List<Trainer.HistoryPoint> savedHistory(Path dir) {
        Path state = dir.resolve(Trainer.CHECKPOINT_DIR).resolve("state.json");
        if (!Files.isRegularFile(state)) {
            return List.of();
        }
        try {
            Trainer.State s = JSON.readValue(state.toFile(), Trainer.State.class);
            return s.history() == null ? List.of() : s.history();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    public boolean hasWeights() {
        return bundle != null;
    }

    public ConfigKeys config() {
        return config;
    }

    /** The model, or null when there is none yet. */
    public ModelBundle bundle() {
        return bundle;
    }

    /** The folder the model was loaded from, or null. */
    public Path modelDir() {
        return modelDir;
    }

    Recognizer recognizer() throws ReplException {
        if (recognizer == null) {
            throw new ReplException("no trained model: 'load DIR' one, or 'train MANIFEST' the untrained one");
        }
        return recognizer;
    }

    /** Sets the filterbank's warp factor ({@link Recognizer#withWarp}) until another model is loaded or trained. */
    void warp(double factor) throws ReplException {
        recognizer = recognizer().withWarp(factor);
    }

    /** A transcriber of the model with the current {@code segment.*} settings. */
    LongAudioTranscriber transcriber() throws ReplException {
        return new LongAudioTranscriber(recognizer(), config.segment());
    }

    /** Makes {@code lm} the session's language model with the decoder settings {@code decoder}. */
    void useLanguageModel(dev.verbatim.lm.NgramModel lm, DecoderConfig decoder) throws ReplException {
        recognizer();
        config.adopt(bundle.features(), bundle.modelConfig(), decoder);
        bundle = bundle.withDecoder(decoder);
        recognizer = recognizer.withDecoding(decoder, lm, recognizer.words(), recognizer.hotWords());
    }

    /** Puts new decoder settings into the model (same weights). */
    void decoderChanged() {
        DecoderConfig decoder = config.decoder();
        if (bundle != null && !bundle.decoder().equals(decoder)) {
            bundle = bundle.withDecoder(decoder);
            recognizer = recognizer == null ? new Recognizer(bundle)
                    : recognizer.withDecoding(decoder, recognizer.languageModel(), recognizer.words(),
                            recognizer.hotWords());
        }
    }

    /** After a training run: the model (new if there was none) and the run's history, appended after the last step. */
    void trained(ModelBundle model, Trainer.State run, String manifest) {
        if (bundle != model) {
            bundle = model;
            recognizer = new Recognizer(model);
        }
        long offset = history.isEmpty() ? 0 : history.get(history.size() - 1).step();
        for (Trainer.HistoryPoint p : run.history()) {
            history.add(new Trainer.HistoryPoint(p.step() + offset, p.audioHours(), p.wallHours(), p.loss(),
                    p.devCer(), p.devWer()));
        }
        stepsTrainedHere += run.step();
        if (run.step() > 0 && !trainedOn.contains(manifest)) {
            trainedOn.add(manifest);
        }
    }

    /** Steps trained in this session since the model was loaded or created. */
    public long stepsTrainedHere() {
        return stepsTrainedHere;
    }

    List<String> trainedOn() {
        return List.copyOf(trainedOn);
    }

    /** Loss history: the loaded folder's checkpoint history, then the runs of this session. */
    public List<Trainer.HistoryPoint> history() {
        return List.copyOf(history);
    }

    /** Ctrl-C: stops a training run after its current step, or a command working through many files. */
    public void interrupt() {
        Trainer t = activeTrainer;
        if (t != null) {
            t.requestStop();
        }
        cancelled = true;
    }

    void training(Trainer trainer) {
        activeTrainer = trainer;
    }

    /** Whether a training run is under way (Ctrl-C then stops it). */
    public boolean trainingNow() {
        return activeTrainer != null;
    }

    /** Clears a stale Ctrl-C before a command starts. */
    void resetCancel() {
        cancelled = false;
    }

    boolean cancelled() {
        return cancelled;
    }
}
