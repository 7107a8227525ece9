package dev.verbatim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verbatim.Recognizer;
import dev.verbatim.SpeakerWarp;
import dev.verbatim.audio.WavWriter;
import dev.verbatim.io.AtomicFiles;
import dev.verbatim.live.AudioSource;
import dev.verbatim.live.EndpointConfig;
import dev.verbatim.live.FileSource;
import dev.verbatim.live.LiveWarp;
import dev.verbatim.live.Microphone;
import dev.verbatim.live.MicrophoneException;
import dev.verbatim.live.RawPcmSource;
import dev.verbatim.live.StreamingRecognizer;
import dev.verbatim.output.OutputFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "listen", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Live transcription from a microphone (or a file or pipe through the same path).",
            "Partial results are redrawn in place on a terminal; each utterance ends with a final line "
                    + "[start -> end] text when an endpoint rule fires. Ctrl-C ends and prints the last utterance."})
final class ListenCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "DIR", description = "Model folder (default: ${DEFAULT-VALUE}).")
    Path model = Main.defaultModel();

    @picocli.CommandLine.Mixin
    DecodingOptions decoding = new DecodingOptions();
    @Option(names = {"-d", "--device"}, paramLabel = "NAME|INDEX",
            description = "Capture device (see `verbatim devices`; default: the first).")
    String device;
    @Option(names = {"-i", "--input"}, paramLabel = "FILE|-",
            description = "Stream a WAV file (in real time unless --fast), or '-' for raw 16-bit little-endian PCM "
                    + "on standard input, instead of a microphone.")
    String input;
    @Option(names = "--fast", description = "With --input FILE: as fast as possible, not in real time.")
    boolean fast;
    @Option(names = "--raw-rate", paramLabel = "HZ", description = "Sample rate of --input - (default: 16000).")
    int rawRate = 16000;
    @Option(names = "--raw-channels", paramLabel = "N", description = "Channels of --input - (default: 1).")
    int rawChannels = 1;
    @Option(names = {"-f", "--format"}, description = "text, or json: one object per partial and final "
            + "(default: ${DEFAULT-VALUE}).")
    Format format = Format.text;
    @Option(names = "--save-audio", paramLabel = "DIR",
            description = "Keep each utterance as DIR/utt-NNNN.wav with its text in utt-NNNN.txt.")
    Path saveAudio;
    @Option(names = "--min-trailing-silence", paramLabel = "SEC",
            description = "Silence after speech that ends an utterance (default: ${DEFAULT-VALUE}).")
    double minTrailingSilence = EndpointConfig.defaults().minTrailingSilenceSec();
    @Option(names = "--min-trailing-silence-no-speech", paramLabel = "SEC",
            description = "Silence with nothing recognised after which the audio is dropped "
                    + "(default: ${DEFAULT-VALUE}).")
    double minTrailingSilenceNoSpeech = EndpointConfig.defaults().minTrailingSilenceNoSpeechSec();
    @Option(names = "--max-utterance", paramLabel = "SEC",
            description = "Longest utterance (default: ${DEFAULT-VALUE}).")
    double maxUtterance = EndpointConfig.defaults().maxUtteranceSec();
    @Option(names = "--partial-interval", paramLabel = "SEC",
            description = "How often the partial result is refreshed (default: ${DEFAULT-VALUE}).")
    double partialInterval = EndpointConfig.defaults().partialIntervalSec();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicBoolean stop = new AtomicBoolean();
    private int saved;
    private boolean partialShown;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EndpointConfig endpoint;
        try {
            endpoint = new EndpointConfig(minTrailingSilenceNoSpeech, minTrailingSilence, maxUtterance,
                    partialInterval, EndpointConfig.defaults().speechAboveFloorDb());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Recognizer recognizer = decoding.load(model);
        int rate = recognizer.bundle().features().sampleRateHz();
        AudioSource source;
        try {
            source = openSource(rate);
        } catch (MicrophoneException e) {
            err.println("verbatim: " + e.getMessage());
            err.flush();
            return 2;
        }
        if (saveAudio != null) {
            Files.createDirectories(saveAudio);
        }
        boolean terminal = System.console() != null;
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        if (format == Format.text && terminal) {
            err.println("listening to " + source.describe() + " (Ctrl-C to stop)");
            err.flush();
        }
        StreamingRecognizer live = new StreamingRecognizer(recognizer, endpoint);
        LiveWarp warp = decoding.autoWarp() ? new LiveWarp(recognizer, LiveWarp.DEFAULT_LISTEN_SEC) : null;
        try (source) {
            float[] block;
            while (!stop.get() && (block = source.read()) != null) {
                List<StreamingRecognizer.Event> events = live.accept(block);
                show(events, out, terminal);
                adaptWarp(warp, events, live, recognizer, err);
            }
            List<StreamingRecognizer.Event> events = live.finish();
            show(events, out, terminal);
            adaptWarp(warp, events, live, recognizer, err);
            if (warp != null && !stop.get()) {
                // the end of a file or pipe: say what the speaker's factor came to, had it been chosen in time
                report(warp.await(60), err);
            }
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook waits for us
            }
        }
        return 0;
    }

    /** --warp auto: feeds the finals to {@code warp} and switches {@code live} to the factor once it is chosen. */
    private void adaptWarp(LiveWarp warp, List<StreamingRecognizer.Event> events, StreamingRecognizer live,
            Recognizer recognizer, PrintWriter err) {
        if (warp == null) {
            return;
        }
        for (StreamingRecognizer.Event e : events) {
            if (e instanceof StreamingRecognizer.Final f) {
                warp.offer(f.audio());
            }
        }
        SpeakerWarp.Choice choice = warp.poll();
        if (choice != null) {
            live.useRecognizer(recognizer.withWarp(choice.warp()));
            report(choice, err);
        }
    }

    /** A note on standard error; a partial line on the terminal is cleared first and redrawn by the next partial. */
    private void report(SpeakerWarp.Choice choice, PrintWriter err) {
        if (choice == null) {
            return;
        }
        if (partialShown) {
            spec.commandLine().getOut().print("\r\033[K");
            spec.commandLine().getOut().flush();
            partialShown = false;
        }
        err.println(choice.describe());
        err.flush();
    }

    private AudioSource openSource(int rate) throws MicrophoneException, IOException {
        if (input == null) {
            return Microphone.open(device, rate);
        }
        if (input.equals("-")) {
            return new RawPcmSource(System.in, rawRate, rawChannels, rate);
        }
        return new FileSource(Path.of(input), rate, !fast);
    }

    private void show(List<StreamingRecognizer.Event> events, PrintWriter out, boolean terminal) throws IOException {
        for (StreamingRecognizer.Event e : events) {
            if (format == Format.json) {
                out.println(JSON.writeValueAsString(json(e)));
            } else if (e instanceof StreamingRecognizer.Partial p) {
                if (terminal) {
                    // redraw the line in place; \033[K clears what a longer earlier partial left
                    out.print("\r" + stamp(p.startSec()) + " " + p.text() + "\033[K");
                    partialShown = true;
                }
            } else if (e instanceof StreamingRecognizer.Final f) {
                if (partialShown) {
                    out.print("\r\033[K");
                    partialShown = false;
                }
                out.println("[" + stamp(f.startSec()) + " -> " + stamp(f.endSec()) + "] " + f.text());
            }
            if (e instanceof StreamingRecognizer.Final f && saveAudio != null) {
                save(f);
            }
            out.flush();
        }
    }

    private void save(StreamingRecognizer.Final f) throws IOException {
        saved++;
        String name = String.format(Locale.ROOT, "utt-%04d", saved);
        WavWriter.writePcm16(saveAudio.resolve(name + ".wav"), f.audio(), 16000);
        AtomicFiles.write(saveAudio.resolve(name + ".txt"), (f.text() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode json(StreamingRecognizer.Event e) {
        ObjectNode o = JSON.createObjectNode();
        if (e instanceof StreamingRecognizer.Partial p) {
            o.put("type", "partial");
            o.put("start", OutputFormat.seconds(p.startSec()));
            o.put("now", OutputFormat.seconds(p.nowSec()));
            o.put("text", p.text());
            o.put("stable_words", p.stableWords());
        } else if (e instanceof StreamingRecognizer.Final f) {
            o.put("type", "final");
            o.put("start", OutputFormat.seconds(f.startSec()));
            o.put("end", OutputFormat.seconds(f.endSec()));
            o.put("text", f.text());
            o.put("reason", f.reason());
            o.set("result", OutputFormat.words(f.transcript().words()));
        }
        return o;
    }

    static String stamp(double sec) {
        long ms = Math.round(sec * 1000);
        return String.format(Locale.ROOT, "%d:%02d.%02d", ms / 60000, ms / 1000 % 60, ms % 1000 / 10);
    }
}
