package org.hyakuyobako.detect.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.detect.blacklist.Blacklists;
import org.hyakuyobako.detect.irc.BotVocabulary;
import org.hyakuyobako.event.AlertEvent;
import org.hyakuyobako.rules.RuleSet;
import org.hyakuyobako.rules.RuleVariables;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * All of ET Open on real captures of the corpus: its IRC rules fire on real IRC as their headers
 * say (the port-6666:7000 rules on port 6667, the "non-standard port" rules on port 8000, none
 * where the client never sends the command), its executable-download rules on the downloads.
 */
class EtOpenOnCorpusTest {
    static RuleSet et;

    @BeforeAll
    static void load() throws IOException {
        et = RuleSet.load(List.of(Corpus.root().resolve("et-open")), RuleVariables.defaults(Pipelines.options().homeNet()));
    }

    static Set<Long> sids(String capture) throws IOException {
        long start = System.nanoTime();
        List<AlertEvent> alerts = Pipelines.run(List.of(Corpus.file(capture)),
                a -> Detectors.addDefaults(a, Pipelines.options(), new Blacklists(), BotVocabulary.bundled(), et)).of(AlertEvent.class);
        System.out.printf("%s: %d alerts in %d ms (engine built per run)%n", capture, alerts.size(), (System.nanoTime() - start) / 1_000_000);
        return new TreeSet<>(alerts.stream().map(AlertEvent::signatureId).toList());
    }

    @Test
    void ircRulesFollowTheirHeaders() throws IOException {
        // Client sends "USER foo" (no " :" so not the USER rule), "NICK foo" and "JOIN #WEEEEEE" to port 6667.
        assertEquals(Set.of(2002024L, 2002025L), sids("zeek/contentline-irc-5k-line.pcap"));
        // IRC on port 8000: the 6666:7000 rules stay silent, the off-port trojan rules speak.
        Set<Long> offPort = sids("arkime/irc.pcap");
        assertTrue(offPort.contains(2000345L), "ET TROJAN IRC Nick change on non-standard port: " + offPort);
        assertTrue(offPort.stream().noneMatch(s -> s == 2002024L || s == 2002025L || s == 2002023L), offPort.toString());
        // Port 6666, but the client sends five bytes and closes: nothing IRC to match.
        assertEquals(Set.of(), sids("zeek/irc-353.pcap"));
    }

    @Test
    void executableDownloadsAreCaught() throws IOException {
        Set<Long> exe = sids("ndpi/exe_download.pcap");
        assertTrue(exe.contains(2018959L), "ET's PE download rule on file_data: " + exe);
        assertTrue(sids("ndpi/emotet.pcap").contains(2018959L));
    }

    @Test
    void benignTrafficRaisesNoTrojanAlerts() throws IOException {
        for (String capture : List.of("zeek/smtp.pcap", "ndpi/smtp.pcap", "ndpi/http_connect.pcap", "arkime/dns-mx.pcap")) {
            Set<Long> s = sids(capture);
            for (long sid : s) {
                var rule = et.rules().stream().filter(r -> r.sid == sid).findFirst().orElse(null);
                assertTrue(rule == null || !"trojan-activity".equals(rule.classtype), capture + ": " + sid + " " + (rule == null ? "" : rule.msg));
            }
        }
    }
}
