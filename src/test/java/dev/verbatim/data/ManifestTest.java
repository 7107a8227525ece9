package dev.verbatim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    @TempDir
    Path dir;

    private Path writeText(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void readsRelativeAndAbsolutePaths() throws IOException {
        Path abs = dir.resolve("elsewhere/x.wav").toAbsolutePath();
        Path m = writeText("corpus/train.tsv", "# comment line\n"
                + "wav/a.wav\tHello there.\n"
                + "\n"
                + "   \n"
                + "../other/b.wav\tfourteen sixty-nine, fourteen seventy;\r\n"
                + abs + "\tAbsolute.\n"
                + "wav/c.wav\t\n"
                + "wav/d.wav\ta b\tespeak-ng\ten-us\t175\n");
        List<Utterance> u = Manifest.read(m);
        assertEquals(5, u.size());
        assertEquals(dir.resolve("corpus/wav/a.wav").toAbsolutePath(), u.get(0).audio());
        assertEquals("Hello there.", u.get(0).transcript());
        assertEquals(dir.resolve("other/b.wav").toAbsolutePath(), u.get(1).audio());
        assertEquals("fourteen sixty-nine, fourteen seventy;", u.get(1).transcript());
        assertEquals(abs, u.get(2).audio());
        assertEquals("", u.get(3).transcript(), "transcript-less line");
        assertEquals("a b", u.get(4).transcript(), "columns after the transcript are metadata, ignored");
    }

    @Test
    void byteOrderMarkIsIgnored() throws IOException {
        Path m = writeText("bom.tsv", "\uFEFFa.wav\thi\n");
        assertEquals(dir.resolve("a.wav").toAbsolutePath(), Manifest.read(m).get(0).audio());
    }

    @Test
    void lineWithoutTabNamesFileAndLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 16; i++) {
            sb.append("a").append(i).append(".wav\tline ").append(i).append('\n');
        }
        sb.append("broken line without tab\n");
        Path m = writeText("train.tsv", sb.toString());
        IOException e = assertThrows(IOException.class, () -> Manifest.read(m));
        assertTrue(e.getMessage().contains("train.tsv:17: expected path<TAB>transcript"), e.getMessage());
    }

    @Test
    void emptyPathIsAnError() throws IOException {
        Path m = writeText("dev.tsv", "a.wav\tok\n\tno path here\n");
        IOException e = assertThrows(IOException.class, () -> Manifest.read(m));
        assertTrue(e.getMessage().contains("dev.tsv:2:"), e.getMessage());
    }

    @Test
    void missingManifestIsAnIOException() {
        assertThrows(IOException.class, () -> Manifest.read(dir.resolve("nope.tsv")));
    }

    @Test
    void aFolderGivenAsTheManifestIsNamedAsAFolder() {
        IOException e = assertThrows(IOException.class, () -> Manifest.read(dir));
        assertEquals(dir + ": is a folder; a manifest is a file of path<TAB>transcript lines", e.getMessage());
    }

    @Test
    void writeRoundTripsWithRelativePathsUnderTheFolder() throws IOException {
        Path m = dir.resolve("out/sub/manifest.tsv");
        Path outside = dir.resolve("far/away.wav").toAbsolutePath();
        List<Utterance> in = List.of(
                new Utterance(dir.resolve("out/sub/wav/one.wav"), "One."),
                new Utterance(outside, "Two, three."),
                Utterance.untranscribed(dir.resolve("out/sub/x y.wav")));
        Manifest.write(m, in);
        List<String> lines = Files.readAllLines(m, StandardCharsets.UTF_8);
        assertEquals(List.of("wav/one.wav\tOne.", outside + "\tTwo, three.", "x y.wav\t"), lines);
        List<Utterance> back = Manifest.read(m);
        assertEquals(3, back.size());
        for (int i = 0; i < in.size(); i++) {
            assertEquals(in.get(i).audio().toAbsolutePath().normalize(), back.get(i).audio());
            assertEquals(in.get(i).transcript(), back.get(i).transcript());
        }
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTempFiles() throws IOException {
        Path m = writeText("m.tsv", "old.wav\told\n");
        Manifest.write(m, List.of(new Utterance(dir.resolve("new.wav"), "new")));
        assertEquals(List.of("new.wav\tnew"), Files.readAllLines(m));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(m), files.toList());
        }
    }

    @Test
    void writeRejectsUnrepresentableText() throws IOException {
        Path m = writeText("keep.tsv", "a.wav\tkept\n");
        assertThrows(IllegalArgumentException.class,
                () -> Manifest.write(m, List.of(new Utterance(dir.resolve("a.wav"), "two\nlines"))));
        assertThrows(IllegalArgumentException.class,
                () -> Manifest.write(m, List.of(new Utterance(dir.resolve("#a.wav"), "x"))));
        assertEquals(List.of("a.wav\tkept"), Files.readAllLines(m), "old manifest untouched");
    }

    @Test
    void utteranceValidation() {
        assertThrows(NullPointerException.class, () -> new Utterance(null, "x"));
        assertEquals("", new Utterance(Path.of("a.wav"), null).transcript());
    }
}
