package dev.verbatim.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The training-data summary of a model folder's card ({@code MODEL.md}), for {@code info}. */
final class ModelCard {
    static final String FILE = "MODEL.md";
    /** The card's companion: the session-by-session record of how the model was trained. */
    static final String HISTORY = "HISTORY.md";
    static final int MAX_LINES = 30;

    private ModelCard() {
    }

    /**
     * The lines under the first heading that mentions "training data" (up to the next heading of the same or a higher
     * level), or, without such a heading, the card's first paragraph lines; at most {@link #MAX_LINES}, the last one
     * saying how many were left out. Null when the folder has no card.
     */
    static List<String> trainingData(Path modelDir) throws IOException {
        Path card = modelDir.resolve(FILE);
        if (!Files.isRegularFile(card)) {
            return null;
        }
        return summary(Files.readAllLines(card, StandardCharsets.UTF_8));
    }

    static List<String> summary(List<String> lines) {
        int start = -1;
        int level = 0;
        for (int i = 0; i < lines.size(); i++) {
            int l = headingLevel(lines.get(i));
            if (l > 0 && lines.get(i).toLowerCase(Locale.ROOT).contains("training data")) {
                start = i + 1;
                level = l;
                break;
            }
        }
        List<String> out = new ArrayList<>();
        if (start >= 0) {
            for (int i = start; i < lines.size(); i++) {
                int l = headingLevel(lines.get(i));
                if (l > 0 && l <= level) {
                    break;
                }
                out.add(lines.get(i));
            }
        } else {
            for (String line : lines) {
                if (headingLevel(line) > 0 && out.isEmpty()) {
                    continue;
                }
                if (line.isBlank() && !out.isEmpty()) {
                    break;
                }
                if (!line.isBlank()) {
                    out.add(line);
                }
            }
        }
        while (!out.isEmpty() && out.get(0).isBlank()) {
            out.remove(0);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
            out.remove(out.size() - 1);
        }
        if (out.size() > MAX_LINES) {
            int left = out.size() - (MAX_LINES - 1);
            out = new ArrayList<>(out.subList(0, MAX_LINES - 1));
            out.add("... (" + left + " more lines in " + FILE + ")");
        }
        return out;
    }

    private static int headingLevel(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == '#') {
            n++;
        }
        return n > 0 && n < line.length() && line.charAt(n) == ' ' ? n : 0;
    }
}
