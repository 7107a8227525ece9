package dev.verbatim.data;

import dev.verbatim.io.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes manifests: UTF-8 text files with one utterance per line, {@code path<TAB>transcript}, optionally
 * followed by more tab-separated columns that reading ignores (metadata such as the engine, voice and rate columns
 * that {@code tools/corpus.py} writes into its per-engine manifests).
 *
 * <ul>
 *   <li>A relative path is relative to the folder holding the manifest (not the working directory), so a corpus
 *       folder can be moved or shared as a whole.</li>
 *   <li>Blank lines and lines starting with {@code #} are ignored.</li>
 *   <li>The transcript is the text between the first and second tab (or the end of the line), kept as written
 *       (normalisation happens later, in one place); it may be empty, e.g. for a list of files to transcribe
 *       ({@code path<TAB>}).</li>
 * </ul>
 */
public final class Manifest {

    private Manifest() {
    }

    /**
     * Reads a manifest.
     *
     * @return the utterances in file order, with absolute, normalised audio paths (the files are not checked here:
     *         a missing file should fail that one utterance, not the whole manifest)
     * @throws IOException if the file cannot be read, or a line has no tab, an empty path or an invalid path; the
     *                     message starts with {@code <manifest>:<line>:}
     */
    public static List<Utterance> read(Path manifestTsv) throws IOException {
        Objects.requireNonNull(manifestTsv, "manifestTsv");
        if (Files.isDirectory(manifestTsv)) {
            throw new IOException(manifestTsv + ": is a folder; a manifest is a file of path<TAB>transcript lines");
        }
        Path folder = folderOf(manifestTsv);
        List<Utterance> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(manifestTsv, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // byte order mark written by some Windows editors
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw error(manifestTsv, lineNo, "expected path<TAB>transcript, found no tab");
                }
                String pathText = line.substring(0, tab).strip();
                if (pathText.isEmpty()) {
                    throw error(manifestTsv, lineNo, "expected path<TAB>transcript, the path is empty");
                }
                Path audio;
                try {
                    audio = folder.resolve(pathText).normalize();
                } catch (InvalidPathException e) {
                    throw error(manifestTsv, lineNo, "invalid path \"" + pathText + "\": " + e.getReason());
                }
                int end = line.indexOf('\t', tab + 1);
                out.add(new Utterance(audio, line.substring(tab + 1, end < 0 ? line.length() : end).strip()));
            }
        }
        return out;
    }

    /**
     * Writes a manifest atomically: the lines go to a temporary file in the same folder, which then replaces
     * {@code manifestTsv}, so a crash never leaves a half-written manifest behind. Audio paths under the manifest's
     * folder are written relative to it, with '/' separators; others are written absolute. The folder is created
     * if needed.
     *
     * @throws IllegalArgumentException if a path or transcript contains a tab or line break (the line format
     *                                  could not represent it), or a transcript-less path starts with '#'
     */
    public static void write(Path manifestTsv, List<Utterance> utterances) throws IOException {
        Objects.requireNonNull(manifestTsv, "manifestTsv");
        Objects.requireNonNull(utterances, "utterances");
        Path folder = folderOf(manifestTsv);
        // Build every line first, so an invalid utterance is reported before anything touches the disk.
        List<String> lines = new ArrayList<>(utterances.size());
        for (int i = 0; i < utterances.size(); i++) {
            Utterance u = utterances.get(i);
            String path = pathText(folder, u.audio());
            check(path, "path", i, u);
            check(u.transcript(), "transcript", i, u);
            if (path.startsWith("#")) {
                throw new IllegalArgumentException("utterance " + i + ": path \"" + path
                        + "\" starts with '#' and would be read back as a comment");
            }
            lines.add(path + '\t' + u.transcript());
        }
        Files.createDirectories(folder);
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        AtomicFiles.write(manifestTsv, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Path folderOf(Path manifestTsv) {
        Path parent = manifestTsv.toAbsolutePath().normalize().getParent();
        return parent != null ? parent : manifestTsv.toAbsolutePath().getRoot();
    }

    private static String pathText(Path folder, Path audio) {
        Path abs = audio.toAbsolutePath().normalize();
        if (abs.startsWith(folder) && !abs.equals(folder)) {
            Path rel = folder.relativize(abs);
            // '/' works on every platform when read back, and keeps manifests portable between them.
            StringBuilder sb = new StringBuilder();
            for (Path part : rel) {
                if (sb.length() > 0) {
                    sb.append('/');
                }
                sb.append(part);
            }
            return sb.toString();
        }
        return abs.toString();
    }

    private static void check(String text, String what, int index, Utterance u) {
        if (text.indexOf('\t') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("utterance " + index + " (" + u.audio() + "): the " + what
                    + " contains a tab or line break, which a manifest line cannot hold");
        }
    }

    private static IOException error(Path manifest, int lineNo, String message) {
        return new IOException(manifest + ":" + lineNo + ": " + message);
    }
}
