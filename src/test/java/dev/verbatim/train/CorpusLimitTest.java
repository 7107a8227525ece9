package dev.verbatim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verbatim.features.FeatureConfig;
import dev.verbatim.text.Vocabulary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench train --limit N} reads only the first N utterances of a manifest, not the whole corpus. */
class CorpusLimitTest {
    @Test
    void limitReadsOnlyTheFirstUtterances(@TempDir Path dir) throws Exception {
        Path fixtures = TinyOverfitTest.fixtures();
        Path missing = dir.resolve("missing.wav");
        Path manifest = dir.resolve("m.tsv");
        Files.writeString(manifest, fixtures.resolve("1_jackson_3.wav") + "\tone\n"
                + fixtures.resolve("2_jackson_3.wav") + "\ttwo\n" + missing + "\tthree\n");
        FeatureConfig features = FeatureConfig.defaults();

        ByteArrayOutputStream limited = new ByteArrayOutputStream();
        List<Example> first = Corpus.load(manifest, features, Vocabulary.english(), 2,
                new PrintStream(limited, true, StandardCharsets.UTF_8), true, 2);
        assertEquals(2, first.size());
        assertEquals("one", first.get(0).text());
        assertTrue(first.get(1).frames().length > 0);
        assertFalse(limited.toString(StandardCharsets.UTF_8).contains("missing.wav"),
                "the third utterance was read: " + limited);

        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        List<Example> all = Corpus.load(manifest, features, Vocabulary.english(), 2,
                new PrintStream(whole, true, StandardCharsets.UTF_8), true);
        assertEquals(2, all.size());
        assertTrue(whole.toString(StandardCharsets.UTF_8).contains("missing.wav"), whole.toString());
    }
}
