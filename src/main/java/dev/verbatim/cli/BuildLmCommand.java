package dev.verbatim.cli;

import dev.verbatim.io.AtomicFiles;
import dev.verbatim.lm.KneserNey;
import dev.verbatim.lm.NgramModel;
import dev.verbatim.text.TextNormalizer;
import java.io.BufferedReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "build-lm", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Estimate a word n-gram language model (interpolated modified Kneser-Ney) from text files, "
                + "one sentence per line (normalised like transcripts), and write it in ARPA format, or in Verbatim's "
                + "binary form (loads about ten times faster) when the file name ends in .bin.")
final class BuildLmCommand implements Callable<Integer> {
    @Option(names = "--text", required = true, paramLabel = "FILE", description = "Text files (repeatable).")
    List<Path> texts;
    @Option(names = "--order", description = "n-gram order, 2 to 4.")
    int order = 4;
    @Option(names = "--min-count", split = ",", paramLabel = "N",
            description = "Per order, the fewest occurrences an n-gram needs to be kept (unigrams are always kept).")
    List<Integer> minCounts = List.of(1, 1, 2, 2);
    @Option(names = "--max-vocab", paramLabel = "N", description = "Keep the N most frequent words (others: <unk>).")
    int maxVocab = 50000;
    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The file to write: NAME.arpa, or NAME.bin for the binary form.")
    Path out;
    @Option(names = "--add-words", paramLabel = "FILE", description = "Also put these words (one a line, e.g. a "
            + "dictionary's) in the vocabulary, beside the --max-vocab most frequent of the text: those the text lacks "
            + "get the unigram share of an unseen word, so the decoder can emit them without the out-of-vocabulary "
            + "penalty. At most 65,534 words in all.")
    Path addWords;
    @Option(names = "--quantize", description = "In the binary form, store the probabilities and backoffs of bigrams "
            + "and up in 8 bits (about a third of the size; they move by about 0.01 in log10).")
    boolean quantize;

    @Override
    public Integer call() throws Exception {
        List<String[]> sentences = new ArrayList<>();
        Map<String, Integer> freq = new HashMap<>();
        long words = 0;
        for (Path t : texts) {
            try (BufferedReader in = Files.newBufferedReader(t, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    String n = TextNormalizer.normalize(line);
                    if (n.isBlank()) {
                        continue;
                    }
                    String[] ws = n.trim().split(" +");
                    sentences.add(ws);
                    for (String w : ws) {
                        freq.merge(w, 1, Integer::sum);
                    }
                    words += ws.length;
                }
            }
        }
        if (quantize && !out.getFileName().toString().endsWith(".bin")) {
            throw new IllegalArgumentException("--quantize needs the binary form: an --out file ending in .bin");
        }
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException("no sentences in " + texts);
        }
        Set<String> vocab = new HashSet<>();
        freq.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey())).limit(maxVocab).forEach(e -> vocab.add(e.getKey()));
        int[] min = minCounts.stream().mapToInt(Integer::intValue).toArray();
        long t0 = System.nanoTime();
        Set<String> extra = new LinkedHashSet<>();        // a word listed twice counts once
        if (addWords != null) {
            for (String line : Files.readAllLines(addWords, StandardCharsets.UTF_8)) {
                String n = TextNormalizer.normalize(line).trim();
                if (n.isEmpty()) {
                    continue;
                }
                if (n.contains(" ")) {
                    throw new IllegalArgumentException(addWords + ": one word a line, got '" + line + "'");
                }
                if (!vocab.contains(n)) {
                    extra.add(n);
                }
            }
        }
        NgramModel lm = KneserNey.estimate(sentences, order, vocab, min, extra);
        if (out.getFileName().toString().endsWith(".bin")) {
            AtomicFiles.write(out, o -> lm.writeBinary(o, quantize));
        } else {
            AtomicFiles.write(out, o -> {
                OutputStreamWriter w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
                lm.writeArpa(w);
                w.flush();
            });
        }
        StringBuilder counts = new StringBuilder();
        for (int k = 1; k <= lm.order(); k++) {
            counts.append(k == 1 ? "" : ", ").append(k).append("-grams ").append(lm.count(k));
        }
        System.out.printf("%d sentences, %d words, %d distinct (vocabulary %d%s); %s; %.1f s; %s: %.1f MB%n",
                sentences.size(), words, freq.size(), lm.vocabularySize(),
                addWords == null ? "" : ", " + extra.size() + " added from " + addWords, counts,
                (System.nanoTime() - t0) / 1e9, out, Files.size(out) / 1e6);
        return 0;
    }
}
