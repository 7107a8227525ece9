package dev.verbatim.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verbatim.live.Microphone;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REPL's live commands: a file through the live path, and the microphone commands without a microphone. */
class ReplLiveTest {
    @BeforeAll
    static void load() throws IOException {
        ReplScriptTest.loadModel();
    }

    @Test
    void listenToAFileGivesTheBatchTranscriptAsOneFinal() throws IOException {
        ReplScriptTest.Run run = ReplScriptTest.run("set endpoint.minTrailingSilenceSec 1.0\nlisten --input "
                + ReplScriptTest.CLIP + "\n");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("] " + ReplScriptTest.clipText + "\n"), run.out());
        assertTrue(run.out().contains("[0.00 -> "), run.out());
    }

    @Test
    void microphoneCommandsFailClearlyWithoutOneAndTheReplGoesOn() throws IOException {
        boolean none = Microphone.devices().isEmpty();
        String device = none ? "" : " no-such-device-42";
        ReplScriptTest.Run run = ReplScriptTest.run("listen" + device + "\n" + (none ? "record 1\n" : "")
                + "show endpoint.maxUtteranceSec\n");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains(none ? "error: listen: no microphone" : "no capture device 'no-such-device-42'"),
                run.err());
        if (none) {
            assertTrue(run.err().contains("error: record: no microphone"), run.err());
        }
        assertTrue(run.out().contains("endpoint.maxUtteranceSec = 20.0"), "the REPL went on: " + run.out());
    }

    @Test
    void badArgumentsAreExplained() throws IOException {
        ReplScriptTest.Run run = ReplScriptTest.run("record soon\nlisten --input " + Path.of("nope.wav") + "\n");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("SECONDS must be a number"), run.err());
        assertTrue(run.err().contains("nope.wav"), run.err());
    }
}
