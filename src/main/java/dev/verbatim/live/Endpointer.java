package dev.verbatim.live;

/**
 * Voice-activity detection and the endpoint rules, frame by frame (10 ms frames). A frame is speech when its energy
 * is {@code speechAboveFloorDb} above a tracked noise floor (which drops at once to a quieter frame and rises slowly)
 * and above an absolute minimum of -55 dBFS. Knows nothing of the model, so its decisions can be checked on any
 * signal.
 */
public final class Endpointer {
    /** What to do after a frame. */
    public enum Action {
        /** keep listening */
        NONE,
        /** rule 1: only silence so far, for minTrailingSilenceNoSpeechSec: drop the audio */
        DROP,
        /** rule 2: minTrailingSilenceSec of silence after speech: the utterance ends here */
        END_AFTER_SILENCE,
        /** rule 3: the utterance reached maxUtteranceSec */
        END_MAX_LENGTH
    }

    public static final double FRAME_SEC = 0.010;
    private static final double ABSOLUTE_MIN_DB = -55;
    private static final double FLOOR_RISE = 0.002;

    private final EndpointConfig config;
    private final int noSpeechFrames;
    private final int silenceFrames;
    private final int maxFrames;
    private double floorDb = Double.NaN;
    private boolean speechSeen;
    private int trailingSilence;
    private int frames;

    public Endpointer(EndpointConfig config) {
        this.config = config;
        this.noSpeechFrames = (int) Math.round(config.minTrailingSilenceNoSpeechSec() / FRAME_SEC);
        this.silenceFrames = (int) Math.round(config.minTrailingSilenceSec() / FRAME_SEC);
        this.maxFrames = (int) Math.round(config.maxUtteranceSec() / FRAME_SEC);
    }

    /** Energy of a frame in dB relative to full scale (mean square; -100 for digital silence). */
    public static double energyDb(float[] samples, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += samples[i] * (double) samples[i];
        }
        return 10 * Math.log10(sum / length + 1e-10);
    }

    /** Takes the next frame's energy; after an action other than NONE the utterance state starts afresh. */
    public Action frame(double energyDb) {
        frames++;
        if (isSpeech(energyDb)) {
            speechSeen = true;
            trailingSilence = 0;
        } else {
            trailingSilence++;
        }
        Action action = Action.NONE;
        if (!speechSeen && trailingSilence >= noSpeechFrames) {
            action = Action.DROP;
        } else if (speechSeen && trailingSilence >= silenceFrames) {
            action = Action.END_AFTER_SILENCE;
        } else if (frames >= maxFrames) {
            action = Action.END_MAX_LENGTH;
        }
        if (action != Action.NONE) {
            reset();
        }
        return action;
    }

    /** Starts a new utterance (the noise floor is kept). */
    public void reset() {
        speechSeen = false;
        trailingSilence = 0;
        frames = 0;
    }

    /** Whether the current utterance has had a speech frame. */
    public boolean speechSeen() {
        return speechSeen;
    }

    public EndpointConfig config() {
        return config;
    }

    private boolean isSpeech(double db) {
        if (Double.isNaN(floorDb) || db < floorDb) {
            floorDb = db;
        } else {
            floorDb += FLOOR_RISE * (db - floorDb);
        }
        return db > Math.max(floorDb + config.speechAboveFloorDb(), ABSOLUTE_MIN_DB);
    }
}
