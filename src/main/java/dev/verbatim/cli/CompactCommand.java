package dev.verbatim.cli;

import dev.verbatim.model.ModelBundle;
import dev.verbatim.model.WeightsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "compact", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Store a model folder's weights as 16-bit floats: weights.bin becomes half as large. Loading "
                + "widens them back to 32-bit floats, which changes the network's output by about 1e-3 (measure "
                + "with eval before and after). The file is rewritten atomically; the rest of the folder is kept.",
            "Keep training checkpoints in 32-bit: resume training from those, not from a compacted folder."})
final class CompactCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, paramLabel = "DIR", description = "Model folder.")
    Path model = Main.defaultModel();

    @Override
    public Integer call() throws Exception {
        Path file = model.resolve(ModelBundle.WEIGHTS);
        if (Files.exists(file)) {
            for (INDArray a : WeightsFile.read(file).values()) {
                if (a.dataType() == DataType.HALF) {
                    System.out.println(file + ": already 16-bit; nothing to do");
                    return 0;
                }
            }
        }
        ModelBundle bundle = ModelBundle.load(model); // checks every file first
        long before = Files.size(file);
        bundle.save(model, DataType.HALF);
        System.out.printf("%s: %,d -> %,d bytes (16-bit floats)%n", file, before, Files.size(file));
        return 0;
    }
}
