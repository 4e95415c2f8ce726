package org.hyakuyobako.sink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.flow.FlowRecord;
import org.hyakuyobako.net.HomeNet;

/**
 * The run's TCP and UDP flows as the Cisco ASA in front of the home net would have logged them:
 * a Built message (302013/302015) at the flow's start and a Teardown (302014/302016) with duration
 * and bytes at its end, in time order, "inside" being the home net (no NAT). For turning captures
 * into firewall logs (the simulator's scenarios, tests). Lines are held until the end to be written
 * in time order: memory grows with the number of flows.
 */
public final class AsaSyslogSink implements EventSink {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM dd yyyy HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private record Line(long nanos, long order, String text) {
    }

    private final Path file;
    private final HomeNet homeNet;
    private final String device;
    private final List<Line> lines = new ArrayList<>();
    private long connection = 1;

    public AsaSyslogSink(Path file, HomeNet homeNet, String device) {
        this.file = file;
        this.homeNet = homeNet;
        this.device = device;
    }

    @Override
    public void accept(Event event) {
        if (!(event instanceof FlowEvent fe)) {
            return;
        }
        FlowRecord f = fe.flow();
        String proto = f.protocol() == 6 ? "TCP" : f.protocol() == 17 ? "UDP" : null;
        boolean origInside = homeNet.contains(f.srcHi(), f.srcLo());
        boolean respInside = homeNet.contains(f.destHi(), f.destLo());
        if (proto == null || origInside == respInside) {
            return;     // not through the firewall (or not a protocol these messages carry)
        }
        long id = connection++;
        // The device lists the outside end first; "outbound" when the inside host opened the connection.
        String outside = origInside ? f.destIp() + "/" + f.destPort() : f.srcIp() + "/" + f.srcPort();
        String inside = origInside ? f.srcIp() + "/" + f.srcPort() : f.destIp() + "/" + f.destPort();
        String built = stamp(f.startNanos()) + " " + device + " : %ASA-6-" + (proto.equals("TCP") ? "302013" : "302015") + ": Built "
                + (origInside ? "outbound " : "inbound ") + proto + " connection " + id + " for outside:" + outside + " (" + outside
                + ") to inside:" + inside + " (" + inside + ")";
        long seconds = f.durationNanos() / 1_000_000_000L;
        String teardown = stamp(f.endNanos()) + " " + device + " : %ASA-6-" + (proto.equals("TCP") ? "302014" : "302016") + ": Teardown "
                + proto + " connection " + id + " for outside:" + outside + " to inside:" + inside
                + String.format(Locale.ROOT, " duration %d:%02d:%02d bytes %d", seconds / 3600, seconds / 60 % 60, seconds % 60,
                f.origSeqBytes() + f.respSeqBytes()) + (proto.equals("TCP") ? " TCP FINs" : "");
        lines.add(new Line(f.startNanos(), id * 2, built));
        lines.add(new Line(f.endNanos(), id * 2 + 1, teardown));
    }

    private static String stamp(long nanos) {
        return TIME.format(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)));
    }

    @Override
    public void close() throws IOException {
        lines.sort(Comparator.comparingLong(Line::nanos).thenComparingLong(Line::order));
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            for (Line l : lines) {
                out.write(l.text());
                out.write('\n');
            }
        }
        lines.clear();
    }
}
