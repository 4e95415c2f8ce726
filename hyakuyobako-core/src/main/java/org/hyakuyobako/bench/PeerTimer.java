package org.hyakuyobako.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Times the peer tools users compare us with (tcpdump's read floor, argus's flow records) on the
 * same files, in the same run, so figures are quoted as ratios on one noisy machine.
 */
public final class PeerTimer {
    /** One peer's time over all files, or a reason it could not run. */
    public record Result(String tool, String command, long nanos, long bytes, String skipped) {
        public double megabytesPerSecond() {
            return nanos <= 0 ? 0 : bytes / 1e6 / (nanos / 1e9);
        }
    }

    private PeerTimer() {
    }

    public static List<Result> runAll(List<Path> files, Path scratch) throws IOException, InterruptedException {
        List<Result> results = new ArrayList<>();
        results.add(time("tcpdump", files, f -> List.of("tcpdump", "-n", "-r", f.toString(), "-w", "/dev/null")));
        results.add(time("argus", files, f -> List.of("argus", "-r", f.toString(), "-w", scratch.resolve("out.argus").toString())));
        return results;
    }

    private interface CommandFor {
        List<String> of(Path file);
    }

    private static Result time(String tool, List<Path> files, CommandFor command) throws IOException, InterruptedException {
        if (!onPath(tool)) {
            return new Result(tool, "", 0, 0, tool + " is not installed (Debian package: "
                    + (tool.equals("argus") ? "argus-server" : tool) + ")");
        }
        long total = 0;
        long bytes = 0;
        String shown = String.join(" ", command.of(Path.of("FILE"))) + (files.size() > 1 ? " (once per file, times summed)" : "");
        for (Path f : files) {
            List<String> cmd = command.of(f);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            long start = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result(tool, shown, 0, 0, "timed out");
            }
            total += System.nanoTime() - start;
            bytes += Files.size(f);
        }
        return new Result(tool, shown, total, bytes, null);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
