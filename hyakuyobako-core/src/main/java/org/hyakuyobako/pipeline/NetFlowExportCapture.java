package org.hyakuyobako.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.decode.IpProtocol;
import org.hyakuyobako.decode.PacketDecoder;
import org.hyakuyobako.source.CaptureInput;
import org.hyakuyobako.source.InputDiagnostics;
import org.hyakuyobako.source.MergedPacketSource;
import org.hyakuyobako.source.PacketRecord;
import org.hyakuyobako.source.flowfile.NetFlowDecoder;

/**
 * A capture of a NetFlow/IPFIX exporter's UDP traffic (what a collector's tcpdump leaves) is a
 * flow input, not packets to analyse: the flows inside the export datagrams are what happened on
 * the network. Recognised by content: most of its first packets are UDP datagrams whose payload is
 * a well-formed v5, v9 or IPFIX header. A capture that merely contains some export traffic among
 * other packets stays a capture.
 */
final class NetFlowExportCapture {
    static final int SAMPLE = 64;
    static final double SHARE = 0.9;

    private NetFlowExportCapture() {
    }

    static boolean looksLike(Path file) {
        InputDiagnostics quiet = InputDiagnostics.silent();
        int ip = 0;
        int exports = 0;
        try (MergedPacketSource source = new MergedPacketSource(List.of(new CaptureInput(file, 0, 0)), quiet)) {
            PacketDecoder decoder = new PacketDecoder(quiet, List.of(file.toString()), false);
            DecodedPacket d = new DecodedPacket();
            PacketRecord r;
            while (ip < SAMPLE && (r = source.next()) != null) {
                if (!decoder.decode(r, d)) {
                    continue;
                }
                ip++;
                if (d.protocol == IpProtocol.UDP && isExportHeader(d.payloadBuffer, d.payloadOffset, d.payloadCaptured)) {
                    exports++;
                }
            }
        } catch (RuntimeException e) {
            return false; // unreadable: the packet path will say why, with file and offset
        }
        return exports > 0 && exports >= SHARE * ip;
    }

    /** A plausible export header: the version and a length or record count that fits the datagram. */
    static boolean isExportHeader(ByteBuffer b, int offset, int length) {
        if (b == null || length < 20) {
            return false;
        }
        int version = b.getShort(offset) & 0xffff;
        int second = b.getShort(offset + 2) & 0xffff;
        return switch (version) {
            case 5 -> second >= 1 && second <= 30 && length == 24 + 48 * second;
            case 9 -> second >= 1 && second <= 1000 && length >= 24;
            case 10 -> second == length;
            default -> false;
        };
    }

    /** Decodes every export datagram of the capture; other packets are counted and skipped. */
    static long[] read(Path file, int sensor, NetFlowDecoder decoder, InputDiagnostics diagnostics) throws IOException {
        long datagrams = 0;
        long other = 0;
        try (MergedPacketSource source = new MergedPacketSource(List.of(new CaptureInput(file, sensor, 0)), diagnostics)) {
            PacketDecoder packets = new PacketDecoder(diagnostics, List.of(file.toString()), false);
            DecodedPacket d = new DecodedPacket();
            PacketRecord r;
            while ((r = source.next()) != null) {
                if (!packets.decode(r, d)) {
                    continue;
                }
                if (d.protocol != IpProtocol.UDP || !isExportHeader(d.payloadBuffer, d.payloadOffset, d.payloadCaptured)) {
                    other++;
                    continue;
                }
                byte[] payload = new byte[d.payloadCaptured];
                d.payloadBuffer.get(d.payloadOffset, payload);
                datagrams++;
                decoder.datagram(payload, IpAddresses.format(d.srcHi, d.srcLo), sensor, file + ": offset " + r.fileOffset);
            }
        }
        return new long[] {datagrams, other};
    }
}
