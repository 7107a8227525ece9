package dev.verbatim.train;

import dev.verbatim.audio.AudioLoader;
import dev.verbatim.data.Manifest;
import dev.verbatim.data.Utterance;
import dev.verbatim.features.FeatureConfig;
import dev.verbatim.features.LogMelExtractor;
import dev.verbatim.text.TextNormalizer;
import dev.verbatim.text.Vocabulary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a manifest's audio into log-mel frames (not yet normalised) and its transcripts into label ids. Utterances
 * that cannot be used are reported and skipped, never silently.
 */
final class Corpus {
    private Corpus() {
    }

    /** Raw (unnormalised) examples of {@code manifest}, in manifest order. */
    static List<Example> load(Path manifest, FeatureConfig features, Vocabulary vocabulary, int threads,
            PrintStream log) throws IOException {
        return load(manifest, features, vocabulary, threads, log, true);
    }

    /**
     * Examples of {@code manifest}, in manifest order; with {@code keepFrames} false only the frame counts are kept
     * (the audio is read and checked, but no features are computed or held in memory).
     */
    static List<Example> load(Path manifest, FeatureConfig features, Vocabulary vocabulary, int threads,
            PrintStream log, boolean keepFrames) throws IOException {
        return load(manifest, features, vocabulary, threads, log, keepFrames, Integer.MAX_VALUE);
    }

    /** As above, for the first {@code limit} utterances of the manifest only (the rest are not read). */
    static List<Example> load(Path manifest, FeatureConfig features, Vocabulary vocabulary, int threads,
            PrintStream log, boolean keepFrames, int limit) throws IOException {
        List<Utterance> utterances = Manifest.read(manifest);
        if (utterances.size() > limit) {
            utterances = utterances.subList(0, Math.max(0, limit));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        AtomicInteger failures = new AtomicInteger();
        try {
            List<Future<Example>> futures = new ArrayList<>();
            ThreadLocal<LogMelExtractor> extractor = ThreadLocal.withInitial(() -> new LogMelExtractor(features));
            for (Utterance u : utterances) {
                futures.add(pool.submit(() -> {
                    try {
                        float[] samples = AudioLoader.loadMono(u.audio(), features.sampleRateHz());
                        String text = TextNormalizer.normalize(u.transcript());
                        double seconds = samples.length / (double) features.sampleRateHz();
                        if (!keepFrames) {
                            return new Example(u.audio().toString(), text, null, vocabulary.encode(text), seconds,
                                    features.numFrames(samples.length));
                        }
                        float[][] frames = extractor.get().extract(samples);
                        return new Example(u.audio().toString(), text, frames, vocabulary.encode(text), seconds);
                    } catch (IOException | RuntimeException e) {
                        if (failures.incrementAndGet() <= 10) {
                            log.println("skipped " + u.audio() + ": " + e.getMessage());
                        }
                        return null;
                    }
                }));
            }
            List<Example> out = new ArrayList<>(utterances.size());
            for (Future<Example> f : futures) {
                Example e = f.get();
                if (e != null) {
                    out.add(e);
                }
            }
            if (failures.get() > 0) {
                log.println(manifest + ": " + failures.get() + " of " + utterances.size()
                        + " utterances could not be read and were skipped");
            }
            return Collections.unmodifiableList(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + manifest, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(manifest + ": " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Minimum output frames CTC needs for these labels: one per label plus one between repeated labels. */
    static int minFrames(int[] labels) {
        int n = labels.length;
        for (int i = 1; i < labels.length; i++) {
            if (labels[i] == labels[i - 1]) {
                n++;
            }
        }
        return n;
    }
}
