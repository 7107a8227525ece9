package dev.verbatim.cli;

import dev.verbatim.io.AtomicFiles;
import dev.verbatim.lm.NgramModel;
import dev.verbatim.model.ModelBundle;
import dev.verbatim.model.WeightsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "compact", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Make a model folder small for shipping. Its weights are stored in 8 bits (--bits 8: each "
                + "row of a matrix as signed bytes with one scale, biases in 16 bits), a quarter of 32-bit floats, "
                + "or as 16-bit floats (--bits 16), half. Loading widens them back to 32-bit floats; the network's "
                + "output moves by about 1e-2 (8 bits) or 1e-3 (16 bits). Its language model (the lm.bin or lm.arpa "
                + "that config.json names) is rewritten as a quantized lm.bin: 8-bit probabilities and backoffs for "
                + "bigrams and up, which moves them by about 0.01 in log10 and shrinks the file to about a third. "
                + "Measure with eval before and after. Files are rewritten atomically; the rest of the folder is kept.",
            "Keep training checkpoints in 32-bit: resume training from those, not from a compacted folder."})
final class CompactCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, paramLabel = "DIR", description = "Model folder.")
    Path model = Main.defaultModel();

    @Spec
    CommandSpec spec;

    @Option(names = "--no-lm", description = "Leave the language model as it is.")
    boolean keepLm;

    @Option(names = "--bits", paramLabel = "N", description = "Bits per weight: 8 or 16.")
    int bits = 8;

    @Override
    public Integer call() throws Exception {
        if (bits != 8 && bits != 16) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bits must be 8 or 16, not " + bits);
        }
        ModelBundle bundle = ModelBundle.load(model); // checks every file first
        compactWeights(bundle);
        String lmName = bundle.decoder().languageModel();
        if (!keepLm && lmName != null) {
            compactLanguageModel(bundle, lmName);
        }
        return 0;
    }

    private void compactWeights(ModelBundle bundle) throws Exception {
        Path file = model.resolve(ModelBundle.WEIGHTS);
        WeightsFile.Storage now = WeightsFile.storage(file);
        if (now.bits() <= bits) {
            spec.commandLine().getOut().println(file + ": already " + now.bits() + "-bit; nothing to do");
            return;
        }
        long before = Files.size(file);
        bundle.save(model, WeightsFile.Storage.ofBits(bits));
        spec.commandLine().getOut().printf("%s: %,d -> %,d bytes (%d-bit %s)%n", file, before, Files.size(file), bits,
                bits == 8 ? "rows with a scale each" : "floats");
    }

    private void compactLanguageModel(ModelBundle bundle, String lmName) throws Exception {
        Path file = model.resolve(lmName);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + ": missing (config.json names it as the language model)");
        }
        if (NgramModel.isQuantized(file)) {
            spec.commandLine().getOut().println(file + ": already quantized; nothing to do");
            return;
        }
        NgramModel lm = NgramModel.read(file);
        Path target = model.resolve("lm.bin");
        long before = Files.size(file);
        AtomicFiles.write(target, out -> lm.writeBinary(out, true));
        if (!target.equals(file)) {
            // an ARPA file: point the config at the binary one, then drop the text
            bundle.withDecoder(bundle.decoder().withLanguageModel("lm.bin")).saveConfig(model);
            Files.delete(file);
        }
        spec.commandLine().getOut().printf("%s: %,d -> %s: %,d bytes (quantized)%n", file, before, target.getFileName(),
                Files.size(target));
    }
}
