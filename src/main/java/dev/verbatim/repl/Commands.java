package dev.verbatim.repl;

import dev.verbatim.Recognizer;
import dev.verbatim.SpeakerWarp;
import dev.verbatim.audio.AudioLoader;
import dev.verbatim.batch.LongAudioTranscriber;
import dev.verbatim.batch.SegmentedTranscript;
import dev.verbatim.data.Manifest;
import dev.verbatim.data.Utterance;
import dev.verbatim.decode.GreedyDecoder;
import dev.verbatim.decode.DecoderConfig;
import dev.verbatim.eval.EvalReport;
import dev.verbatim.eval.LmTuner;
import dev.verbatim.lm.NgramModel;
import dev.verbatim.features.FeatureConfig;
import dev.verbatim.features.FeatureNormalizer;
import dev.verbatim.features.LogMelExtractor;
import dev.verbatim.io.AtomicFiles;
import dev.verbatim.live.AudioSource;
import dev.verbatim.live.FileSource;
import dev.verbatim.live.Microphone;
import dev.verbatim.live.MicrophoneException;
import dev.verbatim.live.StreamingRecognizer;
import dev.verbatim.model.AcousticModel;
import dev.verbatim.model.ModelBundle;
import dev.verbatim.model.ModelConfig;
import dev.verbatim.text.Vocabulary;
import dev.verbatim.train.TrainConfig;
import dev.verbatim.train.Trainer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The REPL's commands: thin layers over {@link Recognizer}, {@link ModelBundle}, {@link Trainer} and friends. */
final class Commands {
    /** Steps of a {@code train} run when none are given: REPL training is for short runs (see {@code help train}). */
    static final long DEFAULT_STEPS = 50;
    /** A spectrogram shows at most this much of a recording. */
    static final double SPECTROGRAM_MAX_SEC = 60;
    /** Utterances read for the normalisation statistics of a new model. */
    static final int NORMALIZER_SAMPLE = 500;

    private final Repl repl;
    private final Session session;

    Commands(Repl repl) {
        this.repl = repl;
        this.session = repl.session();
    }

    List<Command> all() {
        return List.of(
                new Command("help", "help [COMMAND]", "list the commands, or explain one",
                        "Without an argument lists every command; 'help COMMAND' shows its usage and details.",
                        Command.Args.COMMANDS, this::help),
                new Command("show", "show [KEY|SECTION]...", "show settings",
                        "Prints 'key = value' for every setting, a section (features, model, decoder, endpoint, "
                                + "segment, train, augment) or single keys, with what each means. Settings marked "
                                + "'fixed' cannot be set now (see 'help set').",
                        Command.Args.KEYS, this::show),
                new Command("set", "set KEY VALUE", "change a setting",
                        "Sets a typed setting; the value is checked as the configuration records check it, and a "
                                + "rejected value changes nothing.\n"
                                + "  features.*  log-mel front end      (saved with the model)\n"
                                + "  model.*     network sizes          (saved with the model)\n"
                                + "  decoder.*   CTC decoding           (saved with the model)\n"
                                + "  endpoint.*  live endpointing rules\n"
                                + "  segment.*   splitting long recordings at pauses (transcribe)\n"
                                + "  train.*     training runs of 'train' and 'finetune'\n"
                                + "  augment.*   on-the-fly augmentation of the training audio (off by default)\n"
                                + "features.* and model.* are fixed while a trained model is loaded: its weights were "
                                + "trained with them. 'new' starts an untrained model whose features and sizes can be "
                                + "set before 'train'.",
                        Command.Args.KEYS, this::set),
                new Command("load", "load DIR", "load a model folder",
                        "Loads config.json, vocabulary.txt, normalizer.json and weights.bin from DIR, checking each; "
                                + "a folder that fails to load leaves the current model in place. The training "
                                + "history in DIR/checkpoint/state.json, if any, is what 'plot loss' starts from.",
                        Command.Args.FILES, this::load),
                new Command("save", "save DIR", "save the model to a folder",
                        "Writes the model (config.json with the current features, model and decoder settings, "
                                + "vocabulary.txt, normalizer.json, weights.bin) into DIR, created if needed, each "
                                + "file atomically. The model card MODEL.md and its HISTORY.md are copied too while the "
                                + "weights are the ones loaded.",
                        Command.Args.FILES, this::save),
                new Command("new", "new", "start an untrained model",
                        "Drops the loaded model. features.* and model.* can then be set; 'train MANIFEST' "
                                + "initialises a model of those sizes (normalisation statistics from the manifest) "
                                + "and trains it.",
                        Command.Args.NONE, this::newModel),
                new Command("info", "info", "describe the model",
                        "Architecture, parameter count, features, decoder, training done in this session, and the "
                                + "training-data summary of the model card (MODEL.md) of the folder it was loaded "
                                + "from.",
                        Command.Args.NONE, this::info),
                new Command("transcribe", "transcribe FILE|DIR...", "transcribe audio files, with timing",
                        "Prints path<TAB>text for each file (folders: their .wav/.aiff files, recursively) and how "
                                + "long it took. Long recordings are split at pauses (segment.* settings). A file that "
                                + "cannot be read is reported and the others go on.",
                        Command.Args.FILES, this::transcribe),
                new Command("listen", "listen [DEVICE] | listen --input FILE",
                        "live transcription until Ctrl-C (or the end of FILE)",
                        "Captures from the microphone (DEVICE: an index or part of a name, as `verbatim devices` "
                                + "lists them; default the first) and prints a final line per utterance, using the "
                                + "endpoint.* settings. --input FILE streams a WAV file through the same path as fast "
                                + "as it can be read. Ctrl-C ends it and prints the last utterance.",
                        Command.Args.FILES, this::listen),
                new Command("record", "record SECONDS [OUT.wav]", "record from the microphone, then transcribe",
                        "Records SECONDS from the first capture device (Ctrl-C ends early), transcribes the "
                                + "recording and, with OUT.wav, keeps it.",
                        Command.Args.FILES, this::record),
                new Command("warp", "warp [F | auto FILE|DIR...]", "warp the spectrum for a far-off voice",
                        "Without an argument shows the factor. 'warp F' makes the filterbank see the spectrum "
                                + "warped by F (" + Recognizer.MIN_WARP + ".." + Recognizer.MAX_WARP + "; 1 is none) "
                                + "in transcribe, eval and listen: below 1 (e.g. 0.9) for voices higher than the "
                                + "training voices, such as children's, above 1 for lower ones. 'warp auto' decodes "
                                + "the first " + (int) SpeakerWarp.DEFAULT_LISTEN_SEC + " s of the files (one "
                                + "speaker's) at " + SpeakerWarp.DEFAULT_FACTORS + " and keeps the factor the network "
                                + "is most confident with. Loading or training a new model resets it to 1.",
                        Command.Args.FILES, this::warp),
                new Command("tune-lm", "tune-lm MANIFEST [LM_FILE] [LIMIT]",
                        "search the language-model weight and word bonus",
                        "Decodes up to LIMIT (default 100) utterances of MANIFEST with beam search (decoder.beamWidth) "
                                + "for a grid of alpha (decoder.lmWeight) and beta (decoder.wordBonus) and sets the "
                                + "best, with decoder.method beam, for this session ('save DIR' keeps them), as one "
                                + "weight for every utterance (decoder.confidentAbove 0). LM_FILE (ARPA or .bin) "
                                + "replaces the model's language model.",
                        Command.Args.FILES, this::tuneLm),
                new Command("eval", "eval MANIFEST [WORST]", "WER and CER of a manifest",
                        "Transcribes every path<TAB>transcript line (relative paths are relative to the manifest) "
                                + "and prints the word and character error rates and the WORST (default 5) worst "
                                + "utterances.",
                        Command.Args.FILES, this::eval),
                new Command("train", "train MANIFEST [N [steps|epochs]] [--dev MANIFEST]...",
                        "train the model in memory",
                        "Trains the loaded model (or, after 'new', a newly initialised one) on MANIFEST for N steps "
                                + "(default " + DEFAULT_STEPS + ") or N epochs, with the train.* and augment.* "
                                + "settings and a fresh optimizer, showing a live progress line. With --dev the dev "
                                + "sets are scored every train.evalEverySteps steps. Ctrl-C stops after the current "
                                + "step; the model stays usable either way. Nothing is written to disk: 'save DIR' "
                                + "keeps the result, 'plot loss' draws the curve. For long runs use 'verbatim "
                                + "train', which checkpoints and resumes.",
                        Command.Args.FILES, args -> train(args, false)),
                new Command("finetune", "finetune MANIFEST [N [steps|epochs]] [--dev MANIFEST]...",
                        "train the loaded model further",
                        "As 'train', but only on a trained model (it never starts a new one): adapts the loaded "
                                + "model to MANIFEST. See 'help train' for the memory limits.",
                        Command.Args.FILES, args -> train(args, true)),
                new Command("spectrogram", "spectrogram FILE [OUT.png]", "picture of what the network hears and says",
                        "Writes a PNG (default: NAME-spectrogram.png here) of FILE's normalised log-mel frames as a "
                                + "heat map (time left to right, low frequencies at the bottom), with the characters "
                                + "the greedy decoder emits drawn under the frames they come from, a time axis and "
                                + "the decoded text. At most the first " + (int) SPECTROGRAM_MAX_SEC + " s.",
                        Command.Args.FILES, this::spectrogram),
                new Command("plot", "plot loss [OUT.png]", "training curve",
                        "Writes a PNG (default: loss.png here) of the training loss against the step (and the dev "
                                + "CER where measured): the loaded folder's checkpoint history followed by the runs "
                                + "of this session.",
                        Command.Args.PLOT, this::plot),
                new Command("quit", "quit", "leave (also: exit, Ctrl-D)", "Ends the REPL.", Command.Args.NONE,
                        args -> repl.quit()),
                new Command("exit", "exit", "leave", "Ends the REPL.", Command.Args.NONE, args -> repl.quit()));
    }

    private PrintWriter out() {
        return repl.out();
    }

    private static void arity(List<String> args, int min, int max, String usage) throws ReplException {
        if (args.size() < min || args.size() > max) {
            throw new ReplException("usage: " + usage);
        }
    }

    private static Path existing(String name) throws ReplException {
        Path p = Path.of(name);
        if (!Files.exists(p)) {
            throw new ReplException(name + ": no such file or directory");
        }
        return p;
    }

    private ModelBundle model() throws ReplException {
        if (!session.hasWeights()) {
            throw new ReplException("no trained model: 'load DIR' one, or 'train MANIFEST' the untrained one");
        }
        return session.bundle();
    }

    // ---- help, show, set ----

    private void help(List<String> args) throws ReplException {
        arity(args, 0, 1, "help [COMMAND]");
        if (args.isEmpty()) {
            out().println("commands:");
            for (Command c : repl.commands().values()) {
                out().printf("  %-58s %s%n", c.usage(), c.summary());
            }
            out().println("'help COMMAND' explains one; 'show' lists the settings. Tab completes commands, keys and "
                    + "file names; lines starting with # are comments.");
            return;
        }
        Command c = repl.commands().get(args.get(0));
        if (c == null) {
            String hint = Suggest.closest(args.get(0), repl.commands().keySet());
            throw new ReplException("no command '" + args.get(0) + "'" + (hint == null ? "" : " (did you mean "
                    + hint + "?)"));
        }
        out().println("usage: " + c.usage());
        for (String paragraph : c.details().split("\n")) {
            out().println(wrap(paragraph, 100));
        }
    }

    /** {@code text} broken at spaces into lines of at most {@code width} characters (indented lines keep their indent). */
    static String wrap(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        String indent = text.substring(0, text.length() - text.stripLeading().length());
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.strip().split(" +")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                out.append(line).append(System.lineSeparator());
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        return out.append(line).toString();
    }

    private void show(List<String> args) throws ConfigKeys.ConfigException {
        ConfigKeys config = session.config();
        List<ConfigKeys.Key> keys = new ArrayList<>();
        if (args.isEmpty()) {
            keys.addAll(config.keys());
        }
        for (String a : args) {
            List<ConfigKeys.Key> section = config.section(a);
            if (!section.isEmpty()) {
                keys.addAll(section);
            } else {
                keys.add(config.key(a));
            }
        }
        for (ConfigKeys.Key k : keys) {
            String line = k.name() + " = " + config.get(k);
            String note = k.description();
            if (config.fixedReason(k) != null) {
                note = (note.isEmpty() ? "" : note + "; ") + "fixed";
            }
            out().println(note.isEmpty() ? line : String.format("%-46s # %s", line, note));
        }
    }

    private void set(List<String> args) throws ReplException, ConfigKeys.ConfigException {
        arity(args, 2, 2, "set KEY VALUE");
        ConfigKeys config = session.config();
        ConfigKeys.Key key = config.key(args.get(0));
        String before = config.set(key, args.get(1));
        if (key.section().equals("decoder")) {
            session.decoderChanged();
        }
        out().println(key.name() + " = " + config.get(key) + " (was " + before + ")");
    }

    // ---- model folders ----

    private void load(List<String> args) throws ReplException, IOException {
        arity(args, 1, 1, "load DIR");
        Path dir = Path.of(args.get(0));
        if (!Files.isDirectory(dir)) {
            throw new ReplException(Files.exists(dir) ? dir + " is not a folder" : "no such folder: " + dir);
        }
        session.load(dir);
        ModelBundle b = session.bundle();
        out().printf(Locale.ROOT, "loaded %s: %,d parameters, %s%n", dir, b.model().parameterCount(),
                architecture(b.modelConfig()));
        List<Trainer.HistoryPoint> h = session.history();
        if (!h.isEmpty()) {
            out().printf("training history: %d points up to step %d ('plot loss' draws it)%n", h.size(),
                    h.get(h.size() - 1).step());
        }
    }

    private void save(List<String> args) throws ReplException, IOException {
        arity(args, 1, 1, "save DIR");
        ModelBundle b = model();
        Path dir = Path.of(args.get(0));
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ReplException(dir + " exists and is not a folder");
        }
        b.save(dir);
        String files = "config.json, vocabulary.txt, normalizer.json, weights.bin";
        Path from = session.modelDir();
        String lm = b.decoder().languageModel();
        if (lm != null && from != null && Files.isRegularFile(from.resolve(lm))
                && !(Files.exists(dir.resolve(lm)) && Files.isSameFile(from.resolve(lm), dir.resolve(lm)))) {
            AtomicFiles.write(dir.resolve(lm), out -> Files.copy(from.resolve(lm), out));
            files += ", " + lm;
        }
        Path target = dir.resolve(ModelCard.FILE);
        if (session.stepsTrainedHere() == 0 && from != null) {
            for (String name : List.of(ModelCard.FILE, ModelCard.HISTORY)) {
                Path card = from.resolve(name);
                Path copy = dir.resolve(name);
                if (Files.isRegularFile(card) && !(Files.exists(copy) && Files.isSameFile(card, copy))) {
                    AtomicFiles.write(copy, Files.readAllBytes(card));
                    files += ", " + name;
                }
            }
        }
        out().println("saved " + dir + " (" + files + ")");
        if (session.stepsTrainedHere() > 0 && Files.isRegularFile(target)) {
            out().println("note: " + target + " describes an earlier model, not the one trained in this session");
        }
    }

    private void newModel(List<String> args) throws ReplException {
        arity(args, 0, 0, "new");
        session.startNew();
        out().println("untrained model " + architecture(session.config().model())
                + ": features.* and model.* can be set now; 'train MANIFEST' initialises and trains it");
    }

    static String architecture(ModelConfig m) {
        return String.format(Locale.ROOT, "Conv1D %d->%d (kernel %d, stride %d) -> %d x BiLSTM %d -> dense %d->%d",
                m.inputBins(), m.convChannels(), m.convKernel(), m.convStride(), m.lstmLayers(), m.lstmHidden(),
                2 * m.lstmHidden(), m.vocabularySize());
    }

    private void info(List<String> args) throws ReplException, IOException {
        arity(args, 0, 0, "info");
        PrintWriter out = out();
        ConfigKeys config = session.config();
        FeatureConfig f = config.features();
        if (!session.hasWeights()) {
            out.println("model: none (untrained: set features.* and model.*, then 'train MANIFEST')");
            out.println("architecture: " + architecture(config.model()));
        } else {
            ModelBundle b = session.bundle();
            out.println("model: " + (session.modelDir() != null ? session.modelDir() : "trained in this session"));
            out.println("architecture: " + architecture(b.modelConfig()));
            out.printf(Locale.ROOT, "parameters: %,d%n", b.model().parameterCount());
            out.printf(Locale.ROOT, "output frame: %.0f ms%n", 1000 * b.outputFrameSec());
        }
        out.printf(Locale.ROOT, "features: %d log-mel bins (%.0f-%.0f Hz), %s ms window, %s ms hop, %d-point FFT "
                        + "at %d Hz%n", f.numMelBins(), f.lowFreqHz(), f.highFreqHz(), ConfigKeys.format(f.windowMs()),
                ConfigKeys.format(f.hopMs()), f.fftSize(), f.sampleRateHz());
        out.println("decoder: " + config.decoder().method());
        if (session.stepsTrainedHere() > 0) {
            out.println("trained in this session: " + session.stepsTrainedHere() + " steps on "
                    + String.join(", ", session.trainedOn()));
        }
        Path dir = session.modelDir();
        if (dir == null) {
            out.println("model card: none (the model was not loaded from a folder)");
            return;
        }
        List<String> card = ModelCard.trainingData(dir);
        if (card == null) {
            out.println("model card: none (no " + ModelCard.FILE + " in " + dir + ")");
            return;
        }
        out.println("training data (from " + dir.resolve(ModelCard.FILE)
                + (session.stepsTrainedHere() > 0 ? ", before this session's training" : "") + "):");
        for (String line : card) {
            out.println("  " + line);
        }
    }

    // ---- audio ----

    private void transcribe(List<String> args) throws ReplException, IOException {
        if (args.isEmpty()) {
            throw new ReplException("usage: transcribe FILE|DIR...");
        }
        LongAudioTranscriber transcriber = session.transcriber();
        List<String> missing = new ArrayList<>();
        List<Path> files = audioFiles(args, missing);
        PrintWriter out = out();
        int failed = 0;
        double audioSec = 0;
        double wallSec = 0;
        int done = 0;
        for (Path file : files) {
            if (session.cancelled()) {
                out.println("interrupted after " + done + " of " + files.size() + " files");
                break;
            }
            long t0 = System.nanoTime();
            try {
                SegmentedTranscript t = transcriber.transcribeFile(file);
                double wall = (System.nanoTime() - t0) / 1e9;
                out.println(file + "\t" + t.text());
                out.printf(Locale.ROOT, "  %.2f s of audio in %.2f s (real-time factor %.3f)%n", t.durationSec(),
                        wall, t.durationSec() > 0 ? wall / t.durationSec() : 0);
                out.flush();
                audioSec += t.durationSec();
                wallSec += wall;
                done++;
            } catch (IOException e) {
                failed++;
                repl.err().println("error: transcribe: " + e.getMessage());
            }
        }
        if (done > 1) {
            out.printf(Locale.ROOT, "%d files, %.2f s of audio in %.2f s (real-time factor %.3f)%n", done, audioSec,
                    wallSec, audioSec > 0 ? wallSec / audioSec : 0);
        }
        if (files.isEmpty() && missing.isEmpty()) {
            throw new ReplException("no audio files in " + String.join(", ", args));
        }
        if (!missing.isEmpty() || failed > 0) {
            throw new ReplException((missing.isEmpty() ? "" : "no such file: " + String.join(", ", missing)
                    + (failed > 0 ? "; " : "")) + (failed > 0 ? failed + " file(s) could not be read" : ""));
        }
    }

    /** The files {@code args} name, folders walked for audio files; names that do not exist go to {@code missing}. */
    private static List<Path> audioFiles(List<String> args, List<String> missing) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(Commands::isAudioName).sorted().forEach(files::add);
                }
            } else if (Files.exists(p)) {
                files.add(p);
            } else {
                missing.add(a);
            }
        }
        return files;
    }

    private void warp(List<String> args) throws ReplException, IOException {
        Recognizer recognizer = session.recognizer();
        if (args.isEmpty()) {
            out().printf(Locale.ROOT, "warp = %.2f%n", recognizer.warp());
            return;
        }
        if (!args.get(0).equalsIgnoreCase("auto")) {
            arity(args, 1, 1, "warp [F | auto FILE|DIR...]");
            double f;
            try {
                f = Recognizer.parseWarp(args.get(0));
            } catch (IllegalArgumentException e) {
                throw new ReplException("warp wants a factor between " + Recognizer.MIN_WARP + " and "
                        + Recognizer.MAX_WARP + ", or 'auto FILE|DIR...', not '" + args.get(0) + "'");
            }
            session.warp(f);
            out().printf(Locale.ROOT, "warp = %.2f%n", f);
            return;
        }
        if (args.size() < 2) {
            throw new ReplException("usage: warp auto FILE|DIR... (one speaker's recordings)");
        }
        List<String> missing = new ArrayList<>();
        List<Path> files = audioFiles(args.subList(1, args.size()), missing);
        if (!missing.isEmpty()) {
            throw new ReplException("no such file: " + String.join(", ", missing));
        }
        List<IOException> errors = new ArrayList<>();
        List<float[]> clips = SpeakerWarp.readFirstSeconds(files, SpeakerWarp.DEFAULT_LISTEN_SEC,
                recognizer.bundle().features().sampleRateHz(), errors);
        for (IOException e : errors) {
            repl.err().println("error: warp: " + e.getMessage());
        }
        if (clips.isEmpty()) {
            throw new ReplException("no audio it could read in " + String.join(", ", args.subList(1, args.size())));
        }
        SpeakerWarp.Choice choice = SpeakerWarp.choose(recognizer, clips);
        session.warp(choice.warp());
        out().println(choice.describe());
        out().printf(Locale.ROOT, "warp = %.2f%n", choice.warp());
    }

    private void tuneLm(List<String> args) throws ReplException, IOException {
        arity(args, 1, 3, "tune-lm MANIFEST [LM_FILE] [LIMIT]");
        Recognizer recognizer = session.recognizer();
        Path manifest = existing(args.get(0));
        NgramModel lm = recognizer.languageModel();
        int limit = 100;
        for (String a : args.subList(1, args.size())) {
            if (a.matches("\\d+")) {
                limit = count(a, "LIMIT");
            } else {
                lm = NgramModel.read(existing(a));
            }
        }
        if (lm == null) {
            throw new ReplException("the model has no language model: give one, tune-lm MANIFEST LM_FILE");
        }
        List<Utterance> utterances = Manifest.read(manifest);
        utterances = utterances.subList(0, Math.min(limit, utterances.size()));
        DecoderConfig d = session.config().decoder();
        LmTuner.Result r = LmTuner.tune(recognizer, lm, utterances, List.of(0.0, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0),
                List.of(0.0, 1.0, 2.0, 3.0, 4.0), d.beamWidth(), out());
        session.useLanguageModel(lm, d.withMethod(DecoderConfig.BEAM).withBeam(d.beamWidth(), r.alpha(), r.beta())
                .withBlankPenalty(r.blankPenalty()).withOovPenalty(r.oovPenalty()).withConfidentLmWeight(0, 0));
        out().printf(Locale.ROOT, "decoder.method = beam, decoder.lmWeight = %.2f, decoder.wordBonus = %.2f%n",
                r.alpha(), r.beta());
    }

    private void listen(List<String> args) throws ReplException, IOException {
        Recognizer recognizer = session.recognizer();
        int rate = recognizer.bundle().features().sampleRateHz();
        AudioSource source;
        if (!args.isEmpty() && args.get(0).equals("--input")) {
            arity(args, 2, 2, "listen --input FILE");
            source = new FileSource(existing(args.get(1)), rate, false);
        } else {
            arity(args, 0, 1, "listen [DEVICE]");
            source = microphone(args.isEmpty() ? null : args.get(0), rate);
        }
        PrintWriter out = out();
        StreamingRecognizer live = new StreamingRecognizer(recognizer, session.config().endpoint());
        StatusLine status = new StatusLine(out, repl.interactive(), repl.width());
        try (source) {
            out.println("listening to " + source.describe() + (repl.interactive() ? " (Ctrl-C to stop)" : ""));
            float[] block;
            while (!session.cancelled() && (block = source.read()) != null) {
                showLive(live.accept(block), status);
            }
            showLive(live.finish(), status);
        } finally {
            status.clear();
        }
    }

    private void showLive(List<StreamingRecognizer.Event> events, StatusLine status) {
        for (StreamingRecognizer.Event e : events) {
            if (e instanceof StreamingRecognizer.Final f) {
                status.clear();
                status.println(String.format(Locale.ROOT, "[%.2f -> %.2f] %s", f.startSec(), f.endSec(), f.text()));
            } else {
                status.set("... " + e.text());
            }
        }
    }

    private void record(List<String> args) throws ReplException, IOException {
        arity(args, 1, 2, "record SECONDS [OUT.wav]");
        double seconds;
        try {
            seconds = Double.parseDouble(args.get(0));
        } catch (NumberFormatException e) {
            throw new ReplException("SECONDS must be a number, got '" + args.get(0) + "'");
        }
        if (!(seconds > 0 && seconds <= 3600)) {
            throw new ReplException("SECONDS must be between 0 and 3600");
        }
        Recognizer recognizer = session.recognizer();
        int rate = recognizer.bundle().features().sampleRateHz();
        float[] audio = new float[(int) Math.round(seconds * rate)];
        int n = 0;
        try (AudioSource mic = microphone(null, rate)) {
            out().println("recording " + seconds + " s from " + mic.describe() + "...");
            out().flush();
            float[] block;
            while (n < audio.length && !session.cancelled() && (block = mic.read()) != null) {
                int take = Math.min(block.length, audio.length - n);
                System.arraycopy(block, 0, audio, n, take);
                n += take;
            }
        }
        float[] recorded = java.util.Arrays.copyOf(audio, n);
        if (args.size() > 1) {
            dev.verbatim.audio.WavWriter.writePcm16(Path.of(args.get(1)), recorded, rate);
            out().println("saved " + args.get(1));
        }
        out().printf(Locale.ROOT, "%.2f s: %s%n", n / (double) rate, recognizer.transcribe(recorded).text());
    }

    private static AudioSource microphone(String device, int rate) throws ReplException {
        try {
            return Microphone.open(device, rate);
        } catch (MicrophoneException e) {
            throw new ReplException(e.getMessage());
        }
    }

    private static boolean isAudioName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".wav") || n.endsWith(".aif") || n.endsWith(".aiff");
    }

    private void eval(List<String> args) throws ReplException, IOException {
        arity(args, 1, 2, "eval MANIFEST [WORST]");
        Recognizer recognizer = session.recognizer();
        Path manifest = existing(args.get(0));
        int worst = args.size() > 1 ? count(args.get(1), "WORST") : 5;
        List<Utterance> utterances = Manifest.read(manifest);
        EvalReport report = new EvalReport();
        int rate = recognizer.bundle().features().sampleRateHz();
        int failed = 0;
        double audioSec = 0;
        long decodeNs = 0;
        StatusLine status = new StatusLine(out(), repl.interactive(), repl.width());
        try {
            for (Utterance u : utterances) {
                if (session.cancelled()) {
                    status.println("interrupted after " + report.count() + " of " + utterances.size()
                            + " utterances; the scores cover those");
                    break;
                }
                status.set("eval " + (report.count() + failed + 1) + "/" + utterances.size() + "  "
                        + u.audio().getFileName());
                try {
                    float[] samples = AudioLoader.loadMono(u.audio(), rate);
                    long t0 = System.nanoTime();
                    String hyp = recognizer.transcribe(samples).text();
                    decodeNs += System.nanoTime() - t0;
                    audioSec += samples.length / (double) rate;
                    report.add(u.audio().toString(), u.transcript(), hyp);
                } catch (IOException e) {
                    failed++;
                    status.clear();
                    repl.err().println("error: eval: " + e.getMessage());
                }
            }
        } finally {
            status.clear();
        }
        out().println(manifest);
        out().print(report.format(worst));
        out().printf(Locale.ROOT, "audio %.1f s, recognised in %.1f s: real-time factor %.3f%n", audioSec,
                decodeNs / 1e9, audioSec == 0 ? 0 : decodeNs / 1e9 / audioSec);
        if (failed > 0) {
            throw new ReplException(failed + " of " + utterances.size() + " utterances could not be read");
        }
    }

    private static int count(String text, String what) throws ReplException {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ReplException(what + " must be a whole number >= 0, not '" + text + "'");
    }

    // ---- training ----

    /** How long a run lasts: steps or epochs. */
    record Length(long steps, int epochs) {
    }

    /** Parses {@code [N [steps|epochs]]} (also {@code Nsteps}, {@code Nepochs}) and {@code --dev M} options. */
    static Length parseLength(List<String> words, List<Path> dev) throws ReplException {
        Long n = null;
        String unit = null;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--dev")) {
                if (i + 1 >= words.size()) {
                    throw new ReplException("--dev needs a manifest");
                }
                dev.add(existing(words.get(++i)));
            } else if (n == null && w.matches("[0-9]+[a-zA-Z]*")) {
                String digits = w.replaceAll("[a-zA-Z]+$", "");
                n = Long.parseLong(digits);
                if (digits.length() < w.length()) {
                    unit = w.substring(digits.length());
                }
            } else if (n != null && unit == null && w.matches("[a-zA-Z]+")) {
                unit = w;
            } else {
                throw new ReplException("unexpected '" + w + "'; expected N [steps|epochs] or --dev MANIFEST");
            }
        }
        if (n == null) {
            return new Length(DEFAULT_STEPS, 0);
        }
        if (n < 1) {
            throw new ReplException("the number of steps or epochs must be at least 1");
        }
        String u = unit == null ? "steps" : unit.toLowerCase(Locale.ROOT);
        if (u.equals("step") || u.equals("steps")) {
            return new Length(n, 0);
        }
        if (u.equals("epoch") || u.equals("epochs")) {
            if (n > Integer.MAX_VALUE) {
                throw new ReplException("too many epochs");
            }
            return new Length(0, n.intValue());
        }
        throw new ReplException("unknown unit '" + unit + "': steps or epochs");
    }

    private void train(List<String> args, boolean fineTuneOnly) throws Exception {
        String usage = (fineTuneOnly ? "finetune" : "train") + " MANIFEST [N [steps|epochs]] [--dev MANIFEST]...";
        if (args.isEmpty()) {
            throw new ReplException("usage: " + usage);
        }
        if (fineTuneOnly && !session.hasWeights()) {
            throw new ReplException("no trained model to fine-tune: 'load DIR' one (or 'train' the new one)");
        }
        Path manifest = existing(args.get(0));
        List<Path> dev = new ArrayList<>();
        Length length = parseLength(args.subList(1, args.size()), dev);
        TrainConfig config = session.config().train(length.steps(), length.epochs());
        PrintWriter out = out();
        try (TrainingProgress progress = new TrainingProgress(out, repl.interactive(), repl.width(),
                "reading " + manifest + "...")) {
            ModelBundle bundle = session.hasWeights() ? session.bundle() : initialise(manifest, config, progress);
            Trainer trainer = new Trainer(config, Math.max(1, Runtime.getRuntime().availableProcessors()),
                    progress.log());
            session.training(trainer);
            Trainer.State state;
            long t0 = System.nanoTime();
            try {
                if (session.cancelled()) {
                    trainer.requestStop();
                }
                state = trainer.fineTune(bundle, manifest, dev);
            } finally {
                session.training(null);
            }
            progress.close();
            session.trained(bundle, state, manifest.toString());
            List<Trainer.HistoryPoint> h = state.history();
            String loss = h.isEmpty() ? "" : String.format(Locale.ROOT, ", loss %.3f -> %.3f", h.get(0).loss(),
                    h.get(h.size() - 1).loss());
            Trainer.HistoryPoint last = h.isEmpty() ? null : h.get(h.size() - 1);
            String devScore = last == null || last.devCer() == null ? "" : String.format(Locale.ROOT,
                    ", dev WER %.1f %% CER %.1f %%", 100 * last.devWer(), 100 * last.devCer());
            String why = trainer.stopReason() == Trainer.StopReason.INTERRUPTED ? "stopped by Ctrl-C"
                    : trainer.stopReason() == Trainer.StopReason.TIME_LIMIT ? "stopped at train.maxHours" : "done";
            out.printf(Locale.ROOT, "%s: %d steps (%.2f h of audio) in %.1f s%s%s; the model is in memory ('save DIR' "
                            + "keeps it)%n", why, state.step(), state.audioSecTrained() / 3600,
                    (System.nanoTime() - t0) / 1e9, loss, devScore);
        }
    }

    /** A new model of the current settings, with normalisation statistics from (a sample of) the manifest. */
    private ModelBundle initialise(Path manifest, TrainConfig config, TrainingProgress progress)
            throws IOException, ReplException {
        FeatureConfig features = session.config().features();
        ModelConfig mc = session.config().model();
        Vocabulary vocabulary = Vocabulary.english();
        if (mc.vocabularySize() != vocabulary.size() || mc.inputBins() != features.numMelBins()) {
            throw new ReplException("model.inputBins and model.vocabularySize must match the features and the "
                    + "vocabulary (" + features.numMelBins() + ", " + vocabulary.size() + ")");
        }
        List<Utterance> utterances = Manifest.read(manifest);
        FeatureNormalizer.Accumulator acc = FeatureNormalizer.accumulator(features.numMelBins());
        LogMelExtractor extractor = new LogMelExtractor(features);
        int every = Math.max(1, utterances.size() / NORMALIZER_SAMPLE);
        for (int i = 0; i < utterances.size(); i += every) {
            try {
                acc.add(extractor.extract(AudioLoader.loadMono(utterances.get(i).audio(), features.sampleRateHz())));
            } catch (IOException e) {
                progress.line("skipped " + utterances.get(i).audio() + ": " + e.getMessage());
            }
        }
        if (acc.count() == 0) {
            throw new ReplException(manifest + ": no readable audio to compute the feature statistics from");
        }
        AcousticModel model = AcousticModel.initialise(mc, config.seed());
        progress.line(String.format(Locale.ROOT, "new model: %,d parameters, %s", model.parameterCount(),
                architecture(mc)));
        return new ModelBundle(features, mc, session.config().decoder(), vocabulary, acc.finish(), model);
    }

    // ---- pictures ----

    private void spectrogram(List<String> args) throws ReplException, IOException {
        arity(args, 1, 2, "spectrogram FILE [OUT.png]");
        Recognizer recognizer = session.recognizer();
        ModelBundle b = recognizer.bundle();
        Path file = existing(args.get(0));
        if (Files.isDirectory(file)) {
            throw new ReplException(file + " is a folder; give one audio file");
        }
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path png = args.size() > 1 ? Path.of(args.get(1)) : Path.of(stem + "-spectrogram.png");
        int rate = b.features().sampleRateHz();
        float[] samples = AudioLoader.loadMono(file, rate);
        if (samples.length == 0) {
            throw new ReplException(file + " holds no audio");
        }
        double seconds = samples.length / (double) rate;
        String cut = "";
        if (seconds > SPECTROGRAM_MAX_SEC) {
            samples = java.util.Arrays.copyOf(samples, (int) (SPECTROGRAM_MAX_SEC * rate));
            cut = String.format(Locale.ROOT, " (first %.0f s of %.1f s)", SPECTROGRAM_MAX_SEC, seconds);
        }
        float[][] frames = recognizer.features(samples);
        float[][] logProbs = b.model().logProbs(frames);
        String text = new GreedyDecoder(b.vocabulary(), b.outputFrameSec()).decode(logProbs).text();
        String title = String.format(Locale.ROOT, "%s  %.2f s%s  (normalised log-mel; emitted characters below)",
                file.getFileName(), Math.min(seconds, SPECTROGRAM_MAX_SEC), cut);
        BufferedImage img = SpectrogramImage.render(frames, logProbs, b.vocabulary(), b.features(),
                b.modelConfig().convStride(), title, text);
        Pictures.writePng(img, png);
        out().printf("wrote %s (%d x %d)%s: %s%n", png, img.getWidth(), img.getHeight(), cut,
                text.isEmpty() ? "(nothing recognised)" : text);
    }

    private void plot(List<String> args) throws ReplException, IOException {
        arity(args, 1, 2, "plot loss [OUT.png]");
        if (!args.get(0).equals("loss")) {
            throw new ReplException("can plot 'loss' (the training curve), not '" + args.get(0) + "'");
        }
        List<Trainer.HistoryPoint> history = session.history();
        if (history.isEmpty()) {
            throw new ReplException("no training history yet: 'train MANIFEST' first, or load a model folder "
                    + "with checkpoint/state.json");
        }
        Path png = Path.of(args.size() > 1 ? args.get(1) : "loss.png");
        String title = session.modelDir() == null ? "training loss per step: model trained in this session"
                : "training loss per step: " + session.modelDir() + (session.stepsTrainedHere() > 0
                        ? " (+" + session.stepsTrainedHere() + " steps in this session)" : "");
        BufferedImage img = LossPlot.render(history, title);
        Pictures.writePng(img, png);
        Trainer.HistoryPoint last = history.get(history.size() - 1);
        out().printf(Locale.ROOT, "wrote %s (%d points, up to step %d, last loss %.3f)%n", png, history.size(),
                last.step(), last.loss());
    }
}
