package dev.verbatim.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EndpointerTest {
    private static final Random RNG = new Random(11);

    /** Frame energies: quiet room noise around -70 dB, "speech" around -25 dB. */
    private static double quiet() {
        return -70 + RNG.nextGaussian();
    }

    private static double loud() {
        return -25 + 3 * RNG.nextGaussian();
    }

    private static List<int[]> run(Endpointer e, double[] energies) {
        List<int[]> actions = new ArrayList<>();
        for (int i = 0; i < energies.length; i++) {
            Endpointer.Action a = e.frame(energies[i]);
            if (a != Endpointer.Action.NONE) {
                actions.add(new int[] {i, a.ordinal()});
            }
        }
        return actions;
    }

    private static double[] concat(int quietFrames, int loudFrames, int tailFrames) {
        double[] x = new double[quietFrames + loudFrames + tailFrames];
        for (int i = 0; i < x.length; i++) {
            x[i] = i >= quietFrames && i < quietFrames + loudFrames ? loud() : quiet();
        }
        return x;
    }

    @Test
    void trailingSilenceAfterSpeechEndsTheUtteranceAtTheConfiguredFrame() {
        EndpointConfig c = EndpointConfig.defaults(); // 0.8 s after speech
        List<int[]> actions = run(new Endpointer(c), concat(50, 150, 200));
        assertEquals(1, actions.size());
        // last speech frame 199; 80 silent frames later (frame 279) the endpoint fires
        assertEquals(199 + 80, actions.get(0)[0]);
        assertEquals(Endpointer.Action.END_AFTER_SILENCE.ordinal(), actions.get(0)[1]);
    }

    @Test
    void silenceWithoutSpeechIsDroppedEveryNoSpeechInterval() {
        EndpointConfig c = new EndpointConfig(1.0, 0.5, 20, 0.3, 12);
        double[] x = new double[350];
        for (int i = 0; i < x.length; i++) {
            x[i] = quiet();
        }
        List<int[]> actions = run(new Endpointer(c), x);
        assertEquals(3, actions.size());
        for (int k = 0; k < 3; k++) {
            assertEquals(100 * (k + 1) - 1, actions.get(k)[0]);
            assertEquals(Endpointer.Action.DROP.ordinal(), actions.get(k)[1]);
        }
    }

    @Test
    void continuousSpeechIsCutAtTheMaximumLength() {
        EndpointConfig c = new EndpointConfig(2.4, 0.8, 3.0, 0.3, 12);
        List<int[]> actions = run(new Endpointer(c), concat(20, 700, 0));
        assertEquals(2, actions.size());
        assertEquals(299, actions.get(0)[0]);
        assertEquals(599, actions.get(1)[0]);
        assertEquals(Endpointer.Action.END_MAX_LENGTH.ordinal(), actions.get(0)[1]);
    }

    @Test
    void aShortPauseInsideSpeechDoesNotEndIt() {
        double[] a = concat(30, 100, 40);      // 0.4 s pause < 0.8 s
        double[] b = concat(0, 100, 120);
        double[] x = new double[a.length + b.length];
        System.arraycopy(a, 0, x, 0, a.length);
        System.arraycopy(b, 0, x, a.length, b.length);
        List<int[]> actions = run(new Endpointer(EndpointConfig.defaults()), x);
        assertEquals(1, actions.size());
        assertEquals(a.length + 99 + 80, actions.get(0)[0]);
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new EndpointConfig(2.4, 0.8, 0.5, 0.3, 12));
        assertThrows(IllegalArgumentException.class, () -> new EndpointConfig(0, 0.8, 20, 0.3, 12));
    }
}
