package org.hyakuyobako.detect.signature;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.rules.Rule;
import org.hyakuyobako.rules.RuleSet;
import org.hyakuyobako.rules.RuleVariables;
import org.hyakuyobako.rules.Slot;
import org.junit.jupiter.api.Test;

/**
 * Inspections of many interleaved connections (transports, server ports, client ports that are
 * grouped too, application protocols, home sides) each get the group their key names, whatever
 * was asked before: the cache of recent groups never answers with another key's group.
 */
class SlotIndexTest {
    @Test
    void interleavedKeysEachGetTheirOwnGroup() {
        RuleSet set = new RuleSet();
        StringBuilder rules = new StringBuilder();
        int sid = 1;
        for (int port : new int[] {25, 53, 80, 443, 445, 6667, 8080}) {
            rules.append("alert tcp any any -> any ").append(port).append(" (content:\"p").append(port).append("\"; sid:").append(sid++).append(";)\n");
            rules.append("alert udp any any -> any ").append(port).append(" (content:\"u").append(port).append("\"; sid:").append(sid++).append(";)\n");
        }
        rules.append("alert tcp $HOME_NET any -> $EXTERNAL_NET any (content:\"out\"; sid:").append(sid++).append(";)\n");
        rules.append("alert http any any -> any any (content:\"web\"; http_uri; sid:").append(sid++).append(";)\n");
        rules.append("alert tcp any 80 -> any any (content:\"from80\"; sid:").append(sid).append(";)\n");
        HomeNet home = HomeNet.privateRanges();
        set.add("t.rules", rules.toString(), RuleVariables.defaults(home));
        List<Rule> list = new ArrayList<>();
        for (Rule r : set.rules()) {
            if (r.slot == Slot.PACKET || r.slot == Slot.STREAM) {
                list.add(r);
            }
        }
        SlotIndex index = new SlotIndex(list, home);
        Map<String, RuleGroup> first = new HashMap<>();
        Map<String, RuleGroup> firstClientSide = new HashMap<>();
        int[] ports = {25, 53, 80, 443, 445, 6667, 8080, 1234, 40000};
        String[] apps = {null, "http", "tls", "dns"};
        long inside = 0xC0A8_0001L;        // 192.168.0.1
        long outside = 0xC633_6415L;       // 198.51.100.21
        Random r = new Random(9);
        for (int i = 0; i < 50_000; i++) {
            Inspection in = new Inspection();
            in.reset(Slot.PACKET);
            in.ipProtocol = r.nextBoolean() ? 6 : 17;
            in.toServer = r.nextBoolean();
            int server = ports[r.nextInt(ports.length)];
            int client = r.nextInt(4) == 0 ? 80 : 30_000 + r.nextInt(1000);
            in.srcPort = in.toServer ? client : server;
            in.dstPort = in.toServer ? server : client;
            in.srcLo = 0xFFFF_0000_0000L | (r.nextBoolean() ? inside : outside);
            in.dstLo = 0xFFFF_0000_0000L | (r.nextBoolean() ? inside : outside);
            in.appProto = in.ipProtocol == 6 ? apps[r.nextInt(apps.length)] : null;
            String key = in.ipProtocol + " " + in.toServer + " " + server + " " + client + " " + in.appProto + " " + in.srcLo + " " + in.dstLo;
            assertSame(first.computeIfAbsent(key, k -> index.groupFor(in)), index.groupFor(in), key);
            RuleGroup c = index.clientSideGroupFor(in);
            if (c != null) {
                assertSame(firstClientSide.computeIfAbsent(key, k -> c), c, key);
            }
        }
        // Keys that hold different rules get different groups.
        assertNotSame(index.groupFor(toServerPort(80)), index.groupFor(toServerPort(25)));
    }

    /** A TCP packet from a client's port to the server's {@code port}. */
    private static Inspection toServerPort(int port) {
        Inspection in = new Inspection();
        in.reset(Slot.PACKET);
        in.ipProtocol = 6;
        in.toServer = true;
        in.srcPort = 30_000;
        in.dstPort = port;
        return in;
    }
}
