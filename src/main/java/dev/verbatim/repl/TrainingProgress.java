package dev.verbatim.repl;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Turns the trainer's log into what the REPL shows: on a terminal its progress lines ("step ...") become one live
 * line, redrawn every second with the elapsed time; other lines (what was read, dev scores) print as they come.
 * Lines about the loop's temporary checkpoint folder are dropped: in the REPL the model stays in memory.
 */
final class TrainingProgress implements AutoCloseable {
    private final StatusLine status;
    private final PrintWriter out;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService timer;
    private final PrintStream log;
    private String last;

    TrainingProgress(PrintWriter out, boolean live, IntSupplier width, String initial) {
        this.out = out;
        this.status = new StatusLine(out, live, width);
        this.last = initial;
        this.log = new PrintStream(new LineSplitter(), true, StandardCharsets.UTF_8);
        if (live) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "repl-progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::refresh, 0, 1, TimeUnit.SECONDS);
        } else {
            timer = null;
        }
    }

    /** Where the trainer writes its log. */
    PrintStream log() {
        return log;
    }

    private synchronized void refresh() {
        long s = (System.nanoTime() - start) / 1_000_000_000L;
        status.set(String.format(Locale.ROOT, "[%d:%02d] %s  (Ctrl-C stops after this step)", s / 60, s % 60,
                last));
    }

    synchronized void line(String line) {
        if (line.startsWith("stopped at step ") || line.startsWith("finished ")) {
            return;
        }
        String shown = line;
        int saved = shown.indexOf(": saved ");
        if (shown.startsWith("new best dev CER") && saved > 0) {
            shown = shown.substring(0, saved);
        }
        if (shown.startsWith("step ") && status.live()) {
            last = shown;
            refresh();
        } else if (status.live()) {
            status.println(shown);
        } else {
            out.println(shown);
            out.flush();
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.flush();
        status.clear();
    }

    /** Collects bytes into lines. */
    private final class LineSplitter extends OutputStream {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String s = buffer.toString(StandardCharsets.UTF_8);
                buffer.reset();
                line(s.endsWith("\r") ? s.substring(0, s.length() - 1) : s);
            } else {
                buffer.write(b);
            }
        }

        @Override
        public synchronized void flush() {
        }
    }
}
