package dev.verbatim.repl;

import java.io.PrintWriter;
import java.util.function.IntSupplier;

/**
 * One line of progress, redrawn in place on a terminal ({@code live}); without a terminal nothing is drawn, so a
 * piped script's output holds results only. Ordinary lines printed through {@link #println} go above it.
 */
class StatusLine {
    private final PrintWriter out;
    private final boolean live;
    private final IntSupplier width;
    private String text = "";
    private boolean shown;

    StatusLine(PrintWriter out, boolean live, IntSupplier width) {
        this.out = out;
        this.live = live;
        this.width = width;
    }

    boolean live() {
        return live;
    }

    /** Replaces the progress text and redraws it. */
    synchronized void set(String status) {
        text = status;
        draw();
    }

    /** Prints a line above the progress line. */
    synchronized void println(String line) {
        erase();
        out.println(line);
        draw();
    }

    /** Removes the progress line for good. */
    synchronized void clear() {
        erase();
        text = "";
        out.flush();
    }

    synchronized void draw() {
        if (!live || text.isEmpty()) {
            return;
        }
        int w = Math.max(20, width.getAsInt() - 1);
        String s = text.length() > w ? text.substring(0, w - 3) + "..." : text;
        out.print("\r" + s + "\u001B[K");
        out.flush();
        shown = true;
    }

    private void erase() {
        if (shown) {
            out.print("\r\u001B[K");
            shown = false;
        }
    }
}
