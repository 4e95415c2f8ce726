package org.hyakuyobako.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyakuyobako.flow.FlowRecord;
import org.hyakuyobako.source.InputDiagnostics;
import org.hyakuyobako.source.SkipReason;
import org.hyakuyobako.source.firewall.AsaLine;
import org.hyakuyobako.source.firewall.AsaSyslogReader;
import org.hyakuyobako.source.firewall.FirewallFlow;
import org.hyakuyobako.source.firewall.FirewallFlows;
import org.hyakuyobako.source.flowfile.FlowFileFormat;
import org.hyakuyobako.source.flowfile.FlowFileReader;
import org.hyakuyobako.source.flowfile.NetFlowDecoder;

/**
 * The inputs of a run that are not captures — firewall logs and flow files, recognised by content —
 * read into flow records numbered for this run, ordered by their start so the analysis can replay
 * them in packet time among the captures' packets.
 */
final class FlowInputs {
    /** Flow ids of records read from logs start here, far from the flow table's. */
    static final long FIRST_ID = 1L << 48;

    private final List<FlowRecord> records = new ArrayList<>();
    private final Map<String, Long> counters = new TreeMap<>();
    private long nextId = FIRST_ID;
    private int next;

    /** Whether a file is a flow file or a firewall log (a capture is neither: it starts with binary magic). */
    static boolean isFlowInput(Path file) {
        List<String> head = head(file);
        if (head.isEmpty()) {
            // Binary: a capture, unless it is a capture of NetFlow/IPFIX exports.
            return NetFlowExportCapture.looksLike(file);
        }
        return FlowFileFormat.recognise(head) != null || head.stream().anyMatch(l -> AsaLine.parse(l, 2000) != null);
    }

    private static List<String> head(Path file) {
        List<String> lines = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(8_192);
            if (start.length >= 4) {
                int magic = (start[0] & 0xff) << 24 | (start[1] & 0xff) << 16 | (start[2] & 0xff) << 8 | start[3] & 0xff;
                // pcap (both byte orders, micro- and nanosecond), pcapng, gzip: captures, never logs.
                if (magic == 0xd4c3b2a1 || magic == 0xa1b2c3d4 || magic == 0x4d3cb2a1 || magic == 0xa1b23c4d || magic == 0x0a0d0d0a
                        || (magic >>> 16) == 0x1f8b) {
                    return List.of();
                }
            }
            for (byte b : start) {
                if (b == 0) {
                    return List.of();     // binary: not a text log
                }
            }
            try (BufferedReader r = new BufferedReader(new java.io.StringReader(new String(start, StandardCharsets.ISO_8859_1)))) {
                String l;
                while (lines.size() < 20 && (l = r.readLine()) != null) {
                    lines.add(l);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return lines;
    }

    /** Reads one input for sensor {@code sensor}, file {@code fileId}; its problems go to the diagnostics with file and line. */
    void read(Path file, int sensor, int fileId, InputDiagnostics diagnostics) throws IOException {
        String name = file.toString();
        List<FlowRecord> read = new ArrayList<>();
        FlowFileReader flows = new FlowFileReader(read::add, p -> diagnostics.report(SkipReason.BAD_LOG_LINE, p, -1, "skipped"));
        if (head(file).isEmpty()) {
            NetFlowDecoder decoder = new NetFlowDecoder(read::add, p -> diagnostics.report(SkipReason.BAD_LOG_LINE, p, -1, "skipped"));
            long[] n = NetFlowExportCapture.read(file, sensor, decoder, diagnostics);
            counters.merge("netflow.export_datagrams", n[0], Long::sum);
            counters.merge("netflow.other_packets_skipped", n[1], Long::sum);
            counters.merge("netflow.records", decoder.decoded(), Long::sum);
            counters.merge("netflow.without_template", decoder.withoutTemplate(), Long::sum);
        } else if (flows.read(file, sensor) == null) {
            List<FirewallFlow> connections = new ArrayList<>();
            FirewallFlows join = new FirewallFlows(connections::add);
            long[] denials = {0};
            // Connections are joined; refused attempts become unanswered flows (what a scanner leaves in a firewall's log).
            AsaSyslogReader asa = new AsaSyslogReader(e -> {
                join.accept(e);
                FlowRecord failed = e.asFailedAttempt(sensor);
                if (failed != null) {
                    read.add(failed);
                    denials[0]++;
                }
            }, p -> diagnostics.report(SkipReason.BAD_LOG_LINE, p, -1, "skipped"));
            try (InputStream in = Files.newInputStream(file)) {
                asa.read(in, name, fileYear(file));
            }
            join.finish();
            for (FirewallFlow c : connections) {
                FlowRecord r = c.toFlowRecord(0, sensor);
                if (r != null) {
                    read.add(r);
                } else {
                    counters.merge("firewall.connections_without_addresses", 1L, Long::sum);
                }
            }
            diagnostics.count(SkipReason.UNSUPPORTED_LOG_MESSAGE, asa.unsupported());
            counters.merge("firewall.lines_parsed", asa.parsed(), Long::sum);
            counters.merge("firewall.connections_joined", join.joined(), Long::sum);
            counters.merge("firewall.denials", denials[0], Long::sum);
            asa.unsupportedById().forEach((id, n) -> counters.merge("firewall.unsupported." + id, n, Long::sum));
        }
        for (FlowRecord r : read) {
            records.add(r.withIdentity(nextId++, sensor, fileId));
        }
        counters.merge("flow_inputs.records", (long) read.size(), Long::sum);
    }

    /** Device logs without a year in their timestamps take the file's modification year. */
    private static int fileYear(Path file) throws IOException {
        return java.time.Instant.ofEpochMilli(Files.getLastModifiedTime(file).toMillis()).atZone(java.time.ZoneOffset.UTC).getYear();
    }

    void sort() {
        records.sort(Comparator.comparingLong(FlowRecord::startNanos));
    }

    /** The next record starting at or before {@code t}, or null. */
    FlowRecord nextUntil(long t) {
        if (next < records.size() && records.get(next).startNanos() <= t) {
            return records.get(next++);
        }
        return null;
    }

    boolean isEmpty() {
        return records.isEmpty();
    }

    long firstStart() {
        return records.isEmpty() ? Long.MAX_VALUE : records.get(0).startNanos();
    }

    long lastEnd() {
        return records.stream().mapToLong(FlowRecord::endNanos).max().orElse(Long.MIN_VALUE);
    }

    Map<String, Long> counters() {
        return counters;
    }
}
