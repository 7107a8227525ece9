package dev.verbatim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchOrderTest {
    private static List<Example> examples() {
        Random rng = new Random(5);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int frames = 50 + rng.nextInt(900);
            out.add(new Example("u" + i, "a", null, new int[] {1}, frames / 100.0, frames));
        }
        return out;
    }

    private static List<Integer> firstLengths(List<List<Example>> batches) {
        return batches.stream().map(b -> b.get(0).numFrames()).toList();
    }

    private static boolean ascending(List<Integer> xs) {
        for (int i = 1; i < xs.size(); i++) {
            if (xs.get(i) < xs.get(i - 1)) {
                return false;
            }
        }
        return true;
    }

    /** A fresh network's first epoch runs shortest first; a trained start's first epoch is shuffled like later ones. */
    @Test
    void sortaGradOnlyForAFreshModel() {
        Trainer trainer = new Trainer(TrainConfig.defaults(), 1, System.out);
        List<Example> train = examples();
        List<List<Example>> fresh = trainer.batches(train, 0, false);
        List<List<Example>> trained = trainer.batches(train, 0, true);
        assertTrue(ascending(firstLengths(fresh)), "fresh model: shortest first");
        assertTrue(!ascending(firstLengths(trained)), "trained start: batch order shuffled");
        assertEquals(train.size(), trained.stream().mapToInt(List::size).sum(), "every utterance once");
        assertEquals(firstLengths(trained), firstLengths(trainer.batches(train, 0, true)), "deterministic");
        assertNotEquals(firstLengths(trained), firstLengths(trainer.batches(train, 1, true)), "differs per epoch");
    }
}
