package org.hyakuyobako.pipeline;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hyakuyobako.flow.FlowRecord;
import org.hyakuyobako.source.InputDiagnostics;
import org.hyakuyobako.source.SkipReason;
import org.hyakuyobako.source.firewall.AsaSyslogReader;
import org.hyakuyobako.source.firewall.FirewallFlow;
import org.hyakuyobako.source.firewall.FirewallFlows;
import org.hyakuyobako.source.flowfile.NetFlowDecoder;
import org.hyakuyobako.source.live.TcpSyslogListener;
import org.hyakuyobako.source.live.UdpListener;

/**
 * Live inputs of {@code analyze --listen}: syslog from firewalls over UDP or TCP, NetFlow v5/v9 and
 * IPFIX over UDP. Each listener is a sensor of its own. Messages are parsed on the listeners'
 * threads (one lock: the parsers and the Built/Teardown join are not thread-safe) into flow
 * records, which wait in a bounded queue for the analysis thread; a full queue drops the record
 * and counts it (a sensor must not run out of memory because a firewall is chatty).
 */
public final class LiveFlowInputs implements AutoCloseable {
    static final int QUEUE = 100_000;
    /** Live records get ids far above those of files, so the two never meet. */
    static final long FIRST_ID = 3L << 48;

    /** One {@code --listen}: what is received, where. */
    public record Listen(String kind, String host, int port) {
        static final List<String> KINDS = List.of("syslog-udp", "syslog-tcp", "netflow");

        /** {@code KIND:[HOST:]PORT}, e.g. {@code syslog-udp:514}, {@code netflow:0.0.0.0:2055}. */
        public static Listen parse(String spec) {
            int colon = spec.indexOf(':');
            String kind = colon < 0 ? spec : spec.substring(0, colon).toLowerCase(Locale.ROOT);
            if (colon < 0 || !KINDS.contains(kind)) {
                throw new IllegalArgumentException(spec + ": expected KIND:[HOST:]PORT with KIND one of " + String.join(", ", KINDS));
            }
            String rest = spec.substring(colon + 1);
            int last = rest.lastIndexOf(':');
            String host = last < 0 ? "0.0.0.0" : rest.substring(0, last);
            try {
                int port = Integer.parseInt(rest.substring(last + 1));
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return new Listen(kind, host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host, port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(spec + ": not a port: " + rest.substring(last + 1));
            }
        }

        /** The sensor name its records carry. */
        public String sensorName() {
            return kind + ":" + port;
        }
    }

    private final BlockingQueue<FlowRecord> queue = new ArrayBlockingQueue<>(QUEUE);
    private final List<AutoCloseable> listeners = new ArrayList<>();
    private final List<TcpSyslogListener> tcp = new ArrayList<>();
    private final List<UdpListener> udp = new ArrayList<>();
    private final List<FirewallFlows> joins = new ArrayList<>();
    private final List<Integer> joinSensors = new ArrayList<>();
    private final List<AsaSyslogReader> readers = new ArrayList<>();
    private final List<NetFlowDecoder> decoders = new ArrayList<>();
    private final InputDiagnostics diagnostics;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private long nextId = FIRST_ID;
    private final Object lock = new Object();

    /** Opens every listener; sensor ids follow {@code firstSensorId} in the order given. */
    public LiveFlowInputs(List<Listen> listens, int firstSensorId, InputDiagnostics diagnostics) throws IOException {
        this.diagnostics = diagnostics;
        try {
            for (int i = 0; i < listens.size(); i++) {
                open(listens.get(i), firstSensorId + i);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void open(Listen l, int sensor) throws IOException {
        String where = l.sensorName();
        if (l.kind().equals("netflow")) {
            NetFlowDecoder decoder = new NetFlowDecoder(this::offer, p -> diagnostics.report(SkipReason.BAD_LOG_LINE, p, -1, "skipped"));
            decoders.add(decoder);
            UdpListener u = new UdpListener(l.host(), l.port(), (data, sender) -> {
                synchronized (lock) {
                    decoder.datagram(data, sender, sensor, where + " from " + sender);
                }
            });
            udp.add(u);
            listeners.add(u);
            return;
        }
        FirewallFlows join = new FirewallFlows(c -> offer(c, sensor));
        AsaSyslogReader reader = new AsaSyslogReader(e -> {
            join.accept(e);
            FlowRecord failed = e.asFailedAttempt(sensor);
            if (failed != null) {
                offer(failed);
            }
        }, p -> diagnostics.report(SkipReason.BAD_LOG_LINE, p, -1, "skipped"));
        joins.add(join);
        joinSensors.add(sensor);
        readers.add(reader);
        long[] number = {0};
        if (l.kind().equals("syslog-tcp")) {
            TcpSyslogListener t = new TcpSyslogListener(l.host(), l.port(), (text, sender) -> syslog(reader, text, where, number));
            tcp.add(t);
            listeners.add(t);
        } else {
            UdpListener u = new UdpListener(l.host(), l.port(),
                    (data, sender) -> syslog(reader, new String(data, java.nio.charset.StandardCharsets.UTF_8), where, number));
            udp.add(u);
            listeners.add(u);
        }
    }

    /** One datagram may hold several lines (some relays batch them). */
    private void syslog(AsaSyslogReader reader, String text, String where, long[] number) {
        int year = ZonedDateTime.now(ZoneOffset.UTC).getYear();
        synchronized (lock) {
            for (String line : text.split("[\r\n]+")) {
                reader.line(line, where, ++number[0], year);
            }
        }
    }

    private void offer(FirewallFlow c, int sensor) {
        FlowRecord r = c.toFlowRecord(0, sensor);
        if (r != null) {
            offer(r);
        }
    }

    private void offer(FlowRecord r) {
        received.incrementAndGet();
        FlowRecord withId;
        synchronized (lock) {
            withId = r.withIdentity(nextId++, r.sensorId(), -1);
        }
        if (!queue.offer(withId)) {
            dropped.incrementAndGet();
        }
    }

    /** The next record, waiting at most {@code millis}; null when none came. */
    public FlowRecord poll(long millis) throws InterruptedException {
        return queue.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The listening ports, in the order given (port 0 becomes the one chosen). */
    public List<Integer> ports() {
        List<Integer> out = new ArrayList<>();
        for (AutoCloseable l : listeners) {
            out.add(l instanceof TcpSyslogListener t ? t.port() : ((UdpListener) l).port());
        }
        return out;
    }

    /** Stops listening; connections still open in the firewalls' logs are written as open. */
    @Override
    public void close() {
        for (AutoCloseable l : listeners) {
            try {
                l.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
        synchronized (lock) {
            for (FirewallFlows j : joins) {
                j.finish();
            }
        }
        diagnostics.count(SkipReason.LIVE_RECORD_DROPPED, dropped.get());
        diagnostics.count(SkipReason.UNSUPPORTED_LOG_MESSAGE, sum(readers, AsaSyslogReader::unsupported));
    }

    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("live.records", received.get());
        c.put("live.records_dropped_queue_full", dropped.get());
        c.put("live.syslog_lines_parsed", sum(readers, AsaSyslogReader::parsed));
        c.put("live.syslog_unsupported", sum(readers, AsaSyslogReader::unsupported));
        c.put("live.connections_joined", sum(joins, FirewallFlows::joined));
        c.put("live.netflow_records", sum(decoders, NetFlowDecoder::decoded));
        c.put("live.tcp_messages_cut", sum(tcp, TcpSyslogListener::overlong));
        c.put("live.tcp_framing_errors", sum(tcp, TcpSyslogListener::malformed));
        c.put("live.tcp_connections_refused", sum(tcp, TcpSyslogListener::refused));
        c.put("live.datagrams", sum(udp, UdpListener::received));
        return c;
    }

    private static <T> long sum(List<T> parts, java.util.function.ToLongFunction<T> count) {
        return parts.stream().mapToLong(count).sum();
    }
}
