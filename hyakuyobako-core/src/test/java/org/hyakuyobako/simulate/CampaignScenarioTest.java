package org.hyakuyobako.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The campaign generator's captures against their ground truth: the same seed writes the same
 * files, every packet decodes, every bot talks to its C&C, no C&C is also a benign node, and the
 * encrypted profile carries no IRC at all.
 */
class CampaignScenarioTest {
    @TempDir
    Path dir;

    static Stream<CampaignScenario.Spec> specs() {
        return Stream.of(CampaignScenario.Spec.intranet(1), CampaignScenario.Spec.honeypot(2),
                CampaignScenario.Spec.encrypted(Scenario.Kind.intranet, 3), CampaignScenario.Spec.encrypted(Scenario.Kind.honeypot, 4),
                CampaignScenario.Spec.honeypot(5).withMergedHoneypots(true));
    }

    @Test
    void theSameSeedWritesTheSameFiles() throws IOException {
        for (CampaignScenario.Spec spec : List.of(CampaignScenario.Spec.honeypot(7), CampaignScenario.Spec.intranet(7).withHours(0.5))) {
            Path a = dir.resolve("a-" + spec.kind());
            Path b = dir.resolve("b-" + spec.kind());
            new CampaignScenario(spec).write(a);
            new CampaignScenario(spec).write(b);
            for (String name : new CampaignScenario(spec).sensorNames()) {
                assertArrayEquals(Files.readAllBytes(a.resolve(name + ".pcap")), Files.readAllBytes(b.resolve(name + ".pcap")), name);
            }
            assertArrayEquals(Files.readAllBytes(a.resolve("ground-truth.json")), Files.readAllBytes(b.resolve("ground-truth.json")));
        }
        Path other = dir.resolve("other");
        new CampaignScenario(CampaignScenario.Spec.honeypot(8)).write(other);
        assertFalse(Arrays.equals(Files.readAllBytes(dir.resolve("a-honeypot/hp1.pcap")), Files.readAllBytes(other.resolve("hp1.pcap"))),
                "another seed, other traffic");
    }

    @ParameterizedTest
    @MethodSource("specs")
    void everyPacketDecodesAndEveryBotTalksToItsCnc(CampaignScenario.Spec spec) throws IOException {
        CampaignCaptures c = CampaignCaptures.of(spec, dir);
        GroundTruth t = c.truth;
        assertTrue(t.packets > 1_000, "packets: " + t.packets);
        assertEquals(t.packets, c.counters.get("capture.packets"));
        assertEquals(t.packets, c.counters.get("decoder.ipv4_ipv6"), "every packet is IP");
        assertTrue(c.counters.keySet().stream().noneMatch(k -> k.startsWith("skipped.")), "nothing skipped: " + c.counters);
        assertEquals(new CampaignScenario(spec).sensorNames(), t.sensors);

        for (GroundTruth.Botnet b : t.botnets) {
            assertTrue(b.planned() && b.commands() >= 1 && !b.reactions().isEmpty(), b.toString());
            assertEquals(ChannelKind.valueOf(b.channel()).push, b.push());
            assertEquals(ChannelKind.valueOf(b.channel()).encrypted, b.encrypted());
            for (String bot : b.bots()) {
                assertTrue(t.hosts.contains(bot), bot + " is monitored");
                assertTrue(c.from(bot, b.cncIp(), b.cncPort()).findAny().isPresent(), b.name() + ": " + bot + " never contacts its C&C");
            }
        }
        Set<String> benign = t.benign.stream().map(GroundTruth.Benign::ip).collect(Collectors.toSet());
        t.benignHosts.forEach(h -> benign.add(h.ip()));
        for (GroundTruth.Botnet b : t.botnets) {
            assertFalse(benign.contains(b.cncIp()), b.cncIp() + " is both C&C and benign");
        }
        for (GroundTruth.Benign h : t.benignHosts) {
            assertFalse(t.infected().contains(h.ip()), h + " is a benign server, never a bot");
        }
        Set<String> roles = t.benign.stream().map(GroundTruth.Benign::role).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(roles.containsAll(List.of("resolver", "ntp", "updater", "update-cdn", "backup-server")), roles.toString());
        if (spec.kind() == Scenario.Kind.intranet) {
            assertTrue(roles.containsAll(List.of("mgmt-server", "mgmt-cdn", "chat-server", "chat-cdn", "popular-site", "cdn", "mta-of-relay",
                    "mail-sender")), roles.toString());
            assertEquals(Set.of("mail-relay", "proxy", "resolver", "update-server"), t.benignHosts.stream().map(GroundTruth.Benign::role).collect(Collectors.toSet()));
            assertNotNull(t.firewallPublicIp);
        } else {
            assertTrue(roles.contains("internet-scanner"), roles.toString());
        }
    }

    @Test
    void theGroundTruthFileCarriesThePlanAndTheNewKeys() throws IOException {
        GroundTruth t = new CampaignScenario(CampaignScenario.Spec.intranet(4).withHours(0.5)).write(dir);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("ground-truth.json").toFile());
        for (String key : List.of("scenario", "seed", "packets", "sensors", "infected", "cnc", "benign_shared", "profile", "home_networks",
                "benign_hosts", "firewall")) {
            assertTrue(json.has(key), key);
        }
        JsonNode cnc = json.get("cnc").get(0);
        for (String key : List.of("botnet", "ip", "port", "channel", "bots", "encrypted", "push", "commands", "reactions", "base_delay_s",
                "jitter_s")) {
            assertTrue(cnc.has(key), key);
        }
        assertEquals(t.firewallPublicIp, json.get("firewall").get("public_ip").asText());
        assertEquals(1, json.get("firewall").get("static_nat").size(), "the mail relay");
        assertEquals(t.benignHosts.size(), json.get("benign_hosts").size());
    }

    @Test
    void theEncryptedProfileHasNoIrcAnywhere() throws IOException {
        for (Scenario.Kind kind : Scenario.Kind.values()) {
            Path run = dir.resolve(kind.name());
            GroundTruth t = new CampaignScenario(CampaignScenario.Spec.encrypted(kind, 11)).write(run);
            assertTrue(t.botnets.stream().allMatch(b -> b.encrypted() && !b.channel().equals("irc")), t.botnets.toString());
            assertTrue(t.benign.stream().noneMatch(b -> b.role().equals("irc-server")));
            assertFalse(CampaignCaptures.anyCaptureContains(run, "PRIVMSG"), kind + ": PRIVMSG");
            assertFalse(CampaignCaptures.anyCaptureContains(run, "NICK "), kind + ": NICK");
        }
        Path mixed = dir.resolve("mixed");
        GroundTruth t = new CampaignScenario(CampaignScenario.Spec.intranet(11).withHours(0.5)).write(mixed);
        assertEquals(1, t.botnets.stream().filter(b -> b.channel().equals("irc")).count(), "mixed: exactly one IRC botnet");
        assertTrue(CampaignCaptures.anyCaptureContains(mixed, "PRIVMSG"));
        assertTrue(t.benign.stream().anyMatch(b -> b.role().equals("irc-server")), "mixed intranet: benign IRC chatters");
    }
}
