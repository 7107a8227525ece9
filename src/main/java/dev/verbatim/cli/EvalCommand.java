package dev.verbatim.cli;

import dev.verbatim.Recognizer;
import dev.verbatim.audio.AudioLoader;
import dev.verbatim.augment.Augmenter;
import dev.verbatim.data.Manifest;
import dev.verbatim.data.Utterance;
import dev.verbatim.eval.EvalReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Transcribe a manifest (path<TAB>transcript) and print WER, CER and the worst utterances.")
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "A path<TAB>transcript file.")
    Path manifest;

    @Option(names = {"-m", "--model"}, paramLabel = "DIR", description = "Model folder (default: ${DEFAULT-VALUE}).")
    Path model = Main.defaultModel();

    @picocli.CommandLine.Mixin
    DecodingOptions decoding = new DecodingOptions();

    @Option(names = "--worst", paramLabel = "N", description = "Worst utterances to show (default: ${DEFAULT-VALUE}).")
    int worst = 5;

    @Option(names = "--per-utterance", paramLabel = "TSV", description = "Also write every utterance's reference, "
            + "hypothesis and error counts to this file (tab-separated, with a header line), e.g. to group the "
            + "errors by voice or speaker.")
    Path perUtterance;
    @Option(names = "--gain", paramLabel = "DB", description = "Change every file's level by DB decibels before "
            + "recognition (samples clipped to [-1, 1]), to measure how the model copes with quiet or loud "
            + "recordings, e.g. --gain -12 (default: 0, as recorded).")
    double gainDb;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Double.isFinite(gainDb)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--gain must be a number of dB, got "
                    + gainDb);
        }
        List<Utterance> utterances = Manifest.read(manifest);
        Recognizer recognizer = decoding.load(model);
        if (decoding.autoWarp()) {
            recognizer = DecodingOptions.adaptWarp(recognizer, utterances.stream().map(Utterance::audio).toList(),
                    gainDb, out);
        }
        EvalReport report = new EvalReport();
        int failures = 0;
        int rate = recognizer.bundle().features().sampleRateHz();
        double audioSec = 0;
        long decodeNs = 0;
        for (Utterance u : utterances) {
            try {
                float[] samples = AudioLoader.loadMono(u.audio(), rate);
                if (gainDb != 0) {
                    samples = Augmenter.gain(samples, gainDb);
                }
                long t0 = System.nanoTime();
                String hyp = recognizer.transcribe(samples).text();
                decodeNs += System.nanoTime() - t0;
                audioSec += samples.length / (double) rate;
                report.add(u.audio().toString(), u.transcript(), hyp);
            } catch (IOException e) {
                err.println("verbatim: " + e.getMessage());
                failures++;
            }
        }
        out.println(manifest + " (model " + model + (gainDb == 0 ? "" : String.format(", gain %+.1f dB", gainDb))
                + (recognizer.warp() == 1 ? "" : String.format(java.util.Locale.ROOT, ", warp %.2f", recognizer.warp()))
                + ")");
        out.print(report.format(worst));
        if (perUtterance != null) {
            dev.verbatim.io.AtomicFiles.write(perUtterance,
                    report.perUtteranceTsv().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.println("per-utterance results: " + perUtterance);
        }
        out.printf("audio %.1f s, recognised in %.1f s (features + network + decoding): real-time factor %.3f%n",
                audioSec, decodeNs / 1e9, audioSec == 0 ? 0 : decodeNs / 1e9 / audioSec);
        out.flush();
        return failures == 0 ? 0 : 1;
    }
}
