package org.hyakuyobako.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.decode.PacketDecoder;
import org.hyakuyobako.net.Cidr;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.source.CaptureInput;
import org.hyakuyobako.source.CaptureOpener;
import org.hyakuyobako.source.InputDiagnostics;
import org.hyakuyobako.source.PacketReader;
import org.hyakuyobako.source.PacketRecord;

/**
 * Finds a sensor's own address: the address in most of its packets (a honeypot's, or a single
 * monitored host's). Reads at most {@link #SAMPLE} packets of the sensor's first file.
 */
public final class SensorAddressProbe {
    static final int SAMPLE = 20_000;
    /** The address must be in at least this share of the sampled IP packets. */
    static final double MIN_SHARE = 0.5;

    private SensorAddressProbe() {
    }

    /** The sensor's own address as a host prefix, or null when no address dominates. */
    public static Cidr ownAddress(SensorSpec sensor) {
        if (sensor.files().isEmpty()) {
            return null;
        }
        InputDiagnostics quiet = InputDiagnostics.silent();
        CaptureInput input = new CaptureInput(sensor.files().get(0), 0, 0);
        Map<Long, Integer> hiLoCount = new HashMap<>();
        Map<Long, long[]> keys = new HashMap<>();
        int ipPackets = 0;
        try (PacketReader reader = CaptureOpener.open(input, quiet)) {
            if (reader == null) {
                return null;
            }
            PacketDecoder decoder = new PacketDecoder(quiet, List.of(input.displayName()), false);
            PacketRecord r = new PacketRecord();
            DecodedPacket p = new DecodedPacket();
            for (int i = 0; i < SAMPLE && reader.next(r); i++) {
                if (!decoder.decode(r, p)) {
                    continue;
                }
                ipPackets++;
                count(hiLoCount, keys, p.srcHi, p.srcLo);
                if (p.dstHi != p.srcHi || p.dstLo != p.srcLo) {
                    count(hiLoCount, keys, p.dstHi, p.dstLo);
                }
            }
        } catch (Exception e) {
            return null;
        }
        long bestKey = 0;
        int best = 0;
        for (Map.Entry<Long, Integer> e : hiLoCount.entrySet()) {
            if (e.getValue() > best) {
                best = e.getValue();
                bestKey = e.getKey();
            }
        }
        if (ipPackets == 0 || best < ipPackets * MIN_SHARE) {
            return null;
        }
        long[] a = keys.get(bestKey);
        String text = org.hyakuyobako.decode.IpAddresses.format(a[0], a[1]);
        return Cidr.parse(text);
    }

    private static void count(Map<Long, Integer> counts, Map<Long, long[]> keys, long hi, long lo) {
        long key = hi * 0x9E37_79B9_7F4A_7C15L ^ lo;
        counts.merge(key, 1, Integer::sum);
        keys.putIfAbsent(key, new long[] {hi, lo});
    }

    /** Adds each sensor's own public address to a home net (Suricata-like default). */
    public static HomeNet withSensorAddresses(HomeNet base, List<SensorSpec> sensors) {
        HomeNet net = base;
        for (SensorSpec s : sensors) {
            Cidr own = ownAddress(s);
            if (own != null && !base.contains(own.hi(), own.lo())) {
                net = net.with(own);
            }
        }
        return net;
    }
}
