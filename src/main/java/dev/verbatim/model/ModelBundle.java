package dev.verbatim.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.verbatim.decode.DecoderConfig;
import dev.verbatim.features.FeatureConfig;
import dev.verbatim.features.FeatureNormalizer;
import dev.verbatim.io.AtomicFiles;
import dev.verbatim.text.Vocabulary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything a model folder holds, so training and inference can never disagree: feature settings, network sizes
 * and decoder settings ({@code config.json}), output symbols ({@code vocabulary.txt}), feature normalisation
 * statistics ({@code normalizer.json}) and parameters ({@code weights.bin}).
 */
public record ModelBundle(FeatureConfig features, ModelConfig modelConfig, DecoderConfig decoder,
        Vocabulary vocabulary, FeatureNormalizer normalizer, AcousticModel model) {

    public static final String CONFIG = "config.json";
    public static final String VOCABULARY = "vocabulary.txt";
    public static final String NORMALIZER = "normalizer.json";
    public static final String WEIGHTS = "weights.bin";
    static final int FORMAT_VERSION = 1;

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The contents of {@code config.json}. */
    public record Config(int formatVersion, FeatureConfig features, ModelConfig model, DecoderConfig decoder) {
    }

    /** Seconds covered by one output frame of the network. */
    public double outputFrameSec() {
        return features.hopMs() / 1000.0 * modelConfig.convStride();
    }

    /** Loads a model folder, checking every file; the message names the file that is missing or corrupt. */
    public static ModelBundle load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": model folder not found");
        }
        Config config = readJson(dir.resolve(CONFIG), Config.class);
        if (config.formatVersion() != FORMAT_VERSION) {
            throw new IOException(dir.resolve(CONFIG) + ": unsupported model format version "
                    + config.formatVersion() + " (this Verbatim reads version " + FORMAT_VERSION + ")");
        }
        if (config.features() == null || config.model() == null) {
            throw new IOException(dir.resolve(CONFIG) + ": corrupt: 'features' and 'model' sections are required");
        }
        Path vocabFile = dir.resolve(VOCABULARY);
        Vocabulary vocabulary;
        try {
            List<String> lines = Files.readAllLines(vocabFile, StandardCharsets.UTF_8);
            vocabulary = Vocabulary.fromSymbols(lines.stream().filter(l -> !l.isBlank()).toList());
        } catch (NoSuchFileException e) {
            throw new IOException(vocabFile + ": missing (every model folder needs its vocabulary)");
        } catch (IllegalArgumentException e) {
            throw new IOException(vocabFile + ": corrupt: " + e.getMessage(), e);
        }
        if (vocabulary.size() != config.model().vocabularySize()) {
            throw new IOException(vocabFile + ": has " + vocabulary.size() + " symbols but config.json's model has "
                    + config.model().vocabularySize());
        }
        FeatureNormalizer normalizer = readJson(dir.resolve(NORMALIZER), FeatureNormalizer.class);
        if (normalizer.mean().length != config.features().numMelBins()) {
            throw new IOException(dir.resolve(NORMALIZER) + ": corrupt: " + normalizer.mean().length
                    + " bins but the features have " + config.features().numMelBins());
        }
        Path weightsFile = dir.resolve(WEIGHTS);
        if (!Files.exists(weightsFile)) {
            throw new IOException(weightsFile + ": missing (the model's parameters)");
        }
        Map<String, INDArray> weights = WeightsFile.read(weightsFile);
        AcousticModel model;
        try {
            model = AcousticModel.withParameters(config.model(), weights);
        } catch (IllegalArgumentException e) {
            throw new IOException(weightsFile + ": does not match config.json: " + e.getMessage(), e);
        }
        return new ModelBundle(config.features(), config.model(),
                config.decoder() == null ? DecoderConfig.defaults() : config.decoder(), vocabulary, normalizer,
                model);
    }

    /** Writes the four files into {@code dir} (created if needed), each atomically; other files are kept. */
    public void save(Path dir) throws IOException {
        save(dir, WeightsFile.Storage.FLOAT32);
    }

    /**
     * As {@link #save(Path)}, with the parameters stored as {@code storage}: 16-bit floats halve {@code weights.bin}
     * (the shipped form until the fifteenth session), 8-bit rows with a scale each quarter it (the shipped form since);
     * loading widens the values back to 32-bit floats. Training checkpoints stay 32-bit.
     */
    public void save(Path dir, WeightsFile.Storage storage) throws IOException {
        Files.createDirectories(dir);
        WeightsFile.write(dir.resolve(WEIGHTS), model.parameters(), storage);
        AtomicFiles.write(dir.resolve(NORMALIZER), JSON.writeValueAsBytes(normalizer));
        StringBuilder vocab = new StringBuilder();
        for (String s : vocabulary.symbols()) {
            vocab.append(s).append('\n');
        }
        AtomicFiles.write(dir.resolve(VOCABULARY), vocab.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve(CONFIG),
                JSON.writeValueAsBytes(new Config(FORMAT_VERSION, features, modelConfig, decoder)));
    }

    /** A copy of this bundle with other decoder settings (same network, no reload). */
    /** Rewrites only {@code dir/config.json} (after a decoder change; the other files stay as they are). */
    public void saveConfig(Path dir) throws IOException {
        AtomicFiles.write(dir.resolve(CONFIG),
                JSON.writeValueAsBytes(new Config(FORMAT_VERSION, features, modelConfig, decoder)));
    }

    public ModelBundle withDecoder(DecoderConfig newDecoder) {
        return new ModelBundle(features, modelConfig, newDecoder, vocabulary, normalizer, model);
    }

    /** Reads only {@code dir/config.json} (no weights), e.g. to keep its decoder settings. */
    public static Config readConfig(Path dir) throws IOException {
        return readJson(dir.resolve(CONFIG), Config.class);
    }

    static <T> T readJson(Path file, Class<T> type) throws IOException {
        try {
            return JSON.readValue(Files.readAllBytes(file), type);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": missing");
        } catch (com.fasterxml.jackson.core.JacksonException | IllegalArgumentException e) {
            String msg = e instanceof com.fasterxml.jackson.core.JacksonException je ? je.getOriginalMessage()
                    : e.getMessage();
            throw new IOException(file + ": corrupt: " + msg, e);
        }
    }
}
