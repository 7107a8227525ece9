package dev.verbatim.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AugmentConfigTest {

    private static void assertMessage(String expected, Executable constructor) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, constructor);
        assertTrue(e.getMessage().contains(expected), "message: " + e.getMessage());
    }

    @Test
    void defaultsAreTheDocumentedValues() {
        AugmentConfig c = AugmentConfig.defaults();
        assertEquals(new AugmentConfig(0.5, 0.9, 1.1, 0.2, 0.15, 0.5, 0.3, 10, 30, 0.5, -12, 6, 0.3, 0.5,
                2, 10, 2, 0.04, 0.2, 7000, 11025, 0.5, 0.9, 1.1), c);
        assertTrue(c.enabled());
        assertTrue(c.vtlpEnabled());
        assertTrue(c.waveformEnabled());
        assertTrue(c.specAugmentEnabled());
    }

    @Test
    void vtlpIsValidatedOnlyWhenOnAndCountsAsAugmentation() {
        // A configuration saved before VTLP existed reads back with 0 factors: off, and not an error.
        AugmentConfig old = new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0);
        assertFalse(old.enabled());
        AugmentConfig only = new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0.5, 0.9, 1.1);
        assertTrue(only.enabled());
        assertTrue(only.vtlpEnabled());
        assertFalse(only.waveformEnabled());
        assertFalse(new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                1, 1, 1).enabled(), "factor 1..1 changes nothing");
        assertMessage("vtlpMin must be at least 0.8", () -> new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 0.7, 1.1));
        assertMessage("vtlpMax must be at most 1.25", () -> new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 0.9, 1.3));
        assertMessage("vtlpMin 1.1 must not exceed vtlpMax 0.9", () -> new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5,
                30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 1.1, 0.9));
        assertMessage("vtlpProb must be a probability", () -> new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1.5, 0.9, 1.1));
    }

    @Test
    void bandLimitingIsValidatedOnlyWhenOn() {
        // An older saved configuration has no band-limiting fields: they read back as 0 and stay unused.
        AugmentConfig old = new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertFalse(old.enabled());
        assertTrue(new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.1, 8000, 8000)
                .waveformEnabled());
        assertMessage("bandLimitMinHz must be at least 4000",
                () -> new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.1, 3000, 8000));
        assertMessage("bandLimitMaxHz must be below 16000",
                () -> new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.1, 8000, 16000));
        assertMessage("must not exceed bandLimitMaxHz",
                () -> new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.1, 9000, 8000));
        assertMessage("bandLimitProb must be a probability",
                () -> new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1.5, 8000, 8000));
    }

    @Test
    void noneSwitchesEverythingOff() {
        AugmentConfig c = AugmentConfig.none();
        assertFalse(c.enabled());
        assertFalse(c.waveformEnabled());
        assertFalse(c.specAugmentEnabled());
    }

    @Test
    void enabledTellsWhetherAStageCanChangeAnything() {
        // Speed 1..1, gain 0..0 dB, zero-length padding and zero-width masks change nothing.
        AugmentConfig identities = new AugmentConfig(1, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 1, 0, 0, 1, 0,
                5, 0, 5, 0);
        assertFalse(identities.enabled());
        AugmentConfig onlyMasks = new AugmentConfig(0, 1, 1, 0, 0.15, 0.7, 0, 5, 30, 0, 0, 0, 0, 0,
                0, 0, 1, 0.1);
        assertFalse(onlyMasks.waveformEnabled());
        assertTrue(onlyMasks.specAugmentEnabled());
        assertTrue(onlyMasks.enabled());
        AugmentConfig onlyReverb = new AugmentConfig(0, 1, 1, 0.1, 0.15, 0.7, 0, 5, 30, 0, 0, 0, 0, 0,
                0, 0, 0, 0);
        assertTrue(onlyReverb.waveformEnabled());
        assertFalse(onlyReverb.specAugmentEnabled());
    }

    @Test
    void rejectsBadRangesWithClearMessages() {
        assertMessage("speedMin 1.2 must not exceed speedMax 1.1",
                () -> new AugmentConfig(0.6, 1.2, 1.1, 0.3, 0.15, 0.7, 0.5, 5, 30, 0.5, -12, 6, 0.3, 0.5, 2, 15, 2, 0.05));
        assertMessage("speedMin must be at least 0.5",
                () -> new AugmentConfig(0.6, 0.3, 1.1, 0.3, 0.15, 0.7, 0.5, 5, 30, 0.5, -12, 6, 0.3, 0.5, 2, 15, 2, 0.05));
        assertMessage("speedMax must be at most 2.0",
                () -> new AugmentConfig(0.6, 0.9, 3, 0.3, 0.15, 0.7, 0.5, 5, 30, 0.5, -12, 6, 0.3, 0.5, 2, 15, 2, 0.05));
        assertMessage("speedProb must be a probability in [0, 1], got 1.5",
                () -> new AugmentConfig(1.5, 0.9, 1.1, 0.3, 0.15, 0.7, 0.5, 5, 30, 0.5, -12, 6, 0.3, 0.5, 2, 15, 2, 0.05));
        assertMessage("reverbProb",
                () -> new AugmentConfig(0.6, 0.9, 1.1, -0.1, 0.15, 0.7, 0.5, 5, 30, 0.5, -12, 6, 0.3, 0.5, 2, 15, 2, 0.05));
        assertMessage("noiseProb",
                () -> new AugmentConfig(0.6, 0.9, 1.1, 0.3, 0.15, 0.7, Double.NaN, 5, 30, 0.5, -12, 6, 0.3, 0.5, 2, 15, 2, 0.05));
        assertMessage("rt60Min must be positive",
                () -> new AugmentConfig(0.6, 0.9, 1.1, 0.3, 0, 0.7, 0.5, 5, 30, 0.5, -12, 6, 0.3, 0.5, 2, 15, 2, 0.05));
        assertMessage("rt60Min 0.8 must not exceed rt60Max 0.7",
                () -> new AugmentConfig(0.6, 0.9, 1.1, 0.3, 0.8, 0.7, 0.5, 5, 30, 0.5, -12, 6, 0.3, 0.5, 2, 15, 2, 0.05));
        assertMessage("rt60Max must be at most 5.0",
                () -> new AugmentConfig(0.6, 0.9, 1.1, 0.3, 0.15, 7, 0.5, 5, 30, 0.5, -12, 6, 0.3, 0.5, 2, 15, 2, 0.05));
        assertMessage("snrMinDb 40.0 must not exceed snrMaxDb 30.0",
                () -> new AugmentConfig(0.6, 0.9, 1.1, 0.3, 0.15, 0.7, 0.5, 40, 30, 0.5, -12, 6, 0.3, 0.5, 2, 15, 2, 0.05));
        assertMessage("snrMaxDb must be finite",
                () -> new AugmentConfig(0.6, 0.9, 1.1, 0.3, 0.15, 0.7, 0.5, 5, Double.POSITIVE_INFINITY, 0.5, -12, 6, 0.3, 0.5, 2, 15, 2, 0.05));
        assertMessage("gainMinDb 7.0 must not exceed gainMaxDb 6.0",
                () -> new AugmentConfig(0.6, 0.9, 1.1, 0.3, 0.15, 0.7, 0.5, 5, 30, 0.5, 7, 6, 0.3, 0.5, 2, 15, 2, 0.05));
        assertMessage("silenceMaxSec",
                () -> new AugmentConfig(0.6, 0.9, 1.1, 0.3, 0.15, 0.7, 0.5, 5, 30, 0.5, -12, 6, 0.3, -0.5, 2, 15, 2, 0.05));
        assertMessage("freqMasks must be >= 0",
                () -> new AugmentConfig(0.6, 0.9, 1.1, 0.3, 0.15, 0.7, 0.5, 5, 30, 0.5, -12, 6, 0.3, 0.5, -1, 15, 2, 0.05));
        assertMessage("freqMaskMaxBins must be >= 0",
                () -> new AugmentConfig(0.6, 0.9, 1.1, 0.3, 0.15, 0.7, 0.5, 5, 30, 0.5, -12, 6, 0.3, 0.5, 2, -15, 2, 0.05));
        assertMessage("timeMasks must be >= 0",
                () -> new AugmentConfig(0.6, 0.9, 1.1, 0.3, 0.15, 0.7, 0.5, 5, 30, 0.5, -12, 6, 0.3, 0.5, 2, 15, -2, 0.05));
        assertMessage("timeMaskMaxFraction must be in [0, 1], got 1.5",
                () -> new AugmentConfig(0.6, 0.9, 1.1, 0.3, 0.15, 0.7, 0.5, 5, 30, 0.5, -12, 6, 0.3, 0.5, 2, 15, 2, 1.5));
    }

    @Test
    void jsonRoundTripIsAPlainRecord() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        AugmentConfig c = AugmentConfig.defaults();
        String json = mapper.writeValueAsString(c);
        assertEquals(c, mapper.readValue(json, AugmentConfig.class));
        assertEquals(24, mapper.readTree(json).size());
        // Saved before band-limiting existed: the missing fields read back as "off".
        com.fasterxml.jackson.databind.node.ObjectNode old = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(json);
        old.remove(java.util.List.of("bandLimitProb", "bandLimitMinHz", "bandLimitMaxHz"));
        assertEquals(0, mapper.treeToValue(old, AugmentConfig.class).bandLimitProb());
        // Saved before VTLP existed: off as well.
        old.remove(java.util.List.of("vtlpProb", "vtlpMin", "vtlpMax"));
        assertFalse(mapper.treeToValue(old, AugmentConfig.class).vtlpEnabled());
        assertFalse(mapper.readTree(json).has("enabled"));
    }
}
