package dev.verbatim.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verbatim.Recognizer;
import dev.verbatim.data.Manifest;
import dev.verbatim.data.Utterance;
import dev.verbatim.eval.EvalReport;
import dev.verbatim.live.EndpointConfig;
import dev.verbatim.model.ModelBundle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code verbatim repl} driven by scripts, with the shipped model on the shipped audio samples. */
class ReplScriptTest {
    static final Path MODEL = Path.of("models", "default");
    static final Path SAMPLES = Path.of("audio-samples");
    static final Path CLIP = SAMPLES.resolve("synth-us-nyc-m6.wav");

    static ModelBundle bundle;
    static String clipText;
    static String clipGreedy;

    record Run(int exitCode, String out, String err, Session session) {
    }

    @BeforeAll
    static void loadModel() throws IOException {
        bundle = ModelBundle.load(MODEL);
        // As the console loads a model folder: with the language model its decoder names.
        Recognizer recognizer = Recognizer.load(MODEL);
        clipText = recognizer.transcribeFile(CLIP).text();
        // the spectrogram shows the best path under the frames, whatever the decoder
        clipGreedy = new dev.verbatim.decode.GreedyDecoder(bundle.vocabulary(), bundle.outputFrameSec())
                .decode(recognizer.logProbs(dev.verbatim.audio.AudioLoader.loadMono(CLIP, 16000))).text();
    }

    /** Runs {@code script} on a session that starts with the shipped model (loaded once for the class). */
    static Run run(String script) throws IOException {
        Session session = new Session();
        session.load(MODEL);
        return run(session, script);
    }

    static Run run(Session session, String script) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Repl(session, new PrintWriter(out), new PrintWriter(err)).runScript(new StringReader(script));
        return new Run(code, out.toString(), err.toString(), session);
    }

    @Test
    void scriptSetsAKeyTranscribesEvaluatesAndSaves(@TempDir Path tmp) throws IOException {
        Path saved = tmp.resolve("saved");
        Run run = run(String.join("\n",
                "# settings",
                "set endpoint.minTrailingSilenceSec 1.2",
                "show endpoint.minTrailingSilenceSec",
                "",
                "transcribe " + CLIP,
                "eval " + SAMPLES.resolve("transcripts.tsv") + " 3",
                "save " + saved,
                "load " + saved,
                "transcribe " + CLIP));
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());

        assertTrue(run.out().contains("endpoint.minTrailingSilenceSec = 1.2 (was 0.8)"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("endpoint.minTrailingSilenceSec = 1.2 ")), run.out());
        EndpointConfig endpoint = run.session().config().endpoint();
        assertEquals(1.2, endpoint.minTrailingSilenceSec());
        assertEquals(EndpointConfig.defaults().maxUtteranceSec(), endpoint.maxUtteranceSec());

        // The transcript the library gives, before and after the save/load round trip.
        assertFalse(clipText.isEmpty());
        String line = CLIP + "\t" + clipText;
        assertEquals(2, run.out().lines().filter(line::equals).count(), run.out());

        // The scores the library computes for the manifest.
        Recognizer recognizer = Recognizer.load(MODEL);
        EvalReport expected = new EvalReport();
        for (Utterance u : Manifest.read(SAMPLES.resolve("transcripts.tsv"))) {
            expected.add(u.audio().toString(), u.transcript(), recognizer.transcribeFile(u.audio()).text());
        }
        String summary = expected.format(0).strip();
        assertTrue(summary.contains("WER: ") && summary.contains("CER: "));
        assertTrue(run.out().contains(summary), run.out());
        assertTrue(run.out().contains("worst:"), run.out());

        for (String f : new String[] {"config.json", "vocabulary.txt", "normalizer.json", "weights.bin", "MODEL.md",
                "HISTORY.md"}) {
            assertTrue(Files.isRegularFile(saved.resolve(f)), f);
        }
        assertEquals(saved, run.session().modelDir());
        assertNotSame(bundle, run.session().bundle());
        assertEquals(bundle.model().parameterCount(), run.session().bundle().model().parameterCount());
    }

    @Test
    void errorsArePrintedAndTheScriptGoesOnWithExitStatusOne() throws IOException {
        Run run = run(String.join("\n",
                "frobnicate now",
                "transcribe " + SAMPLES.resolve("no-such-clip.wav"),
                "eval " + SAMPLES.resolve("no-such-manifest.tsv"),
                "set features.hopMs 12",
                "set decoder.method viterbi",
                "set endpoint.minTrailingSilenceSec soon",
                "show decoder.method",
                "transcribe " + CLIP));
        assertEquals(1, run.exitCode());
        String err = run.err();
        assertTrue(err.contains("error: unknown command 'frobnicate'"), err);
        assertTrue(err.contains("error: transcribe: no such file: " + SAMPLES.resolve("no-such-clip.wav")), err);
        assertTrue(err.contains("error: eval: " + SAMPLES.resolve("no-such-manifest.tsv")
                + ": no such file or directory"), err);
        assertTrue(err.contains("error: set: features.hopMs cannot be set"), err);
        assertTrue(err.contains("error: set: decoder.method must be 'greedy' or 'beam'"), err);
        assertTrue(err.contains("error: set: endpoint.minTrailingSilenceSec takes a number, not 'soon'"), err);
        assertEquals(6, err.lines().filter(l -> l.startsWith("error: ")).count(), err);

        // Later commands ran, and the refused settings were left as they were.
        assertTrue(run.out().contains("decoder.method = " + bundle.decoder().method()), run.out());
        assertTrue(run.out().contains(CLIP + "\t" + clipText), run.out());
        assertEquals(10.0, run.session().config().features().hopMs());
        assertEquals(0.8, run.session().config().endpoint().minTrailingSilenceSec());
    }

    @Test
    void spectrogramWritesAPngOfTheFramesWithTheDecodedText(@TempDir Path tmp) throws IOException {
        Path png = tmp.resolve("clip.png");
        Run run = run("spectrogram " + CLIP + " " + png + "\n");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(clipGreedy), run.out());

        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "not a readable PNG");
        int frames = new Recognizer(bundle).features(dev.verbatim.audio.AudioLoader.loadMono(CLIP, 16000)).length;
        // At least a pixel per 10 ms frame plus the margins, and one row of at least one pixel per mel bin.
        assertTrue(img.getWidth() >= frames + SpectrogramImage.LEFT && img.getWidth() <= 10_000, "" + img.getWidth());
        assertTrue(img.getHeight() >= 80 + SpectrogramImage.TOP && img.getHeight() <= 1000, "" + img.getHeight());
        // The heat map is a picture, not a blank: many colours inside the plot area.
        Set<Integer> colours = new HashSet<>();
        for (int x = SpectrogramImage.LEFT; x < img.getWidth() - SpectrogramImage.RIGHT; x += 3) {
            for (int y = SpectrogramImage.TOP; y < SpectrogramImage.TOP + 80; y += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 50, "colours in the heat map: " + colours.size());
        assertFalse(Files.list(tmp).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }

    @Test
    void everyCommandHasHelp() throws IOException {
        Session session = new Session();
        Repl repl = new Repl(session, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        StringBuilder script = new StringBuilder();
        for (String name : repl.commands().keySet()) {
            script.append("help ").append(name).append('\n');
        }
        Run run = run(session, "help\n" + script);
        assertEquals(0, run.exitCode(), run.err());
        for (Command c : repl.commands().values()) {
            assertTrue(run.out().contains("usage: " + c.usage()), c.name());
            assertTrue(run.out().contains(c.summary()), c.name());
        }
        for (String issueCommand : new String[] {"show", "set", "load", "save", "info", "transcribe", "listen",
            "record", "eval", "train", "finetune", "spectrogram", "plot"}) {
            assertTrue(repl.commands().containsKey(issueCommand), issueCommand);
        }
    }

    @Test
    void commandsNeedingAModelSaySoWithoutOne() throws IOException {
        Run run = run(new Session(), "transcribe " + CLIP + "\nsave /tmp/never-written\ninfo\n");
        assertEquals(1, run.exitCode());
        assertEquals(2, run.err().lines().filter(l -> l.contains("no trained model")).count(), run.err());
        assertTrue(run.out().contains("model: none"), run.out());
    }

    @Test
    void infoShowsTheArchitectureAndTheModelCardsTrainingData() throws IOException {
        Run run = run("info\n");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(String.format("parameters: %,d", bundle.model().parameterCount())), run.out());
        assertTrue(run.out().contains(String.format("%d x BiLSTM %d", bundle.modelConfig().lstmLayers(),
                bundle.modelConfig().lstmHidden())), run.out());
        assertTrue(run.out().contains("training data (from " + MODEL.resolve("MODEL.md")), run.out());
        assertTrue(run.out().contains("espeak-ng"), run.out());
    }

    @Test
    void verbatimReplReadsAScriptFromStandardInput() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream stdin = System.in;
        int code;
        try {
            System.setIn(new ByteArrayInputStream("show decoder.method\nbogus\n".getBytes(StandardCharsets.UTF_8)));
            code = new CommandLine(new dev.verbatim.cli.Main()).setOut(new PrintWriter(out))
                    .setErr(new PrintWriter(err)).execute("repl", "--model", MODEL.toString());
        } finally {
            System.setIn(stdin);
        }
        assertEquals(1, code, err.toString());
        assertTrue(out.toString().startsWith("decoder.method = " + bundle.decoder().method()), out.toString());
        assertTrue(err.toString().contains("error: unknown command 'bogus'"), err.toString());
    }

    @Test
    void warpSetsTheFactorChoosesItFromAudioAndRefusesBadOnes() throws IOException, ReplException {
        Run set = run("warp 0.9\nwarp\nset decoder.beamWidth 8\n");
        assertEquals(0, set.exitCode(), set.err());
        assertEquals(2, set.out().lines().filter(l -> l.equals("warp = 0.90")).count(), set.out());
        assertEquals(0.9, set.session().recognizer().warp(), "other decoder settings keep the warp");

        Run auto = run("warp 1.1\nwarp auto " + SAMPLES + "\n");
        assertEquals(0, auto.exitCode(), auto.err());
        assertTrue(auto.out().contains("chosen from 21 s of audio; confidence by factor: 0.85 "), auto.out());
        double chosen = auto.session().recognizer().warp();
        assertTrue(auto.out().strip().endsWith(String.format(java.util.Locale.ROOT, "warp = %.2f", chosen)));
        assertTrue(Math.abs(chosen - 1) <= 0.05 + 1e-9, "the samples as recorded: " + auto.out());

        Run bad = run("warp 2\nwarp fast\nwarp auto\nwarp auto " + SAMPLES.resolve("nope.wav") + "\n");
        assertEquals(1, bad.exitCode());
        String err = bad.err();
        assertTrue(err.contains("error: warp: warp wants a factor between 0.8 and 1.25, or 'auto FILE|DIR...', "
                + "not '2'"), err);
        assertTrue(err.contains("not 'fast'"), err);
        assertTrue(err.contains("error: warp: usage: warp auto FILE|DIR... (one speaker's recordings)"), err);
        assertTrue(err.contains("error: warp: no such file: " + SAMPLES.resolve("nope.wav")), err);
        assertEquals(1.0, bad.session().recognizer().warp(), "a refused factor changes nothing");
    }
}
