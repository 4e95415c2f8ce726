package org.hyakuyobako.detect.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A Cisco ASA log written by hand for adversarial C&C scenarios: connections out (answered, torn
 * down), connections out never torn down (open until the log ends), and connections in from
 * outside (a scanner's probes). Times are seconds after 10:00:00 on 1 May 2024; one-second stamps,
 * as a firewall writes them. Inside addresses are translated to one public address (PAT).
 */
final class AsaLogScript {
    /** Lines with their second, written in time order (as the firewall would) whatever order they were added in. */
    private record Line(long t, long order, String text) {
    }

    private final List<Line> lines = new ArrayList<>();
    private int id = 100;

    private void add(long t, String line) {
        lines.add(new Line(t, lines.size(), line));
    }

    private static String stamp(long seconds) {
        return String.format("May 01 2024 %02d:%02d:%02d", 10 + seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    /** An outbound TCP connection the inside host opened, answered with {@code bytes}, closed {@code duration} s later. */
    AsaLogScript connection(long t, String inside, int port, String outside, int outsidePort, int bytes, int duration) {
        built(t, "outbound", inside, port, outside, outsidePort);
        add(t + duration, stamp(t + duration) + " fw1 : %ASA-6-302014: Teardown TCP connection " + (id++) + " for outside:" + outside + "/"
                + outsidePort + " to inside:" + inside + "/" + port + String.format(" duration 0:%02d:%02d bytes ", duration / 60, duration % 60)
                + bytes + (bytes > 0 ? " TCP FINs" : " SYN Timeout"));
        return this;
    }

    /** An outbound TCP connection built and never torn down: open until the log ends (a C&C channel). */
    AsaLogScript open(long t, String inside, int port, String outside, int outsidePort) {
        built(t, "outbound", inside, port, outside, outsidePort);
        id++;
        return this;
    }

    /** An inbound probe from outside to an inside host, reset without payload. */
    AsaLogScript probe(long t, String outside, int outsidePort, String inside, int port) {
        built(t, "inbound", inside, port, outside, outsidePort);
        add(t, stamp(t) + " fw1 : %ASA-6-302014: Teardown TCP connection " + (id++) + " for outside:" + outside + "/" + outsidePort
                + " to inside:" + inside + "/" + port + " duration 0:00:00 bytes 0 TCP Reset-I");
        return this;
    }

    private void built(long t, String direction, String inside, int port, String outside, int outsidePort) {
        add(t, stamp(t) + " fw1 : %ASA-6-302013: Built " + direction + " TCP connection " + id + " for outside:" + outside + "/"
                + outsidePort + " (" + outside + "/" + outsidePort + ") to inside:" + inside + "/" + port + " (203.0.113.5/" + port + ")");
    }

    Path write(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        lines.stream().sorted(Comparator.comparingLong(Line::t).thenComparingLong(Line::order)).forEach(l -> text.append(l.text()).append('\n'));
        Files.writeString(file, text);
        return file;
    }
}
