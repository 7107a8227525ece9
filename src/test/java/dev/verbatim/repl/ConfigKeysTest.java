package dev.verbatim.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verbatim.augment.AugmentConfig;
import dev.verbatim.batch.Segmenter;
import dev.verbatim.decode.DecoderConfig;
import dev.verbatim.features.FeatureConfig;
import dev.verbatim.live.EndpointConfig;
import dev.verbatim.model.ModelConfig;
import dev.verbatim.train.TrainConfig;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ConfigKeysTest {
    private final AtomicBoolean weights = new AtomicBoolean();
    private final ConfigKeys keys = new ConfigKeys(weights::get);

    @Test
    void keysAreTheRecordComponentsOfEachSection() {
        assertNames("features", FeatureConfig.class);
        assertNames("model", ModelConfig.class);
        assertNames("decoder", DecoderConfig.class);
        assertNames("endpoint", EndpointConfig.class);
        assertNames("segment", Segmenter.Config.class);
        assertNames("augment", AugmentConfig.class);
        assertTrue(keys.names().contains("train.maxBatchFrames"));
        assertFalse(keys.names().contains("train.maxSteps"), "run lengths are arguments of train");
        assertFalse(keys.names().contains("train.augment"), "augmentation has its own section");
    }

    private void assertNames(String section, Class<? extends Record> type) {
        List<String> expected = java.util.Arrays.stream(type.getRecordComponents())
                .map(c -> section + "." + c.getName()).toList();
        assertEquals(expected, keys.section(section).stream().map(ConfigKeys.Key::name).toList());
    }

    @Test
    void setRebuildsTheRecordAndValidatesWithItsConstructor() throws Exception {
        ConfigKeys.Key silence = keys.key("endpoint.minTrailingSilenceSec");
        assertEquals("0.8", keys.set(silence, "1.5"));
        assertEquals(1.5, keys.endpoint().minTrailingSilenceSec());
        assertEquals("1.5", keys.get(silence));

        // EndpointConfig requires maxUtteranceSec > minTrailingSilenceSec: the record says no, nothing changes.
        ConfigKeys.ConfigException e = assertThrows(ConfigKeys.ConfigException.class,
                () -> keys.set(keys.key("endpoint.maxUtteranceSec"), "1.0"));
        assertTrue(e.getMessage().contains("maxUtteranceSec"), e.getMessage());
        assertEquals(20.0, keys.endpoint().maxUtteranceSec());

        assertThrows(ConfigKeys.ConfigException.class, () -> keys.set(keys.key("segment.maxSegmentSec"), "x"));
        assertThrows(ConfigKeys.ConfigException.class, () -> keys.set(keys.key("segment.maxSegmentSec"), "NaN"));
        assertThrows(ConfigKeys.ConfigException.class, () -> keys.set(keys.key("train.maxBatchSize"), "2.5"));
        keys.set(keys.key("train.maxBatchFrames"), "6_000");
        assertEquals(6000, keys.train(7, 0).maxBatchFrames());
        assertEquals(7, keys.train(7, 0).maxSteps());
        keys.set(keys.key("train.learningRate"), "2e-3");
        assertEquals(2e-3, keys.train(0, 1).learningRate());
        keys.set(keys.key("augment.noiseProb"), "0.5");
        assertTrue(keys.train(1, 0).augment().enabled());
    }

    @Test
    void featureAndNetworkKeysAreFixedWhileWeightsAreLoaded() throws Exception {
        ConfigKeys.Key hidden = keys.key("model.lstmHidden");
        ConfigKeys.Key bins = keys.key("features.numMelBins");
        assertNull(keys.fixedReason(hidden));
        keys.set(hidden, "64");
        keys.set(bins, "40");
        assertEquals(40, keys.model().inputBins(), "inputBins follows numMelBins");
        assertEquals(64, keys.model().lstmHidden());
        assertThrows(ConfigKeys.ConfigException.class, () -> keys.set(keys.key("model.inputBins"), "40"));

        weights.set(true);
        ConfigKeys.ConfigException e = assertThrows(ConfigKeys.ConfigException.class, () -> keys.set(hidden, "32"));
        assertTrue(e.getMessage().contains("weights"), e.getMessage());
        assertThrows(ConfigKeys.ConfigException.class, () -> keys.set(bins, "80"));
        assertEquals(64, keys.model().lstmHidden());
        keys.set(keys.key("decoder.method"), "greedy");
        keys.set(keys.key("segment.maxSegmentSec"), "30");
        assertEquals(30.0, keys.segment().maxSegmentSec());
    }

    @Test
    void unknownKeysSuggestTheClosestOne() {
        ConfigKeys.ConfigException e = assertThrows(ConfigKeys.ConfigException.class,
                () -> keys.key("endpoint.minTrailingSilenceSecs"));
        assertTrue(e.getMessage().contains("did you mean endpoint.minTrailingSilenceSec?"), e.getMessage());
        assertEquals(List.of(DecoderConfig.GREEDY, DecoderConfig.BEAM), keys.valueHints(keys.keys().stream()
                .filter(k -> k.name().equals("decoder.method")).findFirst().orElseThrow()));
        for (ConfigKeys.Key k : keys.keys()) {
            RecordComponent c = k.component();
            assertEquals(k.name(), k.section() + "." + c.getName());
        }
    }
}
