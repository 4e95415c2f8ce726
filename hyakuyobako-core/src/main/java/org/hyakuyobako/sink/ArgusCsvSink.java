package org.hyakuyobako.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.hyakuyobako.event.Timestamps;
import org.hyakuyobako.flow.FlowRecord;

/**
 * The run's flows in Argus {@code ra -c , -s stime dur proto saddr sport dir daddr dport state
 * pkts bytes sbytes spkts} form (UTC times; ICMP type and code in hex as Argus writes them).
 * {@code State} carries Zeek's connection state, not Argus's own state letters.
 */
public final class ArgusCsvSink extends FlowLineSink {
    static final String HEADER = "StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,TotPkts,TotBytes,SrcBytes,SrcPkts";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    public ArgusCsvSink(Path file) throws IOException {
        super(file, HEADER + "\n");
    }

    @Override
    String line(FlowRecord f) {
        long start = f.startNanos();
        boolean icmp = f.protocol() == 1 || f.protocol() == 58;
        String decimal = Timestamps.decimalSeconds(start);
        String time = TIME.format(Instant.ofEpochSecond(Math.floorDiv(start, 1_000_000_000L))) + decimal.substring(decimal.indexOf('.'));
        StringBuilder l = new StringBuilder(160);
        l.append(time).append(',').append(Timestamps.decimalSeconds(f.durationNanos())).append(',')
                .append(f.protoName().toLowerCase(Locale.ROOT)).append(',').append(f.srcIp()).append(',')
                .append(icmp ? String.format("0x%04x", f.srcPort()) : Integer.toString(f.srcPort())).append(",   ->,")
                .append(f.destIp()).append(',').append(icmp ? String.format("0x%04x", f.destPort()) : Integer.toString(f.destPort()))
                .append(',').append(f.connState() == null ? "" : f.connState()).append(',')
                .append(f.pktsToServer() + f.pktsToClient()).append(',').append(f.bytesToServer() + f.bytesToClient()).append(',')
                .append(f.bytesToServer()).append(',').append(f.pktsToServer()).append('\n');
        return l.toString();
    }
}
