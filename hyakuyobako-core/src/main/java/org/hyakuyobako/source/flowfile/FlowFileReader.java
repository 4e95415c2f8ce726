package org.hyakuyobako.source.flowfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.decode.IpProtocol;
import org.hyakuyobako.event.Timestamps;
import org.hyakuyobako.flow.FlowRecord;

/**
 * Reads flow records that other tools wrote — Suricata EVE {@code flow}, Zeek conn.log (TSV and
 * JSON), Argus {@code ra} CSV, CTU-13 binetflow — into the packet path's {@link FlowRecord}, so
 * flow-level detectors and writers take them unchanged. Every line is a flow, a header or comment,
 * another event type (EVE), or a bad line reported with file and line number and counted.
 * binetflow labels (ground truth) are kept by flow id.
 */
public final class FlowFileReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ARGUS_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss[.SSSSSS][.SSS]", Locale.ROOT);

    private final Consumer<FlowRecord> flows;
    private final Consumer<String> problems;
    private final Map<Long, String> labels = new HashMap<>();
    private long read;
    private long bad;
    private long other;
    private long nextId = 1;

    public FlowFileReader(Consumer<FlowRecord> flows, Consumer<String> problems) {
        this.flows = flows;
        this.problems = problems;
    }

    /** Reads the file in the format its content shows; the format, or null when none fits (nothing read). */
    public FlowFileFormat read(Path file, int sensorId) throws IOException {
        List<String> head = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String l;
            while (head.size() < 20 && (l = r.readLine()) != null) {
                head.add(l);
            }
        }
        FlowFileFormat format = FlowFileFormat.recognise(head);
        if (format == null) {
            return null;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            long number = 0;
            String[] header = null;
            while ((line = r.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    switch (format) {
                        case EVE -> eve(line, sensorId);
                        case ZEEK_JSON -> zeekJson(line, sensorId);
                        case ZEEK_TSV -> {
                            if (line.startsWith("#fields")) {
                                header = line.substring(8).split("\t");
                            } else if (!line.startsWith("#")) {
                                zeekTsv(header, line, sensorId);
                            }
                        }
                        default -> {
                            if (header == null) {
                                header = line.split(",");
                            } else {
                                argus(header, line, sensorId, format == FlowFileFormat.BINETFLOW);
                            }
                        }
                    }
                } catch (RuntimeException | IOException e) {
                    bad++;
                    problems.accept(file + ":" + number + ": not a flow record of " + format + " (" + e.getMessage() + ")");
                }
            }
        }
        return format;
    }

    private void emit(FlowRecord f) {
        read++;
        flows.accept(f);
    }

    private static long[] ip(String s) {
        return IpAddresses.parse(s);
    }

    private static int protocol(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "tcp" -> IpProtocol.TCP;
            case "udp" -> IpProtocol.UDP;
            case "icmp" -> IpProtocol.ICMP;
            case "ipv6-icmp", "icmp6", "ipv6_icmp" -> IpProtocol.ICMPV6;
            default -> Integer.parseInt(name);
        };
    }

    private static long nanos(double seconds) {
        return Math.round(seconds * 1e9);
    }


    private FlowRecord record(long flowId, int sensorId, int protocol, long[] src, int sport, long[] dst, int dport, long start,
                              long end, long pktsOut, long pktsIn, long bytesOut, long bytesIn, long seqOut, long seqIn,
                              String connState, String history, String reason, String appProto) {
        return new FlowRecord(flowId, sensorId, protocol, sport, dport, start, end, Math.max(0, end - start), pktsOut, pktsIn,
                bytesOut, bytesIn, bytesOut, bytesIn, seqOut, seqIn, connState, history == null ? "" : history, 0, 0, null, reason,
                appProto, -1, -1, src[0], src[1], dst[0], dst[1]);
    }

    private void eve(String line, int sensorId) throws IOException {
        JsonNode n = JSON.readTree(line);
        if (!"flow".equals(n.path("event_type").asText())) {
            other++;
            return;
        }
        JsonNode f = n.path("flow");
        JsonNode conn = n.path("conn");
        long start = Timestamps.parseEve(f.path("start").asText());
        long end = Timestamps.parseEve(f.path("end").asText());
        long bytesOut = f.path("bytes_toserver").asLong();
        long bytesIn = f.path("bytes_toclient").asLong();
        FlowRecord r = new FlowRecord(n.path("flow_id").asLong(nextId++), sensorId, protocol(n.path("proto").asText()),
                n.path("src_port").asInt(), n.path("dest_port").asInt(), start, end,
                conn.has("duration") ? nanos(conn.path("duration").asDouble()) : Math.max(0, end - start),
                f.path("pkts_toserver").asLong(), f.path("pkts_toclient").asLong(), bytesOut, bytesIn,
                conn.path("orig_ip_bytes").asLong(bytesOut), conn.path("resp_ip_bytes").asLong(bytesIn),
                conn.path("orig_bytes").asLong(0), conn.path("resp_bytes").asLong(0),
                conn.has("conn_state") ? conn.path("conn_state").asText() : null, conn.path("history").asText(""),
                Integer.parseInt(n.path("tcp").path("tcp_flags_ts").asText("00"), 16),
                Integer.parseInt(n.path("tcp").path("tcp_flags_tc").asText("00"), 16),
                n.path("tcp").has("state") ? n.path("tcp").path("state").asText() : null, f.path("reason").asText(null),
                n.has("app_proto") ? n.path("app_proto").asText() : null, -1, -1,
                ip(n.path("src_ip").asText())[0], ip(n.path("src_ip").asText())[1], ip(n.path("dest_ip").asText())[0],
                ip(n.path("dest_ip").asText())[1]);
        emit(r);
    }

    private void zeekJson(String line, int sensorId) throws IOException {
        JsonNode n = JSON.readTree(line);
        Map<String, String> v = new HashMap<>();
        n.fields().forEachRemaining(e -> v.put(e.getKey(), e.getValue().isNull() ? "-" : e.getValue().asText()));
        zeek(v, sensorId);
    }

    private void zeekTsv(String[] header, String line, int sensorId) {
        if (header == null) {
            throw new IllegalArgumentException("a record before the #fields line");
        }
        String[] cols = line.split("\t", -1);
        Map<String, String> v = new HashMap<>();
        for (int i = 0; i < header.length && i < cols.length; i++) {
            v.put(header[i], cols[i]);
        }
        zeek(v, sensorId);
    }

    private static long count(Map<String, String> v, String key) {
        String s = v.get(key);
        return s == null || s.equals("-") || s.isEmpty() ? 0 : Long.parseLong(s);
    }

    private void zeek(Map<String, String> v, int sensorId) {
        long start = Timestamps.parseDecimalSeconds(v.get("ts"));
        String d = v.getOrDefault("duration", "-");
        long duration = d.equals("-") ? 0 : Timestamps.parseDecimalSeconds(d);
        String service = v.getOrDefault("service", "-");
        emit(new FlowRecord(nextId++, sensorId, protocol(v.get("proto")), Integer.parseInt(v.get("id.orig_p")),
                Integer.parseInt(v.get("id.resp_p")), start, start + duration, duration, count(v, "orig_pkts"), count(v, "resp_pkts"),
                count(v, "orig_ip_bytes"), count(v, "resp_ip_bytes"), count(v, "orig_ip_bytes"), count(v, "resp_ip_bytes"),
                count(v, "orig_bytes"), count(v, "resp_bytes"), v.get("conn_state"), v.getOrDefault("history", "-").equals("-") ? ""
                : v.get("history"), 0, 0, null, "zeek", service.equals("-") ? null : service.split(",")[0], -1, -1,
                ip(v.get("id.orig_h"))[0], ip(v.get("id.orig_h"))[1], ip(v.get("id.resp_h"))[0], ip(v.get("id.resp_h"))[1]));
    }

    private void argus(String[] header, String line, int sensorId, boolean labelled) {
        String[] cols = line.split(",", -1);
        Map<String, String> v = new HashMap<>();
        for (int i = 0; i < header.length && i < cols.length; i++) {
            v.put(header[i].strip(), cols[i].strip());
        }
        long start = argusTime(v.get("StartTime"));
        long duration = Timestamps.parseDecimalSeconds(v.getOrDefault("Dur", "0"));
        long totBytes = count(v, "TotBytes");
        long srcBytes = v.containsKey("SrcBytes") ? count(v, "SrcBytes") : totBytes;
        long totPkts = count(v, "TotPkts");
        long srcPkts = v.containsKey("SrcPkts") ? count(v, "SrcPkts") : totPkts;
        String sport = v.getOrDefault("Sport", "0");
        String dport = v.getOrDefault("Dport", "0");
        long id = nextId++;
        emit(record(id, sensorId, protocol(v.get("Proto")), ip(v.get("SrcAddr")), port(sport), ip(v.get("DstAddr")), port(dport), start,
                start + duration, srcPkts, totPkts - srcPkts, srcBytes, totBytes - srcBytes, 0, 0, v.get("State"), null,
                labelled ? "binetflow" : "argus", null));
        if (labelled && v.get("Label") != null) {
            labels.put(id, v.get("Label"));
        }
    }

    /** Argus writes ports in decimal, or in hex ("0x0303") for ICMP type and code. */
    private static int port(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        return s.startsWith("0x") ? Integer.parseInt(s.substring(2), 16) : Integer.parseInt(s);
    }

    private static long argusTime(String s) {
        try {
            LocalDateTime t = LocalDateTime.parse(s, ARGUS_TIME);
            return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + t.getNano();
        } catch (DateTimeParseException e) {
            // ra -u: seconds since the epoch
            return Timestamps.parseDecimalSeconds(s);
        }
    }

    /** binetflow ground truth by the flow id given to the record. */
    public Map<Long, String> labels() {
        return labels;
    }

    public long flowsRead() {
        return read;
    }

    public long badLines() {
        return bad;
    }

    /** EVE lines of other event types. */
    public long otherEvents() {
        return other;
    }

}
