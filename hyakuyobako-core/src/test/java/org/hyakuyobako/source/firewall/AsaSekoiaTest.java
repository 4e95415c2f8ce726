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
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hyakuyobako.testing.Corpus;
import org.junit.jupiter.api.Test;

/**
 * SEKOIA.IO's Cisco Secure Firewall test cases: every message whose id we read gives the fields
 * their parser expects (addresses, ports, NAT, transport, direction, bytes, action, interfaces,
 * reason); the others are listed by id.
 */
class AsaSekoiaTest {
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
            if (expected.containsKey("event.reason") && e.reason() != null && !e.reason().contains(expected.get("event.reason"))) {
                failures.add(p.getFileName() + " event.reason: expected " + expected.get("event.reason") + ", ours " + e.reason());
            }
            checked++;
        }
        System.out.println("Sekoia ASA cases: " + checked + " checked; not read (by id): " + unsupported);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(checked >= 14, "the connection, translation and denial messages are all there: " + checked);
        assertEquals(java.util.Set.of(), unsupported.keySet().stream().filter(AsaMessageParser::supports)
                .collect(java.util.stream.Collectors.toSet()));
    }
}
