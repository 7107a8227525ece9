package dev.verbatim.live;

import dev.verbatim.Recognizer;
import dev.verbatim.SpeakerWarp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link SpeakerWarp} for a live stream: collects the audio of final utterances and, once {@code listenSec} of it is
 * in hand, chooses the speaker's warp factor on a background thread, so that the capture loop never waits for the
 * extra network passes. The caller polls for the choice and hands the warped recognizer to its
 * {@link StreamingRecognizer}; utterances decoded before that use the factor the stream started with. One choice per
 * stream: one speaker is assumed.
 */
public final class LiveWarp {
    /** Speech to collect before choosing, in seconds: half a minute of a speaker's finals. */
    public static final double DEFAULT_LISTEN_SEC = 30;

    private final Recognizer recognizer;
    private final double listenSec;
    private final int rate;
    private final List<float[]> heard = new ArrayList<>();
    private double heardSec;
    private CompletableFuture<SpeakerWarp.Choice> choosing;
    private boolean delivered;

    /**
     * @param recognizer the recognizer to warp (its own warp is ignored: every factor is tried afresh)
     * @param listenSec  seconds of final utterances to collect before choosing
     */
    public LiveWarp(Recognizer recognizer, double listenSec) {
        if (!(listenSec > 0) || !Double.isFinite(listenSec)) {
            throw new IllegalArgumentException("listenSec must be positive, got " + listenSec);
        }
        this.recognizer = recognizer;
        this.listenSec = listenSec;
        this.rate = recognizer.bundle().features().sampleRateHz();
    }

    /** Takes a final utterance's audio; the choice starts in the background once enough has been heard. */
    public void offer(float[] audio) {
        if (choosing != null || audio.length == 0) {
            return;
        }
        heard.add(audio);
        heardSec += audio.length / (double) rate;
        if (heardSec >= listenSec) {
            List<float[]> clips = SpeakerWarp.firstSeconds(List.copyOf(heard), listenSec, rate);
            heard.clear();
            choosing = CompletableFuture.supplyAsync(() -> SpeakerWarp.choose(recognizer, clips), runnable -> {
                Thread t = new Thread(runnable, "warp choice");
                t.setDaemon(true);
                t.start();
            });
        }
    }

    /** The choice, once, as soon as it is made; null before and after. */
    public SpeakerWarp.Choice poll() {
        if (delivered || choosing == null || !choosing.isDone()) {
            return null;
        }
        return deliver();
    }

    /**
     * At the end of a stream: waits up to {@code timeoutSec} for a choice under way and returns it (once), or null
     * when none was started or it did not finish in time.
     */
    public SpeakerWarp.Choice await(double timeoutSec) throws InterruptedException {
        if (delivered || choosing == null) {
            return null;
        }
        try {
            choosing.get((long) (timeoutSec * 1000), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            // deliver() rethrows the cause
        }
        return deliver();
    }

    private SpeakerWarp.Choice deliver() {
        delivered = true;
        try {
            return choosing.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Seconds of final utterances collected so far (until the choice starts). */
    public double heardSec() {
        return heardSec;
    }
}
