package org.hyakuyobako.source.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.hyakuyobako.testing.Corpus;
import org.junit.jupiter.api.Test;

/**
 * SEKOIA.IO's Cisco Secure Firewall test cases: every message whose id we read gives the fields
 * their parser expects (addresses, ports, NAT, transport, direction, bytes, action, interfaces,
 * reason); the others are listed by id.
 *
 * <p>Mutations this test catches (tried in AsaMessageParser, failed, restored): every reason changed
 * to "changed"; every reason null (once skipped, since only a non-null reason was compared);
 * support for 302013 dropped (the case count falls below its floor).
 */
class AsaSekoiaTest {
    /** The message ids (and untagged FTD/Snort lines) we do not read today; the set may only shrink. */
    private static final Set<String> NOT_READ_TODAY = Set.of("(no ASA tag)", "106012", "109201", "110003", "111007", "111008",
            "111009", "111010", "113004", "113005", "113012", "113019", "113039", "199019", "313005", "313008", "430005", "609002",
            "611101", "611103", "716039", "716058", "716059", "722011", "722012", "722023", "722028", "722032", "722033", "722034",
            "722037", "722051", "725001", "725002", "725006", "725007", "737016", "750003", "750006", "852001");

    /** Our event in the ECS names Sekoia's expectations use. */
    static Map<String, String> ecs(FirewallEvent e) {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "action.name", e.action());
        put(m, "network.transport", e.transport());
        put(m, "network.direction", e.direction());
        if (e.bytes() >= 0) {
            m.put("network.bytes", Long.toString(e.bytes()));
        }
        side(m, "source", e.src());
        side(m, "destination", e.dst());
        if (e.src() != null) {
            put(m, "observer.ingress.interface.name", e.src().iface());
        }
        if (e.dst() != null) {
            put(m, "observer.egress.interface.name", e.dst().iface());
        }
        // "on interface X" of a denial: Sekoia files it as the egress interface.
        put(m, "observer.egress.interface.name", e.iface() != null ? e.iface() : m.get("observer.egress.interface.name"));
        return m;
    }

    private static void side(Map<String, String> m, String name, FirewallEndpoint p) {
        if (p == null) {
            return;
        }
        put(m, name + ".ip", p.ip());
        if (p.port() >= 0) {
            m.put(name + ".port", Integer.toString(p.port()));
        }
        put(m, name + ".nat.ip", p.mappedIp());
        if (p.mappedPort() >= 0) {
            m.put(name + ".nat.port", Integer.toString(p.mappedPort()));
        }
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else if (!n.isArray()) {
            out.put(prefix, n.asText());
        }
    }

    @Test
    void everySupportedMessageGivesTheExpectedFields() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(Corpus.root().resolve("firewall/sekoia-cisco-secure-firewall-tests"))) {
            cases = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        ObjectMapper json = new ObjectMapper();
        int checked = 0;
        int reasons = 0;
        Map<String, List<String>> unsupported = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Path p : cases) {
            JsonNode t = json.readTree(p.toFile());
            String message = t.path("input").path("message").asText();
            AsaLine line = AsaLine.parse(message, 2024);
            if (line == null || !AsaMessageParser.supports(line.messageId())) {
                unsupported.computeIfAbsent(line == null ? "(no ASA tag)" : line.messageId(), k -> new ArrayList<>())
                        .add(p.getFileName().toString());
                continue;
            }
            FirewallEvent e = AsaMessageParser.parse(line);
            assertNotNull(e, p.getFileName() + ": " + message);
            Map<String, String> expected = new TreeMap<>();
            flatten("", t.path("expected"), expected);
            Map<String, String> ours = ecs(e);
            for (String key : List.of("source.ip", "source.port", "destination.ip", "destination.port", "source.nat.ip",
                    "source.nat.port", "destination.nat.ip", "destination.nat.port", "network.transport", "network.direction",
                    "network.bytes", "action.name", "observer.ingress.interface.name", "observer.egress.interface.name")) {
                if (expected.containsKey(key) && !expected.get(key).equals(ours.get(key))) {
                    failures.add(p.getFileName() + " " + key + ": expected " + expected.get(key) + ", ours " + ours.get(key));
                }
            }
            if (expected.containsKey("event.reason") && (e.reason() == null || !e.reason().contains(expected.get("event.reason")))) {
                failures.add(p.getFileName() + " event.reason: expected " + expected.get("event.reason") + ", ours " + e.reason());
            }
            reasons += expected.containsKey("event.reason") ? 1 : 0;
            checked++;
        }
        System.out.println("Sekoia ASA cases: " + checked + " checked, " + reasons + " with a reason; not read (by id): " + unsupported);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        // A floor that may only rise: 23 cases are read today. Every id we do not read is named
        // below, so support for one cannot be lost without this test saying which.
        assertTrue(checked >= 23, "Sekoia cases read and compared: " + checked);
        Set<String> newlyUnread = new TreeSet<>(unsupported.keySet());
        newlyUnread.removeAll(NOT_READ_TODAY);
        assertEquals(Set.of(), newlyUnread, "message ids no longer read");
        assertTrue(reasons >= 3, "cases whose reason was compared: " + reasons);
    }
}
