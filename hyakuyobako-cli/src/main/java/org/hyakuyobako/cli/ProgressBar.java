package org.hyakuyobako.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyakuyobako.pipeline.ProgressListener;

/**
 * A one-line progress bar on stderr, redrawn in place, shown only when stderr is a terminal (so
 * logs and CI output stay clean).
 */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final long started = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintStream err) {
        this.err = err;
    }

    /** Whether file descriptor 2 is a terminal (Linux: /proc/self/fd/2 points at a tty or pts). */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void progress(long done, long total, long packets) {
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L && done < total) {
            return;
        }
        lastDraw = now;
        double share = total <= 0 ? 0 : Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(share * WIDTH);
        double seconds = (now - started) / 1e9;
        double mbps = seconds > 0 ? done / 1e6 / seconds : 0;
        err.printf("\r[%s%s] %3.0f%%  %,d packets  %.0f MB/s ", "#".repeat(filled), " ".repeat(WIDTH - filled),
                share * 100, packets, mbps);
        err.flush();
        drawn = true;
    }

    void finish() {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
            err.flush();
        }
    }
}
