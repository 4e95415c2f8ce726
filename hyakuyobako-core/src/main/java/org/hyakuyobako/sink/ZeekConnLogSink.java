package org.hyakuyobako.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.hyakuyobako.event.Timestamps;
import org.hyakuyobako.flow.FlowRecord;

/**
 * The run's flows as a Zeek conn.log (tab-separated, with Zeek's header), for tools and people who
 * read Zeek logs. Byte and packet counts are Zeek's (payload bytes by sequence numbers, IP bytes);
 * {@code uid} is the flow id, {@code local_orig}/{@code local_resp} are unset.
 */
public final class ZeekConnLogSink extends FlowLineSink {
    static final String FIELDS = "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes"
            + "\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents";
    static final String TYPES = "time\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount"
            + "\tstring\tcount\tcount\tcount\tcount\tset[string]";

    public ZeekConnLogSink(Path file) throws IOException {
        super(file, "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n"
                + "#fields\t" + FIELDS + "\n#types\t" + TYPES + "\n");
    }

    @Override
    String line(FlowRecord f) {
        StringBuilder l = new StringBuilder(200);
        l.append(Timestamps.decimalSeconds(f.startNanos())).append('\t').append('C').append(Long.toHexString(f.flowId())).append('\t')
                .append(f.srcIp()).append('\t').append(f.srcPort()).append('\t').append(f.destIp()).append('\t').append(f.destPort())
                .append('\t').append(f.protoName().toLowerCase(Locale.ROOT).replace("ipv6-icmp", "icmp")).append('\t')
                .append(f.appProto() == null ? "-" : f.appProto()).append('\t').append(Timestamps.decimalSeconds(f.durationNanos())).append('\t')
                .append(f.origSeqBytes()).append('\t').append(f.respSeqBytes()).append('\t')
                .append(f.connState() == null ? "-" : f.connState()).append("\t-\t-\t0\t")
                .append(f.history() == null || f.history().isEmpty() ? "-" : f.history()).append('\t')
                .append(f.pktsToServer()).append('\t').append(f.origIpBytes()).append('\t').append(f.pktsToClient()).append('\t')
                .append(f.respIpBytes()).append("\t-\n");
        return l.toString();
    }
}
