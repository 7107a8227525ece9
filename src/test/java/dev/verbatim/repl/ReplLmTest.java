package dev.verbatim.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verbatim.lm.KneserNey;
import dev.verbatim.lm.NgramModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tune-lm in the REPL: searches the weights and switches the session to beam search with the language model. */
class ReplLmTest {
    @BeforeAll
    static void load() throws IOException {
        ReplScriptTest.loadModel();
    }

    @Test
    void tuneLmSetsBeamSearchWithTheBestWeights(@TempDir Path dir) throws Exception {
        Path manifest = ReplScriptTest.SAMPLES.resolve("transcripts.tsv");
        List<String[]> text = Files.readAllLines(manifest).stream().map(l -> l.split("\t")[1].split(" ")).toList();
        NgramModel lm = KneserNey.estimate(text, 3, null, null);
        Path bin = dir.resolve("lm.bin");
        try (OutputStream out = Files.newOutputStream(bin)) {
            lm.writeBinary(out);
        }
        ReplScriptTest.Run run = ReplScriptTest.run("tune-lm " + manifest + " " + bin + " 7\nshow decoder\n"
                + "transcribe " + ReplScriptTest.CLIP + "\n");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("greedy WER"), run.out());
        assertTrue(run.out().contains("best: alpha"), run.out());
        assertTrue(run.out().contains("decoder.method = beam"), run.out());
        assertTrue(run.session().recognizer().languageModel() != null);
        assertTrue(run.out().contains(ReplScriptTest.CLIP + "\t"), run.out());
        // A model in the session without a language model (the shipped folder's is not loaded here).
        Session bare = new Session();
        bare.use(ReplScriptTest.bundle, null);
        ReplScriptTest.Run none = ReplScriptTest.run(bare, "tune-lm " + manifest + "\n");
        assertEquals(1, none.exitCode());
        assertTrue(none.err().contains("no language model"), none.err());
    }
}
