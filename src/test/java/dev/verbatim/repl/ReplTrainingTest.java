package dev.verbatim.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verbatim.train.Trainer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training in the REPL: a tiny new model on the five spoken digits of the test fixtures, a few steps at a time. */
class ReplTrainingTest {
    /** A tiny network (as in TinyOverfitTest) that trains a step in well under a second. */
    static final String TINY = String.join("\n",
            "new",
            "set model.convChannels 32",
            "set model.convKernel 5",
            "set model.lstmLayers 1",
            "set model.lstmHidden 32",
            "set train.learningRate 0.01",
            "set train.evalEverySteps 1",
            "");

    static Path fixtures() throws URISyntaxException {
        return Path.of(ReplTrainingTest.class.getResource("/fixtures/digits.tsv").toURI()).getParent();
    }

    record Run(int exitCode, String out, String err) {
    }

    static Run run(Session session, String script) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Repl(session, new PrintWriter(out), new PrintWriter(err)).runScript(new StringReader(script));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void trainsANewTinyModelAndPlotsItsLoss(@TempDir Path tmp) throws Exception {
        Path manifest = fixtures().resolve("digits.tsv");
        Path clip = fixtures().resolve("1_jackson_3.wav");
        Path png = tmp.resolve("loss.png");
        Session session = new Session();
        Run run = run(session, TINY
                + "finetune " + manifest + " 3\n"
                + "train " + manifest + " 3 steps\n"
                + "plot loss " + png + "\n"
                + "transcribe " + clip + "\n"
                + "save " + tmp.resolve("tiny") + "\n");
        assertEquals(1, run.exitCode(), "finetune without a trained model fails: " + run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("error: finetune: no trained model"), run.err());

        assertTrue(session.hasWeights());
        assertEquals(32, session.bundle().modelConfig().lstmHidden());
        assertEquals(3, session.stepsTrainedHere());
        List<Trainer.HistoryPoint> history = session.history();
        assertEquals(List.of(1L, 2L, 3L), history.stream().map(Trainer.HistoryPoint::step).toList());
        assertTrue(history.stream().allMatch(h -> Double.isFinite(h.loss()) && h.loss() > 0), history.toString());
        assertTrue(run.out().contains("done: 3 steps"), run.out());

        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "not a readable PNG");
        assertEquals(LossPlot.WIDTH, img.getWidth());
        assertEquals(LossPlot.HEIGHT, img.getHeight());
        assertTrue(countColour(img, LossPlot.LOSS.getRGB()) > 50, "the loss curve is drawn");

        assertTrue(run.out().lines().anyMatch(l -> l.startsWith(clip + "\t")), run.out());
        assertTrue(run.out().contains("saved " + tmp.resolve("tiny")), run.out());

        // A second run continues the session's history after the first.
        Run more = run(session, "train " + manifest + " 2\n");
        assertEquals(0, more.exitCode(), more.err());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), session.history().stream().map(Trainer.HistoryPoint::step)
                .toList());
        assertEquals(5, session.stepsTrainedHere());
    }

    @Test
    void ctrlCStopsTrainingAtTheNextStepAndTheReplGoesOn() throws Exception {
        Path manifest = fixtures().resolve("digits.tsv");
        Path clip = fixtures().resolve("2_jackson_3.wav");
        Session session = new Session();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Repl repl = new Repl(session, new PrintWriter(out), new PrintWriter(err));
        AtomicInteger code = new AtomicInteger(-1);
        List<Throwable> thrown = new ArrayList<>();
        Thread t = new Thread(() -> {
            try {
                code.set(repl.runScript(new StringReader(TINY + "train " + manifest + " 1000000\n"
                        + "transcribe " + clip + "\n")));
            } catch (Throwable e) {
                thrown.add(e);
            }
        });
        t.start();
        while (!session.trainingNow() && t.isAlive()) {
            Thread.sleep(20);
        }
        session.interrupt(); // what the terminal's Ctrl-C handler calls
        t.join(120_000);
        assertFalse(t.isAlive(), "training did not stop");
        assertTrue(thrown.isEmpty(), thrown.toString());
        assertEquals(0, code.get(), err.toString());
        assertTrue(out.toString().contains("stopped by Ctrl-C"), out.toString());
        assertTrue(session.stepsTrainedHere() >= 1 && session.stepsTrainedHere() < 1_000_000);
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith(clip + "\t")), "the model is usable after");
    }

    @Test
    void runLengthsAreStepsOrEpochs() throws ReplException {
        List<Path> dev = new ArrayList<>();
        assertEquals(new Commands.Length(Commands.DEFAULT_STEPS, 0), Commands.parseLength(List.of(), dev));
        assertEquals(new Commands.Length(20, 0), Commands.parseLength(List.of("20"), dev));
        assertEquals(new Commands.Length(20, 0), Commands.parseLength(List.of("20", "steps"), dev));
        assertEquals(new Commands.Length(0, 2), Commands.parseLength(List.of("2epochs"), dev));
        assertEquals(new Commands.Length(0, 1), Commands.parseLength(List.of("1", "epoch"), dev));
        assertTrue(dev.isEmpty());
        assertThrows(ReplException.class, () -> Commands.parseLength(List.of("0"), dev));
        assertThrows(ReplException.class, () -> Commands.parseLength(List.of("3", "hours"), dev));
        assertThrows(ReplException.class, () -> Commands.parseLength(List.of("many"), dev));
        assertThrows(ReplException.class, () -> Commands.parseLength(List.of("--dev"), dev));
        assertThrows(ReplException.class, () -> Commands.parseLength(List.of("--dev", "no-such.tsv"), dev));
    }

    private static int countColour(BufferedImage img, int argb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == (argb & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }
}
