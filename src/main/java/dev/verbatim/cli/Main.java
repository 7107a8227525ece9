package dev.verbatim.cli;

import dev.verbatim.io.FileErrors;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code verbatim} command line: thin subcommands over the library. */
@Command(name = "verbatim", mixinStandardHelpOptions = true, version = "verbatim 0.1.0",
        description = "Offline English speech recognition.",
        subcommands = {TranscribeCommand.class, ListenCommand.class, DevicesCommand.class, EvalCommand.class,
                TrainCommand.class, BenchCommand.class, BuildLmCommand.class, TuneLmCommand.class, CompactCommand.class,
                AverageCommand.class, LmEvalCommand.class,
                ReplCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show ND4J's and the trainer's diagnostic logging.")
    boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required");
    }

    /** Where the shipped models live: the launcher passes the installation folder. */
    static Path home() {
        return Path.of(System.getProperty("verbatim.home", "."));
    }

    static Path defaultModel() {
        return home().resolve("models").resolve("default");
    }

    public static void main(String[] args) {
        configureLogging(args);
        System.exit(commandLine(args).execute(args));
    }

    /**
     * The command line {@link #main} runs: a failing command prints "verbatim: " and
     * {@link FileErrors#describe what went wrong} on the error stream (the stack trace too with --verbose) and exits
     * with 2.
     */
    static CommandLine commandLine(String[] args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("verbatim: " + FileErrors.describe(e));
                    if (isVerbose(args)) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return 2;
                });
    }

    private static boolean isVerbose(String[] args) {
        for (String a : args) {
            if (a.equals("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** SLF4J's simple binding reads its level once, so it has to be set before ND4J creates a logger. */
    private static void configureLogging(String[] args) {
        String level = isVerbose(args) ? "info" : "error";
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }
}
