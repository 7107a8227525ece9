package dev.verbatim.cli;

import dev.verbatim.Recognizer;
import dev.verbatim.batch.LongAudioTranscriber;
import dev.verbatim.batch.SegmentedTranscript;
import dev.verbatim.batch.Segmenter;
import dev.verbatim.io.AtomicFiles;
import dev.verbatim.output.OutputFormat;
import dev.verbatim.output.SubtitleCues;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "transcribe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Transcribe WAV files, folders (searched recursively) and globs ('talks/**/*.wav').",
            "Long recordings are split at pauses; times stay absolute. Without --output-dir the results go to "
                    + "standard output; with it, one file per input and format, mirroring the input tree. A file "
                    + "that cannot be read is reported and the others go on; the exit code is 1 if any failed."})
final class TranscribeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "WAV files, folders or glob patterns.")
    List<String> inputs;

    @Option(names = {"-m", "--model"}, paramLabel = "DIR", description = "Model folder (default: ${DEFAULT-VALUE}).")
    Path model = Main.defaultModel();

    @picocli.CommandLine.Mixin
    DecodingOptions decoding = new DecodingOptions();

    @Option(names = {"-f", "--format"}, split = ",", paramLabel = "FORMAT",
            description = "txt, tsv, json, srt, vtt; several (comma-separated or repeated) need --output-dir. "
                    + "On standard output tsv is path<TAB>text and json one object per line (default: tsv).")
    List<String> formats = new ArrayList<>(List.of("tsv"));

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR",
            description = "Write NAME.FORMAT files here, mirroring the input folders (talk.wav -> talk.srt).")
    Path outputDir;

    @Option(names = "--overwrite", description = "Redo inputs whose outputs already exist (default: skip them).")
    boolean overwrite;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Files prepared in parallel; the network is shared (default: cores = ${DEFAULT-VALUE}).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-q", "--quiet"}, description = "Results only: no progress, notes or summary.")
    boolean quiet;

    @Option(names = "--max-segment-sec", paramLabel = "SEC",
            description = "Longest piece a recording is decoded in; longer audio is split at pauses "
                    + "(default: ${DEFAULT-VALUE}).")
    double maxSegmentSec = Segmenter.Config.defaults().maxSegmentSec();

    @Option(names = "--n-best", paramLabel = "N",
            description = "With beam search, the N best texts of each segment in the JSON output (default: 1).")
    int nBest = 1;

    @Option(names = "--max-line-chars", paramLabel = "N",
            description = "Subtitle line length (srt, vtt) (default: ${DEFAULT-VALUE}).")
    int maxLineChars = SubtitleCues.Layout.defaults().maxLineChars();

    @Option(names = "--max-cue-sec", paramLabel = "SEC",
            description = "Longest time a subtitle stays on screen (default: ${DEFAULT-VALUE}).")
    double maxCueSec = SubtitleCues.Layout.defaults().maxCueSec();

    /** One input file and where its outputs go (relative to --output-dir). */
    record Input(Path file, Path relative) {
    }

    private record Outcome(SegmentedTranscript transcript, double seconds, double wallSec, IOException error) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<OutputFormat> fmts = parseFormats();
        if (jobs < 1 || nBest < 1) {
            throw new ParameterException(spec.commandLine(), "--jobs and --n-best must be at least 1");
        }
        Segmenter.Config d = Segmenter.Config.defaults();
        Segmenter.Config segmenting;
        SubtitleCues.Layout layout;
        try {
            segmenting = new Segmenter.Config(maxSegmentSec, Math.min(d.minSegmentSec(), maxSegmentSec / 2),
                    d.quietAboveFloorDb(), d.floorPercentile());
            SubtitleCues.Layout l = SubtitleCues.Layout.defaults();
            layout = new SubtitleCues.Layout(maxLineChars, l.maxLines(), maxCueSec, l.maxPauseSec(), l.minCueSec());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }

        int failures = 0;
        List<Input> found = new ArrayList<>();
        for (String in : inputs) {
            failures += collect(in, found, err);
        }
        List<Input> todo = new ArrayList<>();
        int skipped = 0;
        for (Input in : found) {
            if (outputDir != null && !overwrite && fmts.stream().allMatch(f -> Files.exists(outputPath(in, f)))) {
                skipped++;
            } else {
                todo.add(in);
            }
        }
        if (skipped > 0 && !quiet) {
            err.printf("%d of %d inputs already have their outputs in %s: skipped (--overwrite redoes them)%n",
                    skipped, found.size(), outputDir);
        }
        if (todo.isEmpty()) {
            err.flush();
            return failures == 0 ? 0 : 1;
        }

        Recognizer recognizer = decoding.load(model);
        if (decoding.autoWarp()) {
            recognizer = DecodingOptions.adaptWarp(recognizer, todo.stream().map(Input::file).toList(), 0,
                    quiet ? null : err);
        }
        LongAudioTranscriber transcriber = new LongAudioTranscriber(recognizer, segmenting, nBest);
        Progress progress = new Progress(err, todo, quiet, System.console() != null);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "transcribe");
            t.setDaemon(true);
            return t;
        });
        double audioSec = 0;
        int done = 0;
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Input in : todo) {
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    try {
                        SegmentedTranscript t = transcriber.transcribeFile(in.file());
                        return new Outcome(t, t.durationSec(), (System.nanoTime() - t0) / 1e9, null);
                    } catch (IOException e) {
                        return new Outcome(null, 0, (System.nanoTime() - t0) / 1e9, e);
                    }
                }));
            }
            for (int i = 0; i < todo.size(); i++) {
                Input in = todo.get(i);
                Outcome o = await(futures.get(i));
                if (o.error() != null) {
                    failures++;
                    progress.message("verbatim: " + o.error().getMessage());
                } else {
                    try {
                        emit(in, o.transcript(), fmts, layout, out);
                        done++;
                        audioSec += o.seconds();
                    } catch (IOException e) {
                        failures++;
                        progress.message("verbatim: " + in.file() + ": cannot write the output: " + e.getMessage());
                    }
                }
                progress.fileDone(in, o.seconds(), o.wallSec(), (System.nanoTime() - start) / 1e9);
            }
        } finally {
            pool.shutdownNow();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        progress.finish();
        if (!quiet) {
            err.printf("%d file%s transcribed, %d failed, %d skipped; audio %s in %s: real-time factor %.3f%n",
                    done, done == 1 ? "" : "s", failures, skipped, duration(audioSec), duration(wall),
                    audioSec == 0 ? 0 : wall / audioSec);
        }
        err.flush();
        return failures == 0 ? 0 : 1;
    }

    private List<OutputFormat> parseFormats() {
        Set<OutputFormat> set = new LinkedHashSet<>();
        for (String f : formats) {
            try {
                set.add(OutputFormat.parse(f));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (set.size() > 1 && outputDir == null) {
            throw new ParameterException(spec.commandLine(),
                    "several formats (" + formats + ") need --output-dir: standard output takes one");
        }
        return List.copyOf(set);
    }

    private void emit(Input in, SegmentedTranscript t, List<OutputFormat> fmts, SubtitleCues.Layout layout,
            PrintWriter out) throws IOException {
        if (outputDir == null) {
            out.print(fmts.get(0).renderStdout(in.file().toString(), t, layout));
            out.flush();
            return;
        }
        for (OutputFormat f : fmts) {
            Path target = outputPath(in, f);
            Files.createDirectories(target.getParent());
            AtomicFiles.write(target, f.renderFile(in.file().toString(), t, layout).getBytes(StandardCharsets.UTF_8));
        }
    }

    Path outputPath(Input in, OutputFormat f) {
        String name = in.relative().getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        Path rel = in.relative().resolveSibling(stem + "." + f.extension());
        return outputDir.resolve(rel);
    }

    /** Adds the audio files {@code arg} names; returns the number of errors (a missing path or an empty match). */
    private int collect(String arg, List<Input> into, PrintWriter err) throws IOException {
        Path p = Path.of(arg);
        if (Files.isDirectory(p)) {
            int[] other = new int[1];
            List<Path> wavs = audioFilesUnder(p, other);
            if (wavs.isEmpty()) {
                err.println("verbatim: " + p + ": no .wav files in this folder");
            }
            if (other[0] > 0 && !quiet) {
                err.printf("note: %s: %d file%s that are not .wav skipped%n", p, other[0], other[0] == 1 ? "" : "s");
            }
            for (Path w : wavs) {
                into.add(new Input(w, p.relativize(w)));
            }
            return 0;
        }
        if (Files.exists(p)) {
            into.add(new Input(p, p.getFileName()));
            return 0;
        }
        if (arg.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
            Path base = globBase(arg);
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + arg);
            List<Path> matches = new ArrayList<>();
            if (Files.isDirectory(base)) {
                try (Stream<Path> walk = Files.walk(base)) {
                    walk.filter(Files::isRegularFile).filter(matcher::matches).sorted().forEach(matches::add);
                }
            }
            if (matches.isEmpty()) {
                err.println("verbatim: " + arg + ": no file matches this pattern");
                return 1;
            }
            for (Path m : matches) {
                into.add(new Input(m, base.relativize(m)));
            }
            return 0;
        }
        err.println("verbatim: " + p + ": no such file or folder");
        return 1;
    }

    /** The folder part of a glob before its first wildcard ("talks/2024/*.wav" -> "talks/2024"). */
    static Path globBase(String glob) {
        int wild = 0;
        while (wild < glob.length() && "*?[{".indexOf(glob.charAt(wild)) < 0) {
            wild++;
        }
        String prefix = glob.substring(0, wild);
        int slash = prefix.lastIndexOf('/');
        return slash < 0 ? Path.of(".") : Path.of(slash == 0 ? "/" : prefix.substring(0, slash));
    }

    static List<Path> audioFilesUnder(Path dir, int[] otherFiles) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (n.endsWith(".wav") || n.endsWith(".wave")) {
                    out.add(p);
                } else {
                    otherFiles[0]++;
                }
            }
        }
        return out;
    }

    private static Outcome await(Future<Outcome> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    static String duration(double sec) {
        long s = Math.round(sec);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%.1fs", sec);
    }

    /**
     * Progress on standard error: one line redrawn in place on a terminal (files, audio hours, real-time factor,
     * ETA from the input sizes), one plain line per file otherwise, nothing with --quiet.
     */
    static final class Progress {
        private final PrintWriter err;
        private final boolean quiet;
        private final boolean terminal;
        private final int total;
        private final long totalBytes;
        private long doneBytes;
        private int files;
        private double audioSec;
        private boolean lineOpen;

        Progress(PrintWriter err, List<Input> inputs, boolean quiet, boolean terminal) {
            this.err = err;
            this.quiet = quiet;
            this.terminal = terminal;
            this.total = inputs.size();
            long bytes = 0;
            for (Input in : inputs) {
                try {
                    bytes += Files.size(in.file());
                } catch (IOException e) {
                    // an unreadable file is reported when it is transcribed
                }
            }
            this.totalBytes = bytes;
        }

        void message(String line) {
            clearLine();
            err.println(line);
            err.flush();
        }

        void fileDone(Input in, double seconds, double wallSec, double elapsed) {
            files++;
            audioSec += seconds;
            try {
                doneBytes += Files.size(in.file());
            } catch (IOException e) {
                // counted as zero bytes
            }
            if (quiet) {
                return;
            }
            double rtf = audioSec == 0 ? 0 : elapsed / audioSec;
            if (terminal) {
                double eta = doneBytes == 0 ? 0 : elapsed * (totalBytes - doneBytes) / doneBytes;
                err.printf("\r%d/%d files  %.2f h audio  RTF %.3f  ETA %s   ", files, total, audioSec / 3600, rtf,
                        duration(eta));
                lineOpen = true;
            } else {
                err.printf("[%d/%d] %s: %s of audio in %s%n", files, total, in.file(), duration(seconds),
                        duration(wallSec));
            }
            err.flush();
        }

        void finish() {
            clearLine();
        }

        private void clearLine() {
            if (lineOpen) {
                err.println();
                lineOpen = false;
            }
        }
    }
}
