package dev.verbatim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one line a user reads when a command fails. */
class FileErrorsTest {

    @Test
    void fileSystemFailuresSayWhatIsWrongAndOtherFailuresKeepTheirMessage() {
        assertEquals("/m/x.wav: permission denied", FileErrors.describe(new AccessDeniedException("/m/x.wav")));
        assertEquals("/m/x.wav: no such file or directory", FileErrors.describe(new NoSuchFileException("/m/x.wav")));
        assertEquals("/a (and /b): Read-only file system",
                FileErrors.describe(new FileSystemException("/a", "/b", "Read-only file system")));
        assertEquals("/a: FileSystemException", FileErrors.describe(new FileSystemException("/a")));
        assertEquals("bad frame", FileErrors.describe(new IllegalStateException("bad frame")));
        assertEquals("java.lang.IllegalStateException", FileErrors.describe(new IllegalStateException()));
    }

    @Test
    void realFailuresFromTheFileSystemAreDescribedThroughAnUncheckedWrapper(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("absent.tsv");
        IOException thrown = assertThrows(IOException.class, () -> Files.readAllLines(missing));
        assertEquals(missing + ": no such file or directory", FileErrors.describe(thrown));
        assertEquals(missing + ": no such file or directory",
                FileErrors.describe(new UncheckedIOException(thrown)));
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        IOException notDir = assertThrows(IOException.class, () -> Files.newDirectoryStream(file).close());
        assertEquals(file + ": not a directory", FileErrors.describe(notDir));
        assertEquals("disk full", FileErrors.describe(new UncheckedIOException(new IOException("disk full"))));
    }
}
