package dev.verbatim.repl;

import dev.verbatim.io.FileErrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The {@code verbatim repl} console: reads commands (from a JLine terminal with history and completion, or line by
 * line from a script), runs them against a {@link Session} and reports failures as {@code error: ...} without
 * stopping. The commands themselves are thin layers over the library, in {@link Commands}.
 */
public final class Repl {
    static final String PROMPT = "verbatim> ";
    static final String HISTORY_FILE = ".verbatim_history";

    private final Session session;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean interactive;
    private final IntSupplier width;
    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final DefaultParser parser = new DefaultParser();
    private int failures;
    private boolean quit;

    /**
     * @param interactive whether a person watches a terminal: progress is then drawn as a live line (with ANSI
     *                    escapes); without it the output holds results and errors only
     * @param width       the terminal's width, for the progress line
     */
    public Repl(Session session, PrintWriter out, PrintWriter err, boolean interactive, IntSupplier width) {
        this.session = session;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
        this.width = width;
        for (Command c : new Commands(this).all()) {
            commands.put(c.name(), c);
        }
    }

    /** A REPL for scripts: no prompts, no progress line. */
    public Repl(Session session, PrintWriter out, PrintWriter err) {
        this(session, out, err, false, () -> 100);
    }

    Session session() {
        return session;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    boolean interactive() {
        return interactive;
    }

    IntSupplier width() {
        return width;
    }

    Map<String, Command> commands() {
        return Collections.unmodifiableMap(commands);
    }

    void quit() {
        quit = true;
    }

    /** Commands that failed so far. */
    public int failures() {
        return failures;
    }

    /**
     * Runs a script: one command per line, blank lines and lines starting with {@code #} skipped, until the end of
     * the input or {@code quit}.
     *
     * @return 0 if every command succeeded, 1 if any failed
     */
    public int runScript(Reader input) throws IOException {
        BufferedReader in = input instanceof BufferedReader b ? b : new BufferedReader(input);
        String line;
        while (!quit && (line = in.readLine()) != null) {
            execute(line);
        }
        out.flush();
        err.flush();
        return failures == 0 ? 0 : 1;
    }

    /**
     * Runs on the system terminal with a prompt, history in {@code ~/.verbatim_history} and Tab completion of
     * commands, keys and file names. Ctrl-C at the prompt clears the line; while a command runs it stops training
     * after the current step (or a command working through many files after the current one); Ctrl-D quits.
     *
     * @return 0
     */
    public static int runInteractive(Session session) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("verbatim").build()) {
            PrintWriter w = terminal.writer();
            Repl repl = new Repl(session, w, w, true, () -> terminal.getWidth() > 0 ? terminal.getWidth() : 100);
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("verbatim")
                    .parser(repl.parser)
                    .completer(new ReplCompleter(repl.commands, session.config()))
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), HISTORY_FILE))
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            terminal.handle(Terminal.Signal.INT, signal -> session.interrupt());
            w.println("Verbatim REPL. " + (session.hasWeights() ? "Model: " + describe(session) + "."
                    : "No model: 'load DIR', or 'new' and 'train MANIFEST'.")
                    + " 'help' lists the commands; Tab completes; Ctrl-D quits.");
            w.flush();
            while (!repl.quit) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                repl.execute(line);
            }
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                w.println("note: history not saved: " + e.getMessage());
            }
            w.flush();
            return 0;
        }
    }

    private static String describe(Session s) {
        return (s.modelDir() != null ? s.modelDir() + ", " : "")
                + String.format("%,d parameters", s.bundle().model().parameterCount());
    }

    /**
     * Runs one line. Blank lines and {@code #} comments do nothing.
     *
     * @return false if the command failed (the failure was printed)
     */
    public boolean execute(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return true;
        }
        List<String> words;
        try {
            words = words(trimmed);
        } catch (SyntaxError e) {
            return fail("cannot read the line: " + e.getMessage());
        }
        if (words.isEmpty()) {
            return true;
        }
        String name = words.get(0);
        Command command = commands.get(name);
        if (command == null) {
            String hint = Suggest.closest(name, commands.keySet());
            return fail("unknown command '" + name + "'" + (hint == null ? "" : " (did you mean " + hint + "?)")
                    + "; 'help' lists the commands");
        }
        session.resetCancel();
        try {
            command.action().run(words.subList(1, words.size()));
            return true;
        } catch (ReplException | ConfigKeys.ConfigException e) {
            return fail(name + ": " + e.getMessage());
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            return fail(name + ": " + FileErrors.describe(e));
        } catch (RuntimeException e) {
            return fail(name + ": " + e);
        } catch (OutOfMemoryError e) {
            return fail(name + ": out of memory (" + e.getMessage() + ")");
        } catch (Exception e) {
            return fail(name + ": " + FileErrors.describe(e));
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Splits a line as the terminal does: spaces separate words, quotes and backslashes keep them together. */
    List<String> words(String line) {
        ParsedLine parsed = parser.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE);
        List<String> words = new ArrayList<>();
        for (String w : parsed.words()) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    private boolean fail(String message) {
        failures++;
        out.flush();
        err.println("error: " + message);
        err.flush();
        return false;
    }
}
