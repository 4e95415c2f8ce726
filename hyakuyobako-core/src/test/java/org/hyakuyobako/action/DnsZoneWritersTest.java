package org.hyakuyobako.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The RPZ zone parses whole with dnsjava's zone-file parser and holds exactly the valid names, their
 * wildcards and the C&C address triggers; the Unbound file holds one strict line per name. Mutations
 * this test catches: a hostile name written (a newline or a directive would add records), a wrong
 * rpz-ip owner, a sinkhole of the wrong type.
 */
class DnsZoneWritersTest {
    private static final Name ORIGIN = Name.fromConstantString(RpzZoneWriter.ZONE);

    private static List<org.xbill.DNS.Record> parseZone(String zone) throws Exception {
        List<org.xbill.DNS.Record> records = new ArrayList<>();
        try (Master m = new Master(new ByteArrayInputStream(zone.getBytes(StandardCharsets.UTF_8)), ORIGIN)) {
            org.xbill.DNS.Record r;
            while ((r = m.nextRecord()) != null) {
                records.add(r);
            }
        }
        return records;
    }

    private static String write(FindingsWriter w, String sinkhole, RefusedIndicators refused) throws Exception {
        StringWriter out = new StringWriter();
        w.write(HostileFindings.findings(), new ExportSettings(1, 2, sinkhole, "t", Instant.parse("2026-12-07T00:00:00Z")), out, refused);
        return out.toString();
    }

    @Test
    void rpzParsesWholeAndHoldsOnlyValidNamesAndTheCncTriggers() throws Exception {
        RefusedIndicators refused = new RefusedIndicators();
        List<org.xbill.DNS.Record> records = parseZone(write(new RpzZoneWriter(), null, refused));
        Set<String> owners = new TreeSet<>();
        for (org.xbill.DNS.Record r : records) {
            if (r.getType() == Type.CNAME) {
                assertEquals(Name.root, ((org.xbill.DNS.CNAMERecord) r).getTarget(), "NXDOMAIN action is CNAME .");
                owners.add(r.getName().relativize(ORIGIN).toString());
            }
        }
        assertEquals(Set.of("good-bad.example", "*.good-bad.example", "cnc_1.dyn.example", "*.cnc_1.dyn.example",
                "32.66.2.0.192.rpz-ip", "32.99.2.0.192.rpz-ip", "128.66.zz.db8.2001.rpz-ip"), owners);
        assertEquals(HostileFindings.HOSTILE_DOMAINS.size(), refused.count());
        assertEquals(1, records.stream().filter(r -> r.getType() == Type.SOA).count());
    }

    @Test
    void rpzSinkholesWithTheAddressFamilyOfTheSinkhole() throws Exception {
        for (String sinkhole : List.of("198.51.100.1", "2001:db8::53")) {
            List<org.xbill.DNS.Record> records = parseZone(write(new RpzZoneWriter(), sinkhole, new RefusedIndicators()));
            int type = sinkhole.contains(":") ? Type.AAAA : Type.A;
            assertEquals(7, records.stream().filter(r -> r.getType() == type).count());
            java.net.InetAddress want = java.net.InetAddress.getByName(sinkhole); // a literal: no look-up
            assertTrue(records.stream().filter(r -> r.getType() == type).allMatch(r -> want.equals(
                    r instanceof org.xbill.DNS.ARecord a ? a.getAddress() : ((org.xbill.DNS.AAAARecord) r).getAddress())));
            assertFalse(records.stream().anyMatch(r -> r.getType() == Type.CNAME));
        }
    }

    @Test
    void rpzIpOwnersFollowTheDraft() {
        assertEquals("32.66.2.0.192.rpz-ip", RpzZoneWriter.rpzIp("192.0.2.66"));
        assertEquals("128.1.zz.db8.2001.rpz-ip", RpzZoneWriter.rpzIp("2001:db8::1"));
        assertEquals("128.1.0.0.0.0.0.db8.2001.rpz-ip".replace("0.0.0.0.0", "zz"), RpzZoneWriter.rpzIp("2001:db8:0:0:0:0:0:1"));
        assertEquals("128.zz.2001.rpz-ip", RpzZoneWriter.rpzIp("2001::"));
        assertEquals("128.5.0.4.0.3.0.2.1.rpz-ip", RpzZoneWriter.rpzIp("1:2:0:3:0:4:0:5"));
    }

    @Test
    void unboundHasOneStrictLinePerValidName() throws Exception {
        Pattern nx = Pattern.compile("^    local-zone: \"[a-z0-9_.-]+\\.\" always_nxdomain$");
        Pattern redirect = Pattern.compile("^    local-zone: \"[a-z0-9_.-]+\\.\" redirect$");
        Pattern data = Pattern.compile("^    local-data: \"[a-z0-9_.-]+\\. 300 IN A 198\\.51\\.100\\.1\"$");
        RefusedIndicators refused = new RefusedIndicators();
        String plain = write(new UnboundZoneWriter(), null, refused);
        assertEquals(2, plain.lines().filter(l -> nx.matcher(l).matches()).count(), plain);
        assertTrue(plain.lines().allMatch(l -> l.startsWith("#") || l.equals("server:") || nx.matcher(l).matches()), plain);
        assertEquals(HostileFindings.HOSTILE_DOMAINS.size(), refused.count());
        String sink = write(new UnboundZoneWriter(), "198.51.100.1", new RefusedIndicators());
        assertTrue(sink.lines().allMatch(l -> l.startsWith("#") || l.equals("server:") || redirect.matcher(l).matches()
                || data.matcher(l).matches()), sink);
        assertTrue(sink.contains("local-zone: \"good-bad.example.\" redirect"), sink);
    }
}
