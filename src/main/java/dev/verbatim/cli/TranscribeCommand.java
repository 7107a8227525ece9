package dev.verbatim.cli;

import dev.verbatim.Recognizer;
import dev.verbatim.decode.Transcript;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "transcribe", mixinStandardHelpOptions = true,
        description = "Transcribe WAV files and folders (searched recursively). Prints one line per file.")
final class TranscribeCommand implements Callable<Integer> {
    enum Format { tsv, txt }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "WAV files or folders.")
    List<Path> inputs;

    @Option(names = {"-m", "--model"}, paramLabel = "DIR", description = "Model folder (default: ${DEFAULT-VALUE}).")
    Path model = Main.defaultModel();

    @Option(names = {"-f", "--format"}, description = "tsv: path<TAB>transcript; txt: transcript only "
            + "(default: ${DEFAULT-VALUE}).")
    Format format = Format.tsv;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = new ArrayList<>();
        int failures = 0;
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                List<Path> found = audioFilesUnder(in);
                if (found.isEmpty()) {
                    err.println("verbatim: " + in + ": no .wav files in this folder");
                }
                files.addAll(found);
            } else if (Files.exists(in)) {
                files.add(in);
            } else {
                err.println("verbatim: " + in + ": no such file or folder");
                failures++;
            }
        }
        Recognizer recognizer = Recognizer.load(model);
        for (Path file : files) {
            try {
                Transcript t = recognizer.transcribeFile(file);
                out.println(format == Format.tsv ? file + "\t" + t.text() : t.text());
                out.flush();
            } catch (IOException e) {
                err.println("verbatim: " + e.getMessage());
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }

    static List<Path> audioFilesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return n.endsWith(".wav") || n.endsWith(".wave");
                    })
                    .sorted()
                    .toList();
        }
    }
}
