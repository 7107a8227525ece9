package dev.verbatim.repl;

import java.util.List;
import java.util.Map;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: command names first; then, by command, command names ({@code help}), setting keys and sections
 * ({@code show}, {@code set}, with the known values of a key after it), or file names.
 */
final class ReplCompleter implements Completer {
    private final Map<String, Command> commands;
    private final ConfigKeys config;
    private final Completer files = new Completers.FileNameCompleter();

    ReplCompleter(Map<String, Command> commands, ConfigKeys config) {
        this.commands = commands;
        this.config = config;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        int index = line.wordIndex();
        if (index == 0) {
            for (Command c : commands.values()) {
                candidates.add(new Candidate(c.name(), c.name(), null, c.summary(), null, null, true));
            }
            return;
        }
        Command command = commands.get(line.words().get(0));
        if (command == null) {
            return;
        }
        switch (command.args()) {
            case COMMANDS -> {
                if (index == 1) {
                    for (Command c : commands.values()) {
                        candidates.add(new Candidate(c.name(), c.name(), null, c.summary(), null, null, true));
                    }
                }
            }
            case KEYS -> keys(command.name().equals("set"), index, line, candidates);
            case FILES -> files.complete(reader, line, candidates);
            case PLOT -> {
                if (index == 1) {
                    candidates.add(new Candidate("loss"));
                } else if (index == 2) {
                    files.complete(reader, line, candidates);
                }
            }
            case NONE -> {
            }
        }
    }

    /** Keys (and, for show, sections) as the first argument; for set, a key's known values as the second. */
    private void keys(boolean set, int index, ParsedLine line, List<Candidate> candidates) {
        if (!set || index == 1) {
            if (!set) {
                for (String section : ConfigKeys.sections()) {
                    candidates.add(new Candidate(section, section, "sections", null, null, null, true));
                }
            }
            for (ConfigKeys.Key k : config.keys()) {
                if (set && config.fixedReason(k) != null) {
                    continue;
                }
                candidates.add(new Candidate(k.name(), k.name(), k.section(),
                        k.description().isEmpty() ? null : k.description(), null, null, true));
            }
        } else if (index == 2) {
            ConfigKeys.Key key;
            try {
                key = config.key(line.words().get(1));
            } catch (ConfigKeys.ConfigException e) {
                return;
            }
            for (String v : config.valueHints(key)) {
                candidates.add(new Candidate(v));
            }
            if (config.valueHints(key).isEmpty()) {
                candidates.add(new Candidate(config.get(key), config.get(key), null, "current value", null, null,
                        true));
            }
        }
    }
}
