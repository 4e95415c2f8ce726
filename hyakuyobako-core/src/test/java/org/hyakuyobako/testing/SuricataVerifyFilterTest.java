package org.hyakuyobako.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The suricata-verify filter semantics the runner relies on, so a runner that matched everything
 * (or nothing) could not pass for agreement: dotted and indexed keys, numbers against text, counts
 * (given, zero, absent), has-key and the suffixes.
 */
class SuricataVerifyFilterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private static List<JsonNode> eve() throws IOException {
        return List.of(
                JSON.readTree("{\"event_type\":\"dns\",\"dns\":{\"rcode\":\"NXDOMAIN\",\"authorities\":[{\"rrname\":\"oisf.net\","
                        + "\"soa\":{\"serial\":1}}]},\"src_port\":53}"),
                JSON.readTree("{\"event_type\":\"alert\",\"alert\":{\"signature_id\":2},\"email\":{\"to\":[\"<a@b>\"]}}"));
    }

    private static SuricataVerifyFilter.Outcome check(String yaml) throws IOException {
        return new SuricataVerifyFilter(YAML.readTree(yaml)).evaluate(eve());
    }

    @Test
    void nestedAndIndexedKeysAndNumbersAsText() throws IOException {
        assertTrue(check("count: 1\nmatch:\n  dns.authorities[0].soa.serial: 1\n  dns.authorities[0].rrname: oisf.net\n  src_port: \"53\"\n")
                .agrees());
        assertTrue(check("count: 1\nmatch:\n  email.to[0]: <a@b>\n").agrees());
        SuricataVerifyFilter.Outcome wrong = check("count: 1\nmatch:\n  dns.authorities[0].soa.serial: 2\n  event_type: dns\n");
        assertFalse(wrong.agrees());
        assertEquals(3, wrong.fields());
        assertEquals(1, wrong.fieldsAgreeing(), "event_type agrees on the closest record, the serial and the count do not");
        assertFalse(check("count: 1\nmatch:\n  dns.authorities[1].rrname: oisf.net\n").agrees(), "no second authority");
    }

    @Test
    void countsGivenZeroAndAbsent() throws IOException {
        assertTrue(check("count: 0\nmatch:\n  alert.signature_id: 1\n").agrees());
        assertFalse(check("count: 0\nmatch:\n  alert.signature_id: 2\n").agrees());
        assertTrue(check("match:\n  event_type: alert\n").agrees(), "no count: at least one");
        assertFalse(check("match:\n  event_type: flow\n").agrees());
        assertFalse(check("count: 2\nmatch:\n  event_type: alert\n").agrees());
    }

    @Test
    void hasKeyAndSuffixes() throws IOException {
        assertTrue(check("count: 1\nmatch:\n  has-key: dns.authorities\n").agrees());
        assertTrue(check("count: 1\nmatch:\n  not-has-key: alert\n  event_type: dns\n").agrees());
        assertTrue(check("count: 1\nmatch:\n  dns.authorities__len: 1\n").agrees());
        assertTrue(check("count: 1\nmatch:\n  dns.rcode__startswith: NX\n").agrees());
        assertTrue(check("count: 1\nmatch:\n  dns.rcode__find: DOM\n").agrees());
    }
}
