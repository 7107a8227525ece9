package dev.verbatim.cli;

import dev.verbatim.Recognizer;
import dev.verbatim.lm.NgramModel;
import dev.verbatim.lm.Perplexity;
import dev.verbatim.text.TextNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "lm-eval", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Perplexity and out-of-vocabulary rate of a word language model on text, one sentence a line "
                + "(normalised like transcripts), or on the transcripts of manifests (a line with a tab is "
                + "path<TAB>transcript). Counted as SRILM's ngram -ppl: every sentence ends with </s>; words the "
                + "model lacks are counted as OOV and left out of the sum; ppl divides by words and sentence ends, "
                + "ppl1 by words only. Lower is better; compare models only on the same text and vocabulary."})
final class LmEvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Text files or manifests.")
    List<Path> files;
    @Option(names = "--lm", paramLabel = "FILE", description = "Language model, ARPA or binary (default: the "
            + "model's).")
    Path lm;
    @Option(names = {"-m", "--model"}, paramLabel = "DIR", description = "Model folder whose language model to use.")
    Path model = Main.defaultModel();

    @Override
    public Integer call() throws Exception {
        NgramModel languageModel;
        if (lm != null) {
            languageModel = NgramModel.read(lm);
        } else {
            languageModel = Recognizer.readLanguageModel(model);
            if (languageModel == null) {
                throw new IOException(model + " has no language model: give one with --lm FILE");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-32s %9s %10s %9s %12s %10s %10s%n", "file", "sentences", "words", "OOV %", "log10 P",
                "ppl", "ppl1");
        Perplexity all = new Perplexity(languageModel);
        for (Path f : files) {
            Perplexity p = new Perplexity(languageModel);
            try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    int tab = line.lastIndexOf('\t');
                    String n = TextNormalizer.normalize(tab >= 0 ? line.substring(tab + 1) : line).trim();
                    if (n.isEmpty()) {
                        continue;
                    }
                    String[] ws = n.split(" +");
                    p.add(ws);
                    all.add(ws);
                }
            } catch (java.nio.charset.MalformedInputException e) {
                throw new IOException(f + ": not UTF-8 text", e);
            }
            print(out, f.toString(), p);
        }
        if (files.size() > 1) {
            print(out, "all", all);
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, String name, Perplexity p) {
        out.printf("%-32s %9d %10d %9.2f %12.1f %10.1f %10.1f%n", name, p.sentences(), p.words(),
                100 * p.oovRate(), p.log10Prob(), p.perplexity(), p.perplexityWithoutEnds());
    }
}
