package org.hyakuyobako.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.hyakuyobako.testing.Captures;
import org.hyakuyobako.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our flows agree with Arkime's session expectations for its test captures: the endpoints, the
 * Community ID, and packets and frame bytes each way.
 */
class ArkimeAgreementTest {
    @ParameterizedTest
    @ValueSource(strings = {"irc", "irc-cap-req", "dns-mx"})
    void sessionsAgree(String name) throws IOException {
        String pcap = name.equals("irc") ? "arkime/irc.pcap" : "arkime/" + name + ".pcap";
        JsonNode sessions = new ObjectMapper().readTree(Corpus.file("arkime/" + name + ".test.json").toFile()).get("sessions3");
        List<FlowRecord> flows = Captures.flows(Corpus.file(pcap), FlowConfig.DEFAULT);
        assertEquals(sessions.size(), flows.size());
        for (int i = 0; i < sessions.size(); i++) {
            JsonNode b = sessions.get(i).get("body");
            FlowRecord f = flows.get(i);
            assertEquals(b.at("/source/ip").asText(), f.srcIp());
            assertEquals(b.at("/source/port").asInt(), f.srcPort());
            assertEquals(b.at("/destination/ip").asText(), f.destIp());
            assertEquals(b.at("/destination/port").asInt(), f.destPort());
            assertEquals(b.at("/network/community_id").asText(), f.communityId());
            assertEquals(b.at("/source/packets").asLong(), f.pktsToServer(), "source packets");
            assertEquals(b.at("/destination/packets").asLong(), f.pktsToClient(), "destination packets");
            assertEquals(b.at("/source/bytes").asLong(), f.bytesToServer(), "source bytes");
            assertEquals(b.at("/destination/bytes").asLong(), f.bytesToClient(), "destination bytes");
        }
    }
}
