package dev.verbatim.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardTest {
    @Test
    void takesTheSectionUnderTheTrainingDataHeading() {
        List<String> card = List.of("# Model card", "intro", "", "## Training data", "", "6 h of speech.",
                "### Sources", "espeak-ng", "## Accuracy", "WER 80 %");
        assertEquals(List.of("6 h of speech.", "### Sources", "espeak-ng"), ModelCard.summary(card));
    }

    @Test
    void withoutSuchAHeadingTakesTheFirstParagraph() {
        List<String> card = List.of("# Model card", "", "A first model.", "Not accurate yet.", "", "## Accuracy");
        assertEquals(List.of("A first model.", "Not accurate yet."), ModelCard.summary(card));
    }

    @Test
    void longSectionsAreCut() {
        List<String> card = new ArrayList<>(List.of("## Training data"));
        for (int i = 0; i < 100; i++) {
            card.add("line " + i);
        }
        List<String> summary = ModelCard.summary(card);
        assertEquals(ModelCard.MAX_LINES, summary.size());
        assertEquals("... (71 more lines in MODEL.md)", summary.get(summary.size() - 1));
    }

    @Test
    void aFolderWithoutACardHasNone(@TempDir Path dir) throws IOException {
        assertNull(ModelCard.trainingData(dir));
        Files.writeString(dir.resolve("MODEL.md"), "# Card\n\n## Training Data\nsynthetic\n");
        assertEquals(List.of("synthetic"), ModelCard.trainingData(dir));
    }
}
