package dev.verbatim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
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

    @Test
    void fileSystemFailuresSayWhatIsWrongAndOtherFailuresKeepTheirMessage() {
        assertEquals("/m/x.wav: permission denied", Main.describe(new AccessDeniedException("/m/x.wav")));
        assertEquals("/m/x.wav: no such file or directory", Main.describe(new NoSuchFileException("/m/x.wav")));
        assertEquals("/a (and /b): Read-only file system",
                Main.describe(new FileSystemException("/a", "/b", "Read-only file system")));
        assertEquals("/a: FileSystemException", Main.describe(new FileSystemException("/a")));
        assertEquals("bad frame", Main.describe(new IllegalStateException("bad frame")));
        assertEquals("java.lang.IllegalStateException", Main.describe(new IllegalStateException()));
    }
}
