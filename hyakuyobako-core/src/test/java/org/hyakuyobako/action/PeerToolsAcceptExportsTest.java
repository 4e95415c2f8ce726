package org.hyakuyobako.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tools that will load our files accept them: BIND's named-checkzone reads the RPZ,
 * unbound-checkconf the Unbound include, nft's check mode the ruleset (it parses and resolves the
 * sets without touching the kernel's tables). Written from the hostile findings, with NXDOMAIN and
 * with IPv4 and IPv6 sinkholes. The tools come from Debian (scripts/install-test-deps.sh); in CI a
 * missing tool fails the test instead of skipping it. Mutations this test catches: an owner name or
 * record a real server refuses, a set element of the wrong type, an unbalanced block.
 */
class PeerToolsAcceptExportsTest {
    @TempDir
    Path dir;

    private static boolean installed(String tool) {
        for (String p : List.of("/usr/sbin/", "/usr/bin/", "/sbin/", "/bin/")) {
            if (Files.isExecutable(Path.of(p + tool))) {
                return true;
            }
        }
        return false;
    }

    private static void requireTool(String tool) {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (ci) {
            assertTrue(installed(tool), tool + " is missing: scripts/install-test-deps.sh installs it");
        }
        assumeTrue(installed(tool), tool + " not installed (scripts/install-test-deps.sh)");
    }

    private Path write(FindingsWriter w, String sinkhole) throws Exception {
        StringWriter out = new StringWriter();
        w.write(HostileFindings.findings(), new ExportSettings(1, 100, sinkhole, "t", Instant.parse("2026-12-07T00:00:00Z")), out,
                new RefusedIndicators());
        Path file = dir.resolve(w.fileName());
        Files.writeString(file, out.toString());
        return file;
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ":\n" + output);
        return output;
    }

    @ParameterizedTest
    @ValueSource(strings = {"nxdomain", "198.51.100.1", "2001:db8::53"})
    void bindLoadsTheResponsePolicyZone(String sinkhole) throws Exception {
        requireTool("named-checkzone");
        Path zone = write(new RpzZoneWriter(), sinkhole.equals("nxdomain") ? null : sinkhole);
        String out = run(List.of("named-checkzone", "-i", "full", RpzZoneWriter.ZONE, zone.toString()));
        assertTrue(out.contains("OK"), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nxdomain", "198.51.100.1", "2001:db8::53"})
    void unboundAcceptsTheLocalZones(String sinkhole) throws Exception {
        requireTool("unbound-checkconf");
        Path include = write(new UnboundZoneWriter(), sinkhole.equals("nxdomain") ? null : sinkhole);
        Path conf = dir.resolve("unbound.conf");
        Files.writeString(conf, "server:\n    chroot: \"\"\n    username: \"\"\n    directory: \"" + dir + "\"\n"
                + "include: \"" + include + "\"\n");
        String out = run(List.of("unbound-checkconf", conf.toString()));
        assertTrue(out.contains("no errors"), out);
    }

    @Test
    void nftAcceptsTheRuleset() throws Exception {
        requireTool("nft");
        Path ruleset = write(new NftablesWriter(), null);
        List<String> command = new ArrayList<>(List.of("nft", "-c", "-f", ruleset.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        int exit = p.waitFor();
        // nft's check mode needs netlink (root or CAP_NET_ADMIN); without it the syntax cannot be checked here.
        assumeTrue(!output.contains("Operation not permitted"), "nft -c needs CAP_NET_ADMIN: " + output);
        assertEquals(0, exit, output);
    }
}
