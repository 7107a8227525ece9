package dev.verbatim.cli;

import dev.verbatim.repl.Repl;
import dev.verbatim.repl.Session;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "repl", mixinStandardHelpOptions = true,
        description = {"An interactive console for tweaking the model: settings, transcription, evaluation, short "
                + "training runs and pictures, with history and Tab completion ('help' inside lists the commands).",
            "Without a terminal (input or output redirected, as in verbatim repl < script.txt) it runs the commands "
                    + "line by line with no prompts; blank lines and # comments are skipped, and the exit code is 1 "
                    + "if any command failed."})
final class ReplCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "DIR",
            description = "Model folder to start with (default: ${DEFAULT-VALUE}, if it exists).")
    Path model = Main.defaultModel();

    @Option(names = "--no-model", description = "Start without a model ('load DIR', or 'new' and 'train').")
    boolean noModel;

    @Override
    public Integer call() throws Exception {
        Session session = new Session();
        boolean named = spec.commandLine().getParseResult().hasMatchedOption("--model");
        if (!noModel && (named || Files.isDirectory(model))) {
            session.load(model);
        }
        if (System.console() != null) {
            return Repl.runInteractive(session);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return new Repl(session, out, err).runScript(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
}
