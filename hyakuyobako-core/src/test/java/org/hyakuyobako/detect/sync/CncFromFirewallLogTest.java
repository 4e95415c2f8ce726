package org.hyakuyobako.detect.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.CncEvent;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A C&C found from a Cisco ASA log alone, written by hand: three inside hosts behind PAT hold a
 * connection to one outside node that the log saw built and never torn down; twice, within three
 * seconds of each other, each mails five mail servers (answered, one-second stamps). The answered
 * mail connections are themselves records replayed at their start with their end known: they must
 * not explain their own reaction (before issue 24 every answered reaction from a log was dropped
 * that way), and a connection never torn down must count as open until the log ends.
 *
 * <p>Mutation caught (checked by hand): a connection never torn down taken as open for zero
 * seconds (no C&C is found). A record cannot explain its own reaction by construction: a
 * reaction's possible commands are taken at its onset and never include the nodes it reaches.
 */
class CncFromFirewallLogTest {
    @TempDir
    Path dir;

    private int id = 100;

    private String built(String time, String inside, int port, String outside, int outsidePort, int mapped) {
        return time + " fw1 : %ASA-6-302013: Built outbound TCP connection " + id + " for outside:" + outside + "/" + outsidePort
                + " (" + outside + "/" + outsidePort + ") to inside:" + inside + "/" + port + " (203.0.113.5/" + mapped + ")\n";
    }

    private String teardown(String time, String inside, int port, String outside, int outsidePort, int bytes) {
        return time + " fw1 : %ASA-6-302014: Teardown TCP connection " + (id++) + " for outside:" + outside + "/" + outsidePort
                + " to inside:" + inside + "/" + port + " duration 0:00:01 bytes " + bytes + " TCP FINs\n";
    }

    @Test
    void bothOccasionsFromTheLogNameTheCncAndNotTheMailServers() throws IOException {
        StringBuilder log = new StringBuilder();
        String cnc = "198.51.100.66";
        for (int h = 1; h <= 3; h++) {
            log.append(built("May 01 2024 10:00:0" + h, "10.0.0." + h, 50_000 + h, cnc, 8443, 30_000 + h));
            id++;
        }
        for (int round = 0; round < 2; round++) {
            for (int h = 1; h <= 3; h++) {
                for (int m = 0; m < 5; m++) {
                    String time = String.format("May 01 2024 10:%02d:%02d", 20 + round * 15, 10 + h + m / 3);
                    String mta = "203.0." + (100 + round) + "." + (10 + h * 10 + m);
                    int port = 40_000 + round * 100 + h * 10 + m;
                    log.append(built(time, "10.0.0." + h, port, mta, 25, port));
                    log.append(teardown(time, "10.0.0." + h, port, mta, 25, 2_400));
                }
            }
        }
        Path file = dir.resolve("asa.log");
        Files.writeString(file, log);
        EventCollector out = Pipelines.run(List.of(file), a -> Detectors.addDefaults(a, Pipelines.options()));
        List<CncEvent> cncs = out.of(CncEvent.class);
        assertEquals(1, cncs.size(), cncs.toString());
        assertEquals(cnc, cncs.get(0).cnc().ip());
        assertEquals(8443, cncs.get(0).cnc().port());
        assertEquals(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"), cncs.get(0).bots());
        assertTrue(cncs.get(0).reactions().stream().anyMatch(r -> r.kind().equals("spam") && r.count() == 30), cncs.get(0).reactions().toString());
        assertTrue(out.of(EvidenceEvent.class).stream().filter(e -> e.method().equals("sync")).count() == 3);
    }
}
