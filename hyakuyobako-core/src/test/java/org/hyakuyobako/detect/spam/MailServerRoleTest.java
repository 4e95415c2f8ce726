package org.hyakuyobako.detect.spam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.flow.FlowRecord;
import org.hyakuyobako.net.HomeNet;
import org.junit.jupiter.api.Test;

/**
 * A mail relay learned from traffic: a host other hosts deliver mail to, and which then delivers
 * to many mail servers, is doing its job; a host that only sends to many mail servers is a spam
 * bot. The role may show after the first deliveries: evidence waits for the hour's end. Mutation
 * caught: evidence emitted at once (the relay is accused before its inbound mail is seen).
 */
class MailServerRoleTest {
    static final long S = 1_000_000_000L;
    static final long T0 = 1_700_000_000L * S;

    private final List<Event> out = new ArrayList<>();
    private final SpamDetector spam = new SpamDetector(HomeNet.privateRanges(), List.of(), out::add);
    private long id = 1;

    private void smtp(String client, String server, long at) {
        long[] a = IpAddresses.parse(client);
        long[] b = IpAddresses.parse(server);
        spam.accept(new FlowEvent(new FlowRecord(id++, 0, 6, 40_000, 25, at, at + S, S, 8, 6, 2_000, 600, 2_400, 900, 1_800, 300, "SF",
                "ShADadFf", 0, 0, null, "closed", "smtp", 0, 0, a[0], a[1], b[0], b[1])));
    }

    @Test
    void aRelayDeliveringForOthersIsNoSpamBotButASenderAloneIs() {
        for (int m = 0; m < 8; m++) {
            smtp("10.0.0.5", "203.0.113." + (10 + m), T0 + m * 30 * S);        // the relay delivers outward
            smtp("10.0.0.6", "198.51.100." + (10 + m), T0 + m * 30 * S);       // a host that only sends
        }
        for (int c = 0; c < 3; c++) {
            smtp("192.0.2." + (40 + c), "10.0.0.5", T0 + (300 + c * 60) * S);   // mail delivered to the relay
        }
        spam.finish();
        List<String> accused = out.stream().filter(EvidenceEvent.class::isInstance).map(e -> ((EvidenceEvent) e).host()).toList();
        assertTrue(accused.contains("10.0.0.6"), accused.toString());
        assertEquals(false, accused.contains("10.0.0.5"), accused.toString());
    }
}
