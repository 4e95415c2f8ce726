package org.hyakuyobako.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.event.CncEndpoint;
import org.hyakuyobako.event.CncEvent;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.GroupEvent;
import org.hyakuyobako.event.VerdictEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Correlation (D9): agreement across methods, life cycle and groups make verdicts; alert floods do not. */
class CorrelatorTest {
    static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    private final List<Event> out = new ArrayList<>();
    private Correlator correlator = new Correlator(CorrelationConfig.defaults(), out::add);

    private void evidence(String host, String peer, String method, double score, long at) {
        correlator.accept(new EvidenceEvent(at * SECOND, at * SECOND, host, peer, method, score, method + " says so",
                List.of("flow:" + at)));
    }

    private List<VerdictEvent> verdicts() {
        correlator.finish();
        return out.stream().filter(VerdictEvent.class::isInstance).map(VerdictEvent.class::cast).toList();
    }

    private VerdictEvent verdictOf(String host) {
        return verdicts().stream().filter(v -> v.host().equals(host)).findFirst().orElse(null);
    }

    @Test
    void twoMethodsAgreeingOutweighAFloodFromOne() {
        for (int i = 0; i < 1_000; i++) {
            evidence("10.0.0.1", "198.51.100." + (i % 200), "signature", 0.6, i);
        }
        evidence("10.0.0.2", "198.51.100.9:443", "timing", 0.9, 1);
        evidence("10.0.0.2", "198.51.100.9", "blacklist", 0.8, 2);
        List<VerdictEvent> v = verdicts();
        VerdictEvent flood = v.stream().filter(x -> x.host().equals("10.0.0.1")).findFirst().orElseThrow();
        VerdictEvent agree = v.stream().filter(x -> x.host().equals("10.0.0.2")).findFirst().orElseThrow();
        assertEquals("suspicious", flood.verdict(), "one method, however loud, stays suspicious at 0.48 per alert");
        assertTrue(flood.score() < 0.8, String.valueOf(flood.score()));
        assertEquals("infected", agree.verdict());
        assertEquals(List.of("198.51.100.9:443"), agree.cnc(), "one C&C, named with its port");
        assertEquals(v.get(0).host(), "10.0.0.2", "strongest first");
        assertEquals(12, flood.evidence().size(), "the list is cut at verdict.max_evidence");
        assertEquals(200, flood.evidenceItems(), "items merge per method and peer: 1,000 alerts, 200 peers");
    }

    @Test
    void aWeakSignalAloneIsNoVerdictButTheLifeCycleMakesOne() {
        evidence("10.0.0.3", "203.0.113.5:8000", "irc", 0.5, 1);      // IRC on an odd port, alone
        evidence("10.0.0.4", "203.0.113.6", "exploit", 0.6, 1);       // an exploit came in
        evidence("10.0.0.4", "203.0.113.7", "download", 0.7, 2);      // an executable was fetched
        evidence("10.0.0.4", "203.0.113.8:6667", "irc-channel", 0.5, 3);
        evidence("10.0.0.4", "198.51.100.0", "scan", 0.7, 4);          // and it scans
        assertEquals(null, verdictOf("10.0.0.3"));
        VerdictEvent v = verdictOf("10.0.0.4");
        assertEquals("infected", v.verdict(), v.toString());
        // The exploit came from another address than the download: it is no part of the story and earns no stage.
        assertEquals(List.of("download", "cnc", "outbound"), v.stages());
        assertTrue(v.explanation().startsWith("infected because an infection chain: fetches code from 203.0.113.7"), v.explanation());
    }

    /** Issue 27: an exploit from X, then code from X, is an infection; each alone is not. */
    @Test
    void anExploitThenADownloadFromTheAttackerIsAnInfection() {
        evidence("10.0.0.20", "203.0.113.6", "exploit", 0.4, 1);
        evidence("10.0.0.20", "203.0.113.6:21", "download", 0.6, 20);
        evidence("10.0.0.21", "203.0.113.9", "exploit", 0.4, 1);          // exploited by one ...
        evidence("10.0.0.21", "198.51.100.3:80", "download", 0.5, 20);    // ... an updater's download from another
        evidence("10.0.0.22", "203.0.113.6", "exploit", 0.4, 1);
        evidence("10.0.0.22", "203.0.113.6:21", "download", 0.6, 3_600);  // an hour later: no story
        VerdictEvent chained = verdictOf("10.0.0.20");
        assertEquals("infected", chained.verdict(), chained.toString());
        assertEquals("chain", chained.evidence().get(0).method());
        assertEquals("203.0.113.6:21", chained.evidence().get(0).peer(), "named by where the code came from");
        assertEquals(List.of("step:exploit|203.0.113.6|1000000000", "step:download|203.0.113.6:21|20000000000"),
                chained.evidence().get(0).references().subList(0, 2), "the steps, for the chain timeline of the host page and report");
        assertEquals(List.of("inbound", "download"), chained.stages());
        assertEquals(null, verdictOf("10.0.0.21"));
        assertEquals(null, verdictOf("10.0.0.22"));
    }

    /** A shell's commands name where the code comes from: a download from there is the same story. */
    @Test
    void aDownloadFromWhereTheShellsCommandsPointedIsTheSameStory() {
        correlator.accept(new EvidenceEvent(SECOND, SECOND, "10.0.0.30", "203.0.113.6", "shell", 0.6, "serves a prompt",
                List.of("flow:1", "named:198.51.100.44", "named:mirror.example")));
        evidence("10.0.0.30", "198.51.100.44:80", "download", 0.5, 5);
        correlator.accept(new EvidenceEvent(SECOND, SECOND, "10.0.0.31", "203.0.113.6", "shell", 0.6, "serves a prompt",
                List.of("flow:2", "named:mirror.example")));
        correlator.accept(new EvidenceEvent(6 * SECOND, 6 * SECOND, "10.0.0.31", "192.0.2.80:80", "download", 0.5,
                "downloads a Windows executable (MZ) from http://mirror.example/x.exe", List.of("flow:3")));
        assertEquals("chain", verdictOf("10.0.0.30").evidence().get(0).method());
        assertEquals("198.51.100.44:80", verdictOf("10.0.0.30").evidence().get(0).peer());
        assertEquals("192.0.2.80:80", verdictOf("10.0.0.31").evidence().get(0).peer(), "named by its host name in the URL");
    }

    /** A learned mail server's outbound mail is its job: no verdict from spam; other methods still count. */
    @Test
    void aRolesNormalBehaviourIsNoEvidence() {
        correlator.accept(new org.hyakuyobako.event.RoleEvent(0, "10.0.0.40", "mail-server", 5, "5 monitored hosts use it"));
        evidence("10.0.0.40", null, "spam", 0.95, 10);
        evidence("10.0.0.41", null, "spam", 0.95, 10);
        correlator.accept(new org.hyakuyobako.event.RoleEvent(0, "10.0.0.42", "mail-server", 5, "5 monitored hosts use it"));
        evidence("10.0.0.42", null, "spam", 0.95, 10);
        evidence("10.0.0.42", "192.0.2.66:6667", "irc", 0.9, 11);
        assertEquals(null, verdictOf("10.0.0.40"));
        assertEquals("infected", verdictOf("10.0.0.41").verdict());
        VerdictEvent compromised = verdictOf("10.0.0.42");
        assertEquals(List.of("irc"), List.copyOf(compromised.methods().keySet()), "its IRC bot counts, its mail does not");
    }

    @Test
    void membershipOfASyncGroupCountsAndNamesTheGroup() {
        correlator.accept(new CncEvent(0, new CncEndpoint("192.0.2.66", 6667, "irc"), List.of("10.0.0.5", "10.0.0.6"), 0.9,
                List.of(), List.of()));
        correlator.accept(new GroupEvent(0, "sync-1", List.of("10.0.0.5", "10.0.0.6"), List.of(new CncEndpoint("192.0.2.66", 6667, "irc"))));
        evidence("10.0.0.5", "192.0.2.66", "sync", 0.6, 1);
        evidence("10.0.0.6", "192.0.2.66:6667", "timing", 0.5, 1);
        VerdictEvent five = verdictOf("10.0.0.5");
        out.clear();
        assertEquals("suspicious", five.verdict(), "0.6 from sync, then a third of the doubt removed: 0.72");
        assertEquals(0.72, five.score(), 1e-9);
        assertEquals(List.of("sync-1"), five.groups());
        assertEquals(List.of("192.0.2.66:6667"), five.cnc(), "the group's C&C, with its port");
        assertTrue(out.stream().noneMatch(CncEvent.class::isInstance), "sync already reported that C&C");
    }

    @Test
    void cncFoundByOtherMethodsIsReportedWithItsBotsAsAGroup() {
        for (String h : List.of("10.0.0.7", "10.0.0.8", "10.0.0.9")) {
            evidence(h, "[2001:db8::66]:6667", "irc", 0.8, 1);
            evidence(h, "[2001:db8::66]:6667", "timing", 0.4, 2);
        }
        evidence("10.0.0.10", "[2001:db8::66]:6667", "irc-channel", 0.2, 2);   // too weak to be a verdict
        List<VerdictEvent> v = verdicts();
        assertEquals(3, v.size());
        assertTrue(v.stream().allMatch(x -> x.verdict().equals("infected") && x.groups().equals(List.of("cnc-1"))), v.toString());
        CncEvent cnc = out.stream().filter(CncEvent.class::isInstance).map(CncEvent.class::cast).findFirst().orElseThrow();
        assertEquals(new CncEndpoint("2001:db8::66", 6667, "irc"), cnc.cnc());
        assertEquals(List.of("10.0.0.7", "10.0.0.8", "10.0.0.9"), cnc.bots());
        GroupEvent g = out.stream().filter(GroupEvent.class::isInstance).map(GroupEvent.class::cast).findFirst().orElseThrow();
        assertEquals("cnc-1", g.id());
    }

    @Test
    void aNewDetectorPlugsInThroughTheDefaultPolicy() throws IOException {
        evidence("10.0.0.11", "198.51.100.20", "p2p-chatter", 0.9, 1);
        assertEquals(null, verdictOf("10.0.0.11"), "unknown methods weigh 0.5 by default: 0.45");
        Path mine = dir.resolve("mine.properties");
        Files.writeString(mine, "# trust it\nmethod.p2p-chatter.weight = 1.0\nmethod.p2p-chatter.stage = cnc\nverdict.suspicious=0.5\n");
        out.clear();
        correlator = new Correlator(CorrelationConfig.load(mine), out::add);
        evidence("10.0.0.11", "198.51.100.20", "p2p-chatter", 0.9, 1);
        VerdictEvent v = verdictOf("10.0.0.11");
        assertEquals("infected", v.verdict(), "0.9 from one item is strong enough alone");
        assertEquals(List.of("cnc"), v.stages());
    }

    @Test
    void configurationMistakesNameFileAndLine() throws IOException {
        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "method.irc.weight = 0.9\nmethod.irc.wieght = 2\n");
        IOException e = assertThrows(IOException.class, () -> CorrelationConfig.load(bad));
        assertTrue(e.getMessage().startsWith(bad + ":2: unknown key 'method.irc.wieght'"), e.getMessage());
        Files.writeString(bad, "method.scan.stage = outward\n");
        e = assertThrows(IOException.class, () -> CorrelationConfig.load(bad));
        assertTrue(e.getMessage().startsWith(bad + ":1: stage must be one of"), e.getMessage());
        Files.writeString(bad, "verdict.infected = 1.5\n");
        e = assertThrows(IOException.class, () -> CorrelationConfig.load(bad));
        assertTrue(e.getMessage().startsWith(bad + ":1: verdict.infected must be in 0-1"), e.getMessage());
        Files.writeString(bad, "just words\n");
        e = assertThrows(IOException.class, () -> CorrelationConfig.load(bad));
        assertTrue(e.getMessage().contains(":1: expected 'key = value'"), e.getMessage());
    }
}
