package org.hyakuyobako.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Firewall exports block C&C addresses whole and download endpoints by port, write only literal
 * addresses, and every non-comment line has the shape its tool reads. Mutations this test catches:
 * a hostile "address" written; a download endpoint blocked whole; a C&C blocked on one port only; a
 * shell script that does not parse.
 */
class FirewallWritersTest {
    @TempDir
    Path dir;

    private static String write(FindingsWriter w, RefusedIndicators refused) throws Exception {
        StringWriter out = new StringWriter();
        w.write(HostileFindings.findings(), ExportSettings.defaults(Instant.EPOCH), out, refused);
        return out.toString();
    }

    @Test
    void nftablesSetsHoldCncAddressesAndDownloadEndpoints() throws Exception {
        RefusedIndicators refused = new RefusedIndicators();
        String nft = write(new NftablesWriter(), refused);
        assertEquals(1, refused.count());
        assertFalse(nft.contains("rm -rf"));
        assertTrue(nft.contains("set cnc_v4 {\n        type ipv4_addr\n        elements = {\n            192.0.2.66,\n            192.0.2.99\n"), nft);
        assertTrue(nft.contains("            2001:db8::66\n"), nft);
        assertTrue(nft.contains("            203.0.113.80 . tcp . 8080\n"), nft);
        assertTrue(nft.contains("            2001:db8:0:1::80 . tcp . 80\n"), nft);
        assertEquals(nft.chars().filter(c -> c == '{').count(), nft.chars().filter(c -> c == '}').count());
    }

    @Test
    void iptablesScriptIsValidShellAndUsesIpsetsIdempotently() throws Exception {
        String sh = write(new IptablesWriter(), new RefusedIndicators());
        assertTrue(sh.contains("ipset add hyakuyobako-cnc4 192.0.2.66 -exist\n"));
        assertTrue(sh.contains("ipset add hyakuyobako-dl4 203.0.113.80,tcp:8080 -exist\n"));
        assertTrue(sh.contains("ipset add hyakuyobako-cnc6 2001:db8::66 -exist\n"));
        assertFalse(sh.contains("rm -rf"));
        Path script = dir.resolve("fw.sh");
        Files.writeString(script, sh);
        Process p = new ProcessBuilder("sh", "-n", script.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
        Pattern line = Pattern.compile("^(#.*|set -e||(ipset|iptables|ip6tables) [-A-Za-z0-9 .:,/\"|&>]+)$");
        for (String l : sh.split("\n")) {
            assertTrue(line.matcher(l).matches(), l);
        }
    }

    @Test
    void asaLinesAreObjectGroupsAndExtendedAcls() throws Exception {
        String asa = write(new AsaAclWriter(), new RefusedIndicators());
        Pattern line = Pattern.compile("^(!.*|object-group network HYAKUYOBAKO-CNC| description .*| network-object host [0-9a-f.:]+"
                + "|access-list HYAKUYOBAKO-BLOCK (remark .*|extended (deny|permit) (ip|tcp|udp) .*))$");
        for (String l : asa.split("\n")) {
            assertTrue(line.matcher(l).matches(), l);
        }
        assertTrue(asa.contains(" network-object host 192.0.2.66\n"));
        assertTrue(asa.contains(" network-object host 2001:db8::66\n"));
        assertTrue(asa.contains("extended deny tcp any host 203.0.113.80 eq 8080 log\n"));
        assertFalse(asa.contains("rm -rf"));
        assertTrue(asa.endsWith("access-list HYAKUYOBAKO-BLOCK extended permit ip any any\n"));
    }

    @Test
    void anAddressBlockedWholeNeedsNoEndpointLine() {
        Findings f = new Findings("r", List.of(), 0, 0, List.of(), List.of(
                HostileFindings.address(Indicator.Role.CNC, "192.0.2.66", 6667, "tcp"),
                HostileFindings.address(Indicator.Role.DOWNLOAD, "192.0.2.66", 80, "tcp")));
        BlockTargets t = BlockTargets.of(f, "x", new RefusedIndicators());
        assertEquals(List.of("192.0.2.66"), List.copyOf(t.cnc4));
        assertTrue(t.download4.isEmpty());
    }
}
