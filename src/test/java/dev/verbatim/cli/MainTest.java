package dev.verbatim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code verbatim} reports a failed command. */
class MainTest {

    @Test
    void aMissingManifestIsNamedWithWhatIsWrongWithIt(@TempDir Path dir) {
        Path missing = dir.resolve("dev.tsv");
        TranscribeEndToEndTest.Run eval = TranscribeEndToEndTest.run("eval", "--model",
                Path.of("models", "default").toString(), missing.toString());
        assertEquals(2, eval.exitCode());
        assertEquals("verbatim: " + missing + ": no such file or directory", eval.err().strip());
        TranscribeEndToEndTest.Run train = TranscribeEndToEndTest.run("train", "--train", missing.toString(),
                "--dev", missing.toString(), "--model-dir", dir.resolve("model").toString());
        assertEquals(2, train.exitCode());
        assertEquals("verbatim: " + missing + ": no such file or directory", train.err().strip());
    }
}
