package dev.verbatim;

import dev.verbatim.audio.AudioLoader;
import dev.verbatim.decode.GreedyDecoder;
import dev.verbatim.decode.Transcript;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses a speaker's filterbank warp factor ({@link Recognizer#withWarp}) from their audio alone: the audio is decoded
 * best-path at each candidate factor, and the factor under which the network is most sure of the characters it emits
 * wins. A voice far above or below the training voices (sped-up or pitch-shifted speech, children) is heard with less
 * confidence than the same words spoken nearer the training voices, and the warp that brings it nearer raises the
 * confidence back.
 *
 * <p>Confidence is the mean posterior of the emitted characters' frames, over all the audio given: each word's
 * {@linkplain Transcript.Word#confidence confidence} weighted by its length. One speaker's minute is enough; a
 * choice per short file is noisier than one per speaker, so give it all of one speaker's audio together. Ties, and
 * audio in which nothing is recognised at any factor, keep the factor nearest 1.
 */
public final class SpeakerWarp {
    /** The factors {@link #choose(Recognizer, List)} tries. */
    public static final List<Double> DEFAULT_FACTORS = List.of(0.85, 0.9, 0.95, 1.0, 1.05, 1.1, 1.15);
    /** How much audio is worth listening to before choosing, in seconds: about a minute of one speaker. */
    public static final double DEFAULT_LISTEN_SEC = 60;
    /** Audio longer than this is scored in pieces of this many seconds, which bounds the network's memory. */
    static final double PIECE_SEC = 20;

    /**
     * One factor's score.
     *
     * @param warp       the factor
     * @param confidence the mean posterior of the emitted characters, 0 when none was emitted
     * @param characters how many characters (spaces excluded) best-path decoding emitted
     */
    public record Score(double warp, double confidence, int characters) {
    }

    /**
     * The outcome.
     *
     * @param warp     the factor chosen
     * @param scores   every factor's score, in the order tried
     * @param audioSec the seconds of audio listened to
     */
    public record Choice(double warp, List<Score> scores, double audioSec) {
        public Choice {
            scores = List.copyOf(scores);
        }

        /** One line for people: the factor chosen and each factor's confidence. */
        public String describe() {
            StringBuilder s = new StringBuilder(String.format(java.util.Locale.ROOT,
                    "warp %.2f chosen from %.0f s of audio; confidence by factor:", warp, audioSec));
            for (Score sc : scores) {
                s.append(String.format(java.util.Locale.ROOT, " %.2f %.3f", sc.warp(), sc.confidence()));
            }
            return s.toString();
        }
    }

    private SpeakerWarp() {
    }

    /** {@link #choose(Recognizer, List, List)} over {@link #DEFAULT_FACTORS}. */
    public static Choice choose(Recognizer recognizer, List<float[]> audio) {
        return choose(recognizer, audio, DEFAULT_FACTORS);
    }

    /**
     * Scores each factor on {@code audio} (mono clips at the model's sample rate, all of one speaker) and returns the
     * most confident. Only the network's best path is used, whatever {@code recognizer}'s decoder, so the language
     * model cannot prefer a warp for the words it likes.
     *
     * @throws IllegalArgumentException if {@code factors} is empty or holds a factor {@link Recognizer#withWarp}
     *                                  refuses
     */
    public static Choice choose(Recognizer recognizer, List<float[]> audio, List<Double> factors) {
        if (factors.isEmpty()) {
            throw new IllegalArgumentException("no warp factors to choose from");
        }
        int rate = recognizer.bundle().features().sampleRateHz();
        List<float[]> pieces = pieces(audio, (int) (PIECE_SEC * rate));
        long samples = 0;
        for (float[] p : pieces) {
            samples += p.length;
        }
        GreedyDecoder greedy = new GreedyDecoder(recognizer.bundle().vocabulary(),
                recognizer.bundle().outputFrameSec());
        List<Score> scores = new ArrayList<>();
        for (double f : factors) {
            Recognizer warped = recognizer.withWarp(f);
            double weighted = 0;
            int chars = 0;
            for (float[] p : pieces) {
                Transcript t = greedy.decode(warped.logProbs(p));
                weighted += t.characterConfidence() * t.characters();
                chars += t.characters();
            }
            scores.add(new Score(f, chars == 0 ? 0 : weighted / chars, chars));
        }
        Score best = scores.stream()
                .max(Comparator.comparingDouble(Score::confidence)
                        .thenComparing(Comparator.comparingDouble((Score s) -> Math.abs(s.warp() - 1)).reversed()))
                .orElseThrow();
        return new Choice(best.warp(), scores, samples / (double) rate);
    }

    /** The clips, each longer one cut into consecutive pieces of at most {@code max} samples; empty clips dropped. */
    static List<float[]> pieces(List<float[]> audio, int max) {
        List<float[]> out = new ArrayList<>();
        for (float[] clip : audio) {
            for (int from = 0; from < clip.length; from += max) {
                out.add(Arrays.copyOfRange(clip, from, Math.min(clip.length, from + max)));
            }
        }
        return out;
    }

    /**
     * Reads {@code files} in order (mono, at {@code rate}) until {@code seconds} of audio are in hand, and returns
     * {@link #firstSeconds} of them. A file that cannot be read is skipped and its error added to {@code errors}.
     */
    public static List<float[]> readFirstSeconds(List<Path> files, double seconds, int rate,
            List<IOException> errors) {
        List<float[]> clips = new ArrayList<>();
        double read = 0;
        for (Path f : files) {
            if (read >= seconds) {
                break;
            }
            try {
                float[] samples = AudioLoader.loadMono(f, rate);
                clips.add(samples);
                read += samples.length / (double) rate;
            } catch (IOException e) {
                errors.add(e);
            }
        }
        return firstSeconds(clips, seconds, rate);
    }

    /**
     * The first {@code seconds} of the clips in order, for {@link #choose}: whole clips while they fit, then the start
     * of the next one.
     */
    public static List<float[]> firstSeconds(List<float[]> clips, double seconds, int rate) {
        long left = Math.round(seconds * rate);
        List<float[]> out = new ArrayList<>();
        for (float[] c : clips) {
            if (left <= 0) {
                break;
            }
            out.add(c.length <= left ? c : Arrays.copyOf(c, (int) left));
            left -= c.length;
        }
        return out;
    }
}
