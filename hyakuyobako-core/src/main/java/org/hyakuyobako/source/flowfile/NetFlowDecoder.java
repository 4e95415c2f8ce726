package org.hyakuyobako.source.flowfile;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.flow.FlowRecord;

/**
 * NetFlow v5, v9 and IPFIX export packets into the packet path's {@link FlowRecord}s. v9 and IPFIX
 * templates are remembered per exporter and observation domain (bounded); data records whose
 * template has not been seen yet are counted, not guessed. Hand-written: the Java NetFlow
 * libraries are collectors with their own storage, not decoders of captured datagrams, and the
 * formats are small (RFC 3954, RFC 7011).
 */
public final class NetFlowDecoder {
    static final int MAX_TEMPLATES = 10_000;

    /** A v9/IPFIX template: field types and lengths (65535 = variable, IPFIX). */
    private record Template(int[] types, int[] lengths) {
    }

    private record TemplateKey(String exporter, long domain, int id) {
    }

    private final Consumer<FlowRecord> flows;
    private final Consumer<String> problems;
    private final Map<TemplateKey, Template> templates = new org.hyakuyobako.detect.LruMap<>(MAX_TEMPLATES);
    private long nextId = 1;
    private long decoded;
    private long withoutTemplate;
    private long malformed;

    public NetFlowDecoder(Consumer<FlowRecord> flows, Consumer<String> problems) {
        this.flows = flows;
        this.problems = problems;
    }

    /** One export datagram from {@code exporter} (its address, for the template cache); {@code where} names it in messages. */
    public void datagram(byte[] data, String exporter, int sensorId, String where) {
        ByteBuffer b = ByteBuffer.wrap(data);
        try {
            int version = b.getShort(0) & 0xffff;
            switch (version) {
                case 5 -> v5(b, sensorId);
                case 9 -> v9(b, exporter, sensorId);
                case 10 -> ipfix(b, exporter, sensorId);
                default -> throw new IllegalArgumentException("not NetFlow v5/v9 or IPFIX (version " + version + ")");
            }
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            malformed++;
            problems.accept(where + ": bad export packet: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private void v5(ByteBuffer b, int sensorId) {
        int count = b.getShort(2) & 0xffff;
        long uptime = b.getInt(4) & 0xffffffffL;
        long exportMillis = (b.getInt(8) & 0xffffffffL) * 1000 + (b.getInt(12) & 0xffffffffL) / 1_000_000;
        if (24 + count * 48 > b.limit()) {
            throw new IllegalArgumentException("v5 header says " + count + " records, the packet holds fewer");
        }
        for (int i = 0; i < count; i++) {
            int r = 24 + i * 48;
            long first = b.getInt(r + 24) & 0xffffffffL;
            long last = b.getInt(r + 28) & 0xffffffffL;
            long start = (exportMillis - (uptime - first)) * 1_000_000L;
            long end = (exportMillis - (uptime - last)) * 1_000_000L;
            emit(sensorId, b.get(r + 38) & 0xff, b.getShort(r + 32) & 0xffff, b.getShort(r + 34) & 0xffff, start, end,
                    b.getInt(r + 16) & 0xffffffffL, b.getInt(r + 20) & 0xffffffffL, b.get(r + 37) & 0xff,
                    IpAddresses.v4Lo(b.getInt(r)), 0, IpAddresses.v4Lo(b.getInt(r + 4)), 0, "netflow-v5");
        }
    }

    private void emit(int sensorId, int protocol, int sport, int dport, long start, long end, long packets, long bytes, int flags,
                      long srcLo, long srcHi, long dstLo, long dstHi, String reason) {
        decoded++;
        flows.accept(new FlowRecord(nextId++, sensorId, protocol, sport, dport, start, end, Math.max(0, end - start), packets, 0,
                bytes, 0, bytes, 0, 0, 0, null, "", flags, 0, null, reason, null, -1, -1, srcHi, srcLo, dstHi, dstLo));
    }

    private void v9(ByteBuffer b, String exporter, int sensorId) {
        long uptime = b.getInt(4) & 0xffffffffL;
        long exportMillis = (b.getInt(8) & 0xffffffffL) * 1000;
        long sourceId = b.getInt(16) & 0xffffffffL;
        int at = 20;
        while (at + 4 <= b.limit()) {
            int id = b.getShort(at) & 0xffff;
            int length = b.getShort(at + 2) & 0xffff;
            if (length < 4 || at + length > b.limit()) {
                throw new IllegalArgumentException("flowset " + id + " of length " + length + " runs past the packet");
            }
            if (id == 0) {
                templates(b, at + 4, at + length, exporter, sourceId, false);
            } else if (id >= 256) {
                data(b, at + 4, at + length, new TemplateKey(exporter, sourceId, id), sensorId, uptime, exportMillis, "netflow-v9");
            }
            at += length;
        }
    }

    private void ipfix(ByteBuffer b, String exporter, int sensorId) {
        int total = b.getShort(2) & 0xffff;
        if (total > b.limit()) {
            throw new IllegalArgumentException("IPFIX length " + total + " runs past the packet");
        }
        long exportMillis = (b.getInt(4) & 0xffffffffL) * 1000;
        long domain = b.getInt(12) & 0xffffffffL;
        int at = 16;
        while (at + 4 <= total) {
            int id = b.getShort(at) & 0xffff;
            int length = b.getShort(at + 2) & 0xffff;
            if (length < 4 || at + length > total) {
                throw new IllegalArgumentException("set " + id + " of length " + length + " runs past the message");
            }
            if (id == 2) {
                templates(b, at + 4, at + length, exporter, domain, true);
            } else if (id >= 256) {
                data(b, at + 4, at + length, new TemplateKey(exporter, domain, id), sensorId, -1, exportMillis, "ipfix");
            }
            at += length;
        }
    }

    private void templates(ByteBuffer b, int from, int to, String exporter, long domain, boolean ipfix) {
        int at = from;
        while (at + 4 <= to) {
            int id = b.getShort(at) & 0xffff;
            int count = b.getShort(at + 2) & 0xffff;
            at += 4;
            if (id < 256) {
                return;     // padding
            }
            int[] types = new int[count];
            int[] lengths = new int[count];
            for (int i = 0; i < count; i++) {
                int type = b.getShort(at) & 0xffff;
                lengths[i] = b.getShort(at + 2) & 0xffff;
                at += 4;
                if (ipfix && (type & 0x8000) != 0) {
                    type = -1;      // an enterprise element: skipped by its length
                    at += 4;
                }
                types[i] = type;
            }
            templates.put(new TemplateKey(exporter, domain, id), new Template(types, lengths));
        }
    }

    private void data(ByteBuffer b, int from, int to, TemplateKey key, int sensorId, long uptime, long exportMillis, String reason) {
        Template t = templates.get(key);
        if (t == null) {
            withoutTemplate++;
            return;
        }
        int at = from;
        while (true) {
            Map<Integer, Long> numbers = new HashMap<>();
            long[] src = null;
            long[] dst = null;
            int start = at;
            boolean complete = true;
            for (int i = 0; i < t.types().length; i++) {
                int len = t.lengths()[i];
                if (len == 65535) {
                    if (at >= to) {
                        complete = false;
                        break;
                    }
                    len = b.get(at) & 0xff;
                    at++;
                    if (len == 255) {
                        len = b.getShort(at) & 0xffff;
                        at += 2;
                    }
                }
                if (at + len > to) {
                    complete = false;
                    break;
                }
                int type = t.types()[i];
                if ((type == 8 || type == 12) && len == 4) {
                    long[] a = {0, IpAddresses.v4Lo(b.getInt(at))};
                    if (type == 8) {
                        src = a;
                    } else {
                        dst = a;
                    }
                } else if ((type == 27 || type == 28) && len == 16) {
                    long[] a = {b.getLong(at), b.getLong(at + 8)};
                    if (type == 27) {
                        src = a;
                    } else {
                        dst = a;
                    }
                } else if (type > 0 && len <= 8) {
                    long v = 0;
                    for (int k = 0; k < len; k++) {
                        v = (v << 8) | (b.get(at + k) & 0xff);
                    }
                    numbers.put(type, v);
                }
                at += len;
            }
            if (!complete || at == start) {
                return;     // the rest is padding
            }
            if (src == null || dst == null) {
                continue;   // not an IP flow (e.g. a layer-2 record): nothing to make of it
            }
            long first;
            long last;
            if (numbers.containsKey(152)) {
                first = numbers.get(152);
                last = numbers.getOrDefault(153, first);
            } else if (numbers.containsKey(150)) {
                first = numbers.get(150) * 1000;
                last = numbers.getOrDefault(151, numbers.get(150)) * 1000;
            } else if (numbers.containsKey(22) && uptime >= 0) {
                first = exportMillis - (uptime - numbers.get(22));
                last = exportMillis - (uptime - numbers.getOrDefault(21, numbers.get(22)));
            } else {
                first = exportMillis;
                last = exportMillis;
            }
            long bytes = numbers.getOrDefault(1, numbers.getOrDefault(85, 0L));
            long packets = numbers.getOrDefault(2, numbers.getOrDefault(86, 0L));
            emit(sensorId, numbers.getOrDefault(4, 0L).intValue(), numbers.getOrDefault(7, 0L).intValue(),
                    numbers.getOrDefault(11, 0L).intValue(), first * 1_000_000L, last * 1_000_000L, packets, bytes,
                    numbers.getOrDefault(6, 0L).intValue(), src[1], src[0], dst[1], dst[0], reason);
        }
    }

    public long decoded() {
        return decoded;
    }

    /** Data records whose template had not been received (yet). */
    public long withoutTemplate() {
        return withoutTemplate;
    }

    public long malformed() {
        return malformed;
    }
}
