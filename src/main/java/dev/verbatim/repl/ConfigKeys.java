package dev.verbatim.repl;

import dev.verbatim.augment.AugmentConfig;
import dev.verbatim.batch.Segmenter;
import dev.verbatim.decode.DecoderConfig;
import dev.verbatim.features.FeatureConfig;
import dev.verbatim.live.EndpointConfig;
import dev.verbatim.model.ModelConfig;
import dev.verbatim.text.Vocabulary;
import dev.verbatim.train.TrainConfig;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The typed settings the REPL shows and sets, as {@code section.component} keys named after the components of the
 * immutable config records: {@code features.*} ({@link FeatureConfig}), {@code model.*} ({@link ModelConfig}),
 * {@code decoder.*} ({@link DecoderConfig}), {@code endpoint.*} ({@link EndpointConfig}), {@code segment.*}
 * ({@link Segmenter.Config}), {@code train.*} ({@link TrainConfig}, without the step and epoch limits the
 * {@code train} command takes as arguments) and {@code augment.*} ({@link AugmentConfig}).
 *
 * <p>Setting a key rebuilds its record through the canonical constructor, so the records' own validation applies and
 * a rejected value leaves everything as it was. Feature and network keys are fixed while the session holds trained
 * weights (they were trained with them); {@code model.inputBins} follows {@code features.numMelBins} and
 * {@code model.vocabularySize} the vocabulary.
 */
public final class ConfigKeys {
    /** One settable value. */
    public record Key(String name, String section, RecordComponent component, String description) {
        public Class<?> type() {
            return component.getType();
        }
    }

    /** A refused or invalid {@code set}; the message says why. */
    public static final class ConfigException extends Exception {
        ConfigException(String message) {
            super(message);
        }
    }

    private static final Set<String> TRAIN_HIDDEN = Set.of("maxSteps", "maxEpochs", "augment");

    /** Short descriptions, from the records' documentation; a key without one is still usable. */
    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("features.sampleRateHz", "audio sample rate the features expect"),
            Map.entry("features.windowMs", "analysis window length (ms)"),
            Map.entry("features.hopMs", "distance between frame starts (ms)"),
            Map.entry("features.fftSize", "FFT length, a power of two at least the window"),
            Map.entry("features.numMelBins", "mel filters: the width of a feature frame"),
            Map.entry("features.lowFreqHz", "lower edge of the lowest mel filter (Hz)"),
            Map.entry("features.highFreqHz", "upper edge of the highest mel filter (Hz)"),
            Map.entry("features.logFloor", "filter energies are clamped to this before the log"),
            Map.entry("model.inputBins", "feature bins per frame (follows features.numMelBins)"),
            Map.entry("model.convChannels", "output channels of the Conv1D front end"),
            Map.entry("model.convKernel", "Conv1D kernel width in frames (odd)"),
            Map.entry("model.convStride", "time downsampling of the front end"),
            Map.entry("model.lstmLayers", "bidirectional LSTM layers"),
            Map.entry("model.lstmHidden", "LSTM units per direction"),
            Map.entry("model.vocabularySize", "output symbols including the CTC blank (follows the vocabulary)"),
            Map.entry("decoder.method", "the search: greedy (best path) or beam (prefix beam search)"),
            Map.entry("decoder.beamWidth", "prefixes kept per frame (beam)"),
            Map.entry("decoder.lmWeight", "alpha: weight of the language model (beam)"),
            Map.entry("decoder.wordBonus", "beta: added per word (beam, with a language model)"),
            Map.entry("decoder.cutoffProb", "probability mass of the symbols tried per frame (beam)"),
            Map.entry("decoder.cutoffTopN", "at most this many symbols tried per frame (beam)"),
            Map.entry("decoder.languageModel", "language model file in the model folder, or empty"),
            Map.entry("decoder.blankPenalty", "taken from the blank's log-probability (beam): fewer dropped letters"),
            Map.entry("decoder.oovPenalty", "taken from each word the language model lacks (beam): fewer misspellings"),
            Map.entry("decoder.confidentLmWeight", "alpha for utterances the network is sure of (see confidentAbove)"),
            Map.entry("decoder.confidentAbove", "best-path confidence from which confidentLmWeight applies (0: off)"),
            Map.entry("endpoint.minTrailingSilenceNoSpeechSec", "silence with nothing recognised: audio dropped"),
            Map.entry("endpoint.minTrailingSilenceSec", "silence after speech that ends an utterance"),
            Map.entry("endpoint.maxUtteranceSec", "an utterance is ended at this length"),
            Map.entry("endpoint.partialIntervalSec", "how often a partial result is decoded"),
            Map.entry("endpoint.speechAboveFloorDb", "a frame is speech this far above the noise floor"),
            Map.entry("segment.maxSegmentSec", "longest piece a recording is decoded in"),
            Map.entry("segment.minSegmentSec", "shortest segment a cut may leave behind"),
            Map.entry("segment.quietAboveFloorDb", "frames this close to the noise floor count as a pause"),
            Map.entry("segment.floorPercentile", "percentile of frame energies taken as the noise floor"),
            Map.entry("train.maxBatchFrames", "padded input frames per batch: the memory and speed knob"),
            Map.entry("train.maxBatchSize", "utterances per batch at most"),
            Map.entry("train.maxUtteranceSec", "longer training utterances are skipped"),
            Map.entry("train.learningRate", "peak Adam learning rate"),
            Map.entry("train.warmupSteps", "linear warm-up steps, then 1/sqrt(step) decay (0: constant)"),
            Map.entry("train.clipNorm", "global gradient-norm clipping threshold"),
            Map.entry("train.evalEverySteps", "steps between loss-history points (and dev evaluations)"),
            Map.entry("train.devLimit", "utterances of each dev set decoded per evaluation"),
            Map.entry("train.maxHours", "stop a run after this many hours (0: no limit)"),
            Map.entry("train.seed", "shuffling, initialisation and augmentation seed"),
            Map.entry("augment.speedProb", "chance of speed perturbation (tempo and pitch together)"),
            Map.entry("augment.speedMin", "slowest speed factor"),
            Map.entry("augment.speedMax", "fastest speed factor"),
            Map.entry("augment.reverbProb", "chance of a synthetic room's reverberation"),
            Map.entry("augment.rt60Min", "shortest reverberation time (s)"),
            Map.entry("augment.rt60Max", "longest reverberation time (s)"),
            Map.entry("augment.noiseProb", "chance of white, pink, brown or babble noise"),
            Map.entry("augment.snrMinDb", "lowest signal-to-noise ratio (dB)"),
            Map.entry("augment.snrMaxDb", "highest signal-to-noise ratio (dB)"),
            Map.entry("augment.gainProb", "chance of a random gain change"),
            Map.entry("augment.gainMinDb", "smallest gain (dB)"),
            Map.entry("augment.gainMaxDb", "largest gain (dB)"),
            Map.entry("augment.silenceProb", "chance of near-silence padding at both ends"),
            Map.entry("augment.silenceMaxSec", "longest padding on each side (s)"),
            Map.entry("augment.freqMasks", "SpecAugment frequency masks per utterance"),
            Map.entry("augment.freqMaskMaxBins", "widest frequency mask (mel bins)"),
            Map.entry("augment.timeMasks", "SpecAugment time masks per utterance"),
            Map.entry("augment.timeMaskMaxFraction", "widest time mask, as a fraction of the frames"),
            Map.entry("augment.bandLimitProb", "chance of band-limiting as a low-sample-rate recording"),
            Map.entry("augment.bandLimitMinHz", "lowest such sample rate (Hz)"),
            Map.entry("augment.bandLimitMaxHz", "highest such sample rate (Hz)"),
            Map.entry("augment.vtlpProb", "chance of vocal tract length perturbation (warped filterbank)"),
            Map.entry("augment.vtlpMin", "smallest VTLP warp factor"),
            Map.entry("augment.vtlpMax", "largest VTLP warp factor"));

    /** Section name -> record class, in display order. */
    private static final Map<String, Class<? extends Record>> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("features", FeatureConfig.class);
        SECTIONS.put("model", ModelConfig.class);
        SECTIONS.put("decoder", DecoderConfig.class);
        SECTIONS.put("endpoint", EndpointConfig.class);
        SECTIONS.put("segment", Segmenter.Config.class);
        SECTIONS.put("train", TrainConfig.class);
        SECTIONS.put("augment", AugmentConfig.class);
    }

    private final Map<String, Key> keys = new LinkedHashMap<>();
    private final Map<String, Record> values = new LinkedHashMap<>();
    private final BooleanSupplier weightsLoaded;

    /**
     * @param weightsLoaded whether the session holds trained weights (then the feature and network keys are fixed)
     */
    public ConfigKeys(BooleanSupplier weightsLoaded) {
        this.weightsLoaded = weightsLoaded;
        for (Map.Entry<String, Class<? extends Record>> s : SECTIONS.entrySet()) {
            for (RecordComponent c : s.getValue().getRecordComponents()) {
                if (s.getKey().equals("train") && TRAIN_HIDDEN.contains(c.getName())) {
                    continue;
                }
                String name = s.getKey() + "." + c.getName();
                keys.put(name, new Key(name, s.getKey(), c, DESCRIPTIONS.getOrDefault(name, "")));
            }
        }
        FeatureConfig features = FeatureConfig.defaults();
        values.put("features", features);
        values.put("model", ModelConfig.defaults(features.numMelBins(), Vocabulary.english().size()));
        values.put("decoder", DecoderConfig.defaults());
        values.put("endpoint", EndpointConfig.defaults());
        values.put("segment", Segmenter.Config.defaults());
        values.put("train", replTrainDefaults());
        values.put("augment", AugmentConfig.none());
    }

    /**
     * Training defaults for short interactive runs: batches of 4,000 padded frames (quick steps), a modest constant-after-warm-up learning rate suited to fine-tuning, a loss point
     * every 10 steps, no augmentation.
     */
    static TrainConfig replTrainDefaults() {
        TrainConfig d = TrainConfig.defaults();
        return new TrainConfig(4000, d.maxBatchSize(), d.maxUtteranceSec(), 5e-4, 10, d.clipNorm(), 10, 50, 0, 0, 0,
                d.seed(), AugmentConfig.none());
    }

    /** Every key, in display order. */
    public List<Key> keys() {
        return List.copyOf(keys.values());
    }

    /** Key names, in display order. */
    public List<String> names() {
        return List.copyOf(keys.keySet());
    }

    /** Section names ({@code features}, {@code model}, ...), in display order. */
    public static List<String> sections() {
        return List.copyOf(SECTIONS.keySet());
    }

    public Key key(String name) throws ConfigException {
        Key k = keys.get(name);
        if (k == null) {
            String hint = Suggest.closest(name, keys.keySet());
            throw new ConfigException("unknown key '" + name + "'" + (hint == null ? "" : " (did you mean " + hint
                    + "?)") + "; 'show' lists them");
        }
        return k;
    }

    /** The keys whose name is {@code prefix} or starts with {@code prefix.} (a whole section). */
    public List<Key> section(String prefix) {
        List<Key> out = new ArrayList<>();
        for (Key k : keys.values()) {
            if (k.section().equals(prefix)) {
                out.add(k);
            }
        }
        return out;
    }

    /** The value of {@code key}, formatted as {@code set} accepts it. */
    public String get(Key key) {
        return format(value(key));
    }

    Object value(Key key) {
        try {
            return key.component().getAccessor().invoke(values.get(key.section()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why {@code key} cannot be set now, or null when it can. */
    public String fixedReason(Key key) {
        if (key.name().equals("model.inputBins")) {
            return "follows features.numMelBins";
        }
        if (key.name().equals("model.vocabularySize")) {
            return "follows the vocabulary";
        }
        if ((key.section().equals("features") || key.section().equals("model")) && weightsLoaded.getAsBoolean()) {
            return "is fixed by the loaded model's weights, which were trained with it ('new' starts an untrained "
                    + "model whose features and sizes can be set)";
        }
        return null;
    }

    /**
     * Sets {@code key} from its text form, validated by the record's constructor.
     *
     * @return the previous value, formatted
     * @throws ConfigException if the key is fixed, the text is not a value of the key's type or the record rejects it
     */
    public String set(Key key, String text) throws ConfigException {
        String fixed = fixedReason(key);
        if (fixed != null) {
            throw new ConfigException(key.name() + " cannot be set: it " + fixed);
        }
        Object parsed = parse(key, text);
        String before = get(key);
        Record updated = rebuild(values.get(key.section()), key.component().getName(), parsed);
        if (key.name().equals("features.numMelBins")) {
            ModelConfig m = model();
            ModelConfig follows = (ModelConfig) rebuild(m, "inputBins", parsed);
            values.put("model", follows);
        }
        values.put(key.section(), updated);
        return before;
    }

    /** Puts a loaded model's settings in place (they are then fixed until {@code new}). */
    public void adopt(FeatureConfig features, ModelConfig model, DecoderConfig decoder) {
        values.put("features", features);
        values.put("model", model);
        values.put("decoder", decoder);
    }

    public FeatureConfig features() {
        return (FeatureConfig) values.get("features");
    }

    public ModelConfig model() {
        return (ModelConfig) values.get("model");
    }

    public DecoderConfig decoder() {
        return (DecoderConfig) values.get("decoder");
    }

    public EndpointConfig endpoint() {
        return (EndpointConfig) values.get("endpoint");
    }

    public Segmenter.Config segment() {
        return (Segmenter.Config) values.get("segment");
    }

    /** The training settings with these limits of one run (counted from its first step) and the augmentation. */
    public TrainConfig train(long maxSteps, int maxEpochs) {
        TrainConfig t = (TrainConfig) values.get("train");
        return new TrainConfig(t.maxBatchFrames(), t.maxBatchSize(), t.maxUtteranceSec(), t.learningRate(),
                t.warmupSteps(), t.clipNorm(), t.evalEverySteps(), t.devLimit(), maxSteps, maxEpochs, t.maxHours(),
                t.seed(), (AugmentConfig) values.get("augment"), t.cycle());
    }

    /** Values a key takes, for completion: the decoder methods and booleans; empty for numbers. */
    public List<String> valueHints(Key key) {
        if (key.name().equals("decoder.method")) {
            return List.of(DecoderConfig.GREEDY, DecoderConfig.BEAM);
        }
        if (key.type() == boolean.class || key.type() == Boolean.class) {
            return List.of("true", "false");
        }
        if (key.type().isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : key.type().getEnumConstants()) {
                names.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
            }
            return names;
        }
        return Collections.emptyList();
    }

    /** A readable name of the key's type, for messages. */
    static String typeName(Class<?> type) {
        if (type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class) {
            return "a number";
        }
        if (type == boolean.class) {
            return "true or false";
        }
        return "a word";
    }

    private Object parse(Key key, String text) throws ConfigException {
        Class<?> type = key.type();
        String t = text.strip().replace("_", "");
        try {
            if (type == int.class) {
                return Integer.parseInt(t);
            }
            if (type == long.class) {
                return Long.parseLong(t);
            }
            if (type == double.class || type == float.class) {
                double d = Double.parseDouble(t);
                if (!Double.isFinite(d) || t.chars().anyMatch(Character::isLetter) && !t.toLowerCase(Locale.ROOT)
                        .matches("[-+0-9.]*e[-+]?[0-9]+")) {
                    throw new NumberFormatException();
                }
                return type == float.class ? (Object) (float) d : (Object) d;
            }
            if (type == boolean.class) {
                switch (t.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on", "1" -> {
                        return true;
                    }
                    case "false", "no", "off", "0" -> {
                        return false;
                    }
                    default -> throw new NumberFormatException();
                }
            }
            if (type == String.class) {
                return text.strip();
            }
            if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(t)) {
                        return constant;
                    }
                }
                throw new ConfigException(key.name() + " takes one of " + valueHints(key) + ", not '" + text + "'");
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(key.name() + " takes " + typeName(type) + ", not '" + text + "'");
        }
        throw new ConfigException(key.name() + " cannot be set from text");
    }

    /** A copy of {@code record} with component {@code name} replaced, through the canonical constructor. */
    private static Record rebuild(Record record, String name, Object value) throws ConfigException {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = components[i].getName().equals(name) ? value : components[i].getAccessor().invoke(record);
            }
            Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
            return (Record) canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException) {
                throw new ConfigException(cause.getMessage());
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String format(Object value) {
        if (value instanceof Double d) {
            return formatDouble(d);
        }
        if (value instanceof Float f) {
            return formatDouble(f.doubleValue());
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(value);
    }

    private static String formatDouble(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        String s = Double.toString(d);
        return s.replace("E", "e");
    }
}
