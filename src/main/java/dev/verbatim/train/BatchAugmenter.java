package dev.verbatim.train;

import dev.verbatim.audio.AudioLoader;
import dev.verbatim.augment.AugmentConfig;
import dev.verbatim.augment.Augmenter;
import dev.verbatim.features.LogMelExtractor;
import dev.verbatim.model.ModelBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Turns a batch of frame-less training examples into network input: reads each utterance's audio, augments the
 * waveform (speed, reverb, noise, silence, gain), featurises (with a warped filterbank for VTLP), normalises and
 * applies SpecAugment. The random stream
 * depends only on the seed and the step, so a resumed run sees the same augmentation as an uninterrupted one, and
 * every epoch sees different audio.
 *
 * <p>{@link #prefetch} prepares the next batch on one background thread while the network trains on the current
 * one: ND4J leaves part of the two cores idle during a step (the LSTM's per-time-step products are small), and the
 * augmentation fills that time instead of adding to it.
 */
final class BatchAugmenter implements AutoCloseable {
    private final Augmenter augmenter;
    private final ModelBundle bundle;
    private final List<Example> pool;
    private final long seed;
    /** Extractors by VTLP warp factor in thousandths (1000: the plain one), built on first use. */
    private final Map<Integer, LogMelExtractor> extractors = new ConcurrentHashMap<>();
    private final int sampleRate;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "batch-augmenter");
        t.setDaemon(true);
        return t;
    });

    BatchAugmenter(AugmentConfig config, ModelBundle bundle, List<Example> pool, long seed) {
        this.augmenter = new Augmenter(config);
        this.bundle = bundle;
        this.pool = pool;
        this.seed = seed;
        this.sampleRate = bundle.features().sampleRateHz();
    }

    /** {@link #materialize} on the background thread. */
    Future<List<Example>> prefetch(List<Example> batch, long step) {
        return worker.submit(() -> materialize(batch, step));
    }

    /** The prepared batch of a {@link #prefetch}; errors in preparing it are rethrown here. */
    static List<Example> await(Future<List<Example>> batch) {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing a batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    List<Example> materialize(List<Example> batch, long step) {
        Random rng = new Random(seed * 0x9E3779B97F4A7C15L + step);
        Augmenter.BabbleSource babble = r -> read(pool.get(r.nextInt(pool.size())));
        List<Example> out = new ArrayList<>(batch.size());
        for (Example e : batch) {
            float[] clean = read(e);
            LogMelExtractor extractor = extractor(augmenter.warpFactor(rng));
            float[][] frames = extractor.extract(augmenter.waveform(clean, rng, babble));
            if (bundle.modelConfig().outputFrames(frames.length) < Corpus.minFrames(e.labels())) {
                // Sped up past what CTC can align: this utterance goes in as recorded.
                frames = extractor.extract(clean);
            }
            bundle.normalizer().applyInPlace(frames);
            augmenter.specAugment(frames, rng);
            out.add(new Example(e.id(), e.text(), frames, e.labels(), e.seconds()));
        }
        return out;
    }

    private LogMelExtractor extractor(double warp) {
        int key = (int) Math.round(warp * 1000);
        return extractors.computeIfAbsent(key, k -> new LogMelExtractor(bundle.features(), k / 1000.0));
    }

    private float[] read(Example e) {
        try {
            return AudioLoader.loadMono(Path.of(e.id()), sampleRate);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
