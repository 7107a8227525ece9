package dev.verbatim.cli;

import dev.verbatim.model.ModelBundle;
import dev.verbatim.model.WeightAverage;
import dev.verbatim.model.WeightsFile;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "average", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Average the parameters of several model folders of one network (checkpoint averaging), "
                + "e.g. the snapshots that 'train --snapshots N' keeps: "
                + "verbatim average --out runs/avg runs/default/snapshots/step-*",
            "The output gets the first folder's settings and the averaged weights; other files in it (an LM) are "
                + "kept. Measure it with eval against the single snapshots."})
final class AverageCommand implements Callable<Integer> {
    @Parameters(arity = "2..*", paramLabel = "MODEL_DIR", description = "Model folders to average.")
    List<Path> models;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the averaged model goes.")
    Path out;

    @Option(names = "--half", description = "Store the weights as 16-bit floats (as 'compact --bits 16' does).")
    boolean half;

    @Option(names = "--bits", paramLabel = "N", description = "Bits per stored weight: 32, 16 or 8 (as 'compact').")
    int bits = 32;

    @Override
    public Integer call() throws Exception {
        WeightsFile.Storage storage = WeightsFile.Storage.ofBits(half ? 16 : bits);
        ModelBundle avg = WeightAverage.average(models);
        avg.save(out, storage);
        System.out.printf("averaged %d models -> %s%n", models.size(), out);
        return 0;
    }
}
