package dev.verbatim.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureConfigTest {

    @Test
    void defaultsAreTheDocumentedValues() {
        FeatureConfig c = FeatureConfig.defaults();
        assertEquals(new FeatureConfig(16000, 25, 10, 512, 80, 20, 7600, 1e-10), c);
        assertEquals(400, c.windowSamples());
        assertEquals(160, c.hopSamples());
    }

    @Test
    void numFramesPadsTheLastPartialWindow() {
        FeatureConfig c = FeatureConfig.defaults(); // window 400, hop 160
        assertEquals(0, c.numFrames(0));
        assertEquals(1, c.numFrames(1));
        assertEquals(1, c.numFrames(400));
        assertEquals(2, c.numFrames(401));
        assertEquals(2, c.numFrames(560));
        assertEquals(3, c.numFrames(561));
        assertEquals(99, c.numFrames(16000)); // 1 + ceil(15600 / 160) = 1 + ceil(97.5)
        assertThrows(IllegalArgumentException.class, () -> c.numFrames(-1));
    }

    @Test
    void rejectsInvalidValuesWithClearMessages() {
        assertMessage("power of two", () -> new FeatureConfig(16000, 25, 10, 500, 80, 20, 7600, 1e-10));
        assertMessage("at least the window length of 400", () -> new FeatureConfig(16000, 25, 10, 256, 80, 20, 7600, 1e-10));
        assertMessage("Nyquist", () -> new FeatureConfig(16000, 25, 10, 512, 80, 20, 8001, 1e-10));
        assertMessage("greater than lowFreqHz", () -> new FeatureConfig(16000, 25, 10, 512, 80, 3000, 3000, 1e-10));
        assertMessage("must not exceed windowMs", () -> new FeatureConfig(16000, 25, 30, 512, 80, 20, 7600, 1e-10));
        assertMessage("numMelBins", () -> new FeatureConfig(16000, 25, 10, 512, 0, 20, 7600, 1e-10));
        assertMessage("logFloor", () -> new FeatureConfig(16000, 25, 10, 512, 80, 20, 7600, 0));
        assertMessage("sampleRateHz", () -> new FeatureConfig(0, 25, 10, 512, 80, 20, 7600, 1e-10));
        assertMessage("lowFreqHz", () -> new FeatureConfig(16000, 25, 10, 512, 80, -1, 7600, 1e-10));
    }

    @Test
    void jsonRoundTripIsAPlainRecord() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        FeatureConfig c = FeatureConfig.defaults();
        String json = mapper.writeValueAsString(c);
        assertEquals(c, mapper.readValue(json, FeatureConfig.class));

        JsonNode tree = mapper.readTree(json);
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("sampleRateHz", "windowMs", "hopMs", "fftSize", "numMelBins", "lowFreqHz",
                "highFreqHz", "logFloor"), names);
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable body) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, body);
        assertTrue(e.getMessage().contains(expected), () -> "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
