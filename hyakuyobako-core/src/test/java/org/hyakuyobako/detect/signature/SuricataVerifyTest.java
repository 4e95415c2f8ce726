package org.hyakuyobako.detect.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.detect.blacklist.Blacklists;
import org.hyakuyobako.detect.irc.BotVocabulary;
import org.hyakuyobako.event.AlertEvent;
import org.hyakuyobako.rules.RuleSet;
import org.hyakuyobako.rules.RuleVariables;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;

/**
 * The suricata-verify cases in the corpus that carry rules and expected alerts: the same alerts,
 * with the fields their test.yaml checks.
 */
class SuricataVerifyTest {
    static List<AlertEvent> alerts(String capture, String rules) throws IOException {
        RuleSet set = RuleSet.load(List.of(Corpus.file(rules)), RuleVariables.defaults(Pipelines.options().homeNet()));
        assertTrue(set.skipped().isEmpty(), "every rule of the case loads: " + set.skipped());
        return Pipelines.run(List.of(Corpus.file(capture)),
                a -> Detectors.addDefaults(a, Pipelines.options(), new Blacklists(), BotVocabulary.bundled(), set)).of(AlertEvent.class);
    }

    static long count(List<AlertEvent> alerts, long sid) {
        return alerts.stream().filter(a -> a.signatureId() == sid).count();
    }

    @Test
    void dnsRcode() throws IOException {
        List<AlertEvent> a = alerts("suricata-verify/dns-rcode/input.pcap", "suricata-verify/dns-rcode/test.rules");
        assertEquals(1, count(a, 1), a.toString());
        assertEquals(1, count(a, 2), a.toString());
        assertEquals(1, count(a, 3), a.toString());
        AlertEvent one = a.stream().filter(x -> x.signatureId() == 1).findFirst().orElseThrow();
        assertEquals("8.8.4.4", one.srcIp());
        assertEquals(53, one.srcPort());
        assertEquals("10.16.1.11", one.destIp());
        assertEquals(59465, one.destPort());
        assertTrue(!one.toServer());
        assertEquals("dns", one.appProto());
        assertEquals("NXDOMAIN", one.app().get("dns.rcode"));
        AlertEvent two = a.stream().filter(x -> x.signatureId() == 2).findFirst().orElseThrow();
        assertTrue(!two.toServer(), "sid 2 only to the client");
        AlertEvent three = a.stream().filter(x -> x.signatureId() == 3).findFirst().orElseThrow();
        assertTrue(three.toServer(), "sid 3 on the query, whose header was edited to rcode 3");
        assertEquals("dns", three.appProto());
    }

    @Test
    void dnsResponseRrnameFindsTheMxTarget() throws IOException {
        List<AlertEvent> a = alerts("suricata-verify/dns-mx/dns-udp-google.com-a-aaaa-mx.pcap", "suricata-verify/dns-mx/response-mx.test.rules");
        assertEquals(1, count(a, 1), a.toString());
    }

    @Test
    void smtpFileDataWithStripWhitespace() throws IOException {
        List<AlertEvent> a = alerts("suricata-verify/smtp-bug-3616/input.pcap", "suricata-verify/smtp-bug-3616/input.rules");
        assertEquals(1, count(a, 1), a.toString());
        assertEquals(1, count(a, 2), a.toString());
        assertEquals(1, count(a, 3), a.toString());
    }
}
