package org.hyakuyobako.flow;

import java.util.BitSet;

/**
 * Ports on which a server is likely to listen (Zeek's {@code likely_server_ports}), used only to
 * decide which side originated a flow whose first packet is not a SYN. IRC's ports are included
 * because bots pick them up mid-stream as often as web traffic.
 */
public final class LikelyServerPorts {
    private static final int[] TCP = {
        20, 21, 22, 23, 25, 53, 79, 80, 88, 110, 111, 113, 119, 135, 139, 143, 179, 389, 443, 445, 465, 502,
        514, 587, 631, 636, 873, 989, 990, 993, 995, 1080, 1194, 1433, 1521, 1723, 1883, 2049, 2375, 2376,
        3128, 3306, 3389, 5060, 5061, 5222, 5269, 5432, 5671, 5672, 5900, 5985, 5986, 6379, 6443, 6660, 6661,
        6662, 6663, 6664, 6665, 6666, 6667, 6668, 6669, 6697, 7000, 8000, 8008, 8080, 8081, 8088, 8443, 8888,
        9000, 9090, 9200, 9418, 11211, 27017
    };
    private static final int[] UDP = {
        53, 67, 69, 88, 123, 137, 138, 161, 162, 389, 443, 500, 514, 520, 1194, 1812, 1813, 1900, 3478, 4500,
        5060, 5353, 5355, 11211
    };
    private static final BitSet TCP_SET = of(TCP);
    private static final BitSet UDP_SET = of(UDP);

    private LikelyServerPorts() {
    }

    private static BitSet of(int[] ports) {
        BitSet set = new BitSet(65_536);
        for (int p : ports) {
            set.set(p);
        }
        return set;
    }

    public static boolean tcp(int port) {
        return TCP_SET.get(port);
    }

    public static boolean udp(int port) {
        return UDP_SET.get(port);
    }
}
