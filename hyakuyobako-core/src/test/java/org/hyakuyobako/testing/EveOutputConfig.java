package org.hyakuyobako.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a suricata-verify case's own {@code suricata.yaml} lets Suricata write to eve.json: the
 * record types its {@code eve-log} lists and, for dns, whether requests and responses are logged and
 * which query types. Our sensor writes every record; applying the case's output configuration to
 * our records is what makes the case's counts comparable (answer-only expects no request records).
 * Without a configuration everything is kept, as Suricata's default does.
 */
public record EveOutputConfig(Set<String> types, boolean dnsRequests, boolean dnsResponses, Set<String> dnsTypes) {
    private static final YAMLMapper YAML = new YAMLMapper();

    public static EveOutputConfig of(Path suricataYaml) throws IOException {
        if (suricataYaml == null) {
            return new EveOutputConfig(Set.of(), true, true, Set.of());
        }
        // Suricata's files start with "%YAML 1.1" and "---", which Jackson's YAML reader accepts.
        JsonNode root = YAML.readTree(suricataYaml.toFile());
        Set<String> types = new HashSet<>();
        boolean requests = true;
        boolean responses = true;
        Set<String> dnsTypes = new HashSet<>();
        for (JsonNode output : root.path("outputs")) {
            for (JsonNode type : output.path("eve-log").path("types")) {
                String name = type.isTextual() ? type.asText() : type.fieldNames().next();
                types.add(name);
                JsonNode options = type.path(name);
                if (name.equals("dns")) {
                    requests = !options.has("requests") || truthy(options.get("requests"));
                    responses = !options.has("responses") || truthy(options.get("responses"));
                    options.path("types").forEach(t -> dnsTypes.add(t.asText().toUpperCase(Locale.ROOT)));
                }
            }
        }
        return new EveOutputConfig(types, requests, responses, dnsTypes);
    }

    /** YAML 1.1 booleans as Suricata reads them ("yes", "no", true, false). */
    private static boolean truthy(JsonNode n) {
        return n.isBoolean() ? n.asBoolean() : List.of("yes", "true", "on", "1").contains(n.asText().toLowerCase(Locale.ROOT));
    }

    public List<JsonNode> keep(List<JsonNode> records) {
        return records.stream().filter(this::logged).toList();
    }

    private boolean logged(JsonNode r) {
        String type = r.path("event_type").asText();
        if (!types.isEmpty() && !types.contains(type)) {
            return false;
        }
        if (!type.equals("dns")) {
            return true;
        }
        String direction = r.path("dns").path("type").asText();
        if (direction.equals("request") && !dnsRequests || direction.equals("answer") && !dnsResponses
                || direction.equals("response") && !dnsResponses) {
            return false;
        }
        if (dnsTypes.isEmpty()) {
            return true;
        }
        JsonNode rrtype = EveRecords.at(r, "dns.queries[0].rrtype");
        if (rrtype == null) {
            rrtype = EveRecords.at(r, "dns.rrtype");
        }
        return rrtype != null && dnsTypes.contains(rrtype.asText().toUpperCase(Locale.ROOT));
    }
}
