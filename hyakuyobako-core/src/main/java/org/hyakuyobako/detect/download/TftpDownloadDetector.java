package org.hyakuyobako.detect.download;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.decode.IpProtocol;
import org.hyakuyobako.detect.LruMap;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.flow.Flow;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.PacketObserver;

/**
 * TFTP fetches (RFC 1350 read requests to UDP 69), as worms and bots of seed 000's era fetched
 * their binaries ({@code tftp -i <ip> GET msblast.exe}): a monitored host asking an outside host for
 * a file. Evidence (method {@code download}): 0.7 for an executable name, 0.5 for any other file
 * (TFTP across the Internet has no everyday use). Once per host, server and file.
 */
public final class TftpDownloadDetector implements PacketObserver {
    static final int PORT = 69;
    private static final Pattern EXECUTABLE = Pattern.compile("(?i).*\\.(exe|dll|scr|pif|com|bat|cmd|vbs|ps1)$");

    private final HomeNet homeNet;
    private final Consumer<Event> emit;
    private final Map<String, Boolean> reported = new LruMap<>(100_000);

    public TftpDownloadDetector(HomeNet homeNet, Consumer<Event> emit) {
        this.homeNet = homeNet;
        this.emit = emit;
    }

    @Override
    public void packet(DecodedPacket p, Flow flow) {
        if (p.protocol != IpProtocol.UDP || p.dstPort != PORT || p.payloadCaptured < 4
                || p.payloadBuffer.getShort(p.payloadOffset) != 1) {
            return;     // opcode 1: read request
        }
        if (!homeNet.contains(p.srcHi, p.srcLo) || homeNet.contains(p.dstHi, p.dstLo)) {
            return;
        }
        int start = p.payloadOffset + 2;
        int end = start;
        int limit = p.payloadOffset + p.payloadCaptured;
        while (end < limit && p.payloadBuffer.get(end) != 0 && end - start < 256) {
            end++;
        }
        byte[] name = new byte[end - start];
        p.payloadBuffer.get(start, name);
        String file = new String(name, StandardCharsets.ISO_8859_1).replaceAll("[\\p{Cntrl}]", "?");
        String host = IpAddresses.format(p.srcHi, p.srcLo);
        String server = IpAddresses.format(p.dstHi, p.dstLo);
        if (file.isEmpty() || reported.put(host + " " + server + " " + file, Boolean.TRUE) != null) {
            return;
        }
        boolean executable = EXECUTABLE.matcher(file).matches();
        emit.accept(new EvidenceEvent(p.record.timestampNanos, p.record.timestampNanos, host, server + ":69", "download",
                executable ? 0.7 : 0.5, "fetches " + file + " from " + server + " over TFTP" + (executable ? ", an executable" : ""),
                List.of("flow:" + flow.flowId())));
    }
}
