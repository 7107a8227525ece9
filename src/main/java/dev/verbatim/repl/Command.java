package dev.verbatim.repl;

import java.util.List;

/**
 * One REPL command: its name, a usage line, a one-line summary for {@code help}, the details {@code help NAME}
 * prints, what its arguments complete to, and what it does.
 */
record Command(String name, String usage, String summary, String details, Args args, Action action) {

    /** What tab completion offers for the arguments. */
    enum Args { NONE, COMMANDS, KEYS, FILES, PLOT }

    /** Runs the command; a {@link ReplException} or an I/O error is reported and the REPL goes on. */
    @FunctionalInterface
    interface Action {
        void run(List<String> args) throws Exception;
    }
}
