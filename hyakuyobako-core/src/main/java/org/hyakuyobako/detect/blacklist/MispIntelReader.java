package org.hyakuyobako.detect.blacklist;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import org.hyakuyobako.net.DnsNames;

/**
 * The attributes of MISP events (MISP core format: {@code {"Event": {...}}}, a list of them, or
 * the REST API's {@code {"response": [...]}}) that a blacklist can use: {@code ip-dst},
 * {@code ip-src}, {@code ip-dst|port}, {@code ip-src|port}, {@code domain}, {@code hostname},
 * {@code hostname|port}, {@code domain|ip} and {@code url}, at the event's top level and inside
 * objects (a network-connection's ip-dst). Skipped and counted: deleted attributes, other types,
 * and attributes with {@code to_ids} false — MISP's own meaning of to_ids false is "context, not
 * for detection" (a researcher's sandbox address, a resolver the sample also asked), and treating
 * it as a detection would turn shared context into false positives.
 *
 * <p>MISP has no C&C category, so the category is "cnc" when a tag on the attribute, its object
 * or its event says command and control ({@code hyakuyobako:role="command-and-control"},
 * {@code kill-chain:Command and Control}, anything naming C2), else "malware"; confidence 0.95
 * for C&C and 0.8 otherwise, as for STIX indicators without one.
 */
final class MispIntelReader {
    private static final Pattern CNC_TAG = Pattern.compile("(?i)command[- _]?and[- _]?control|(^|[^a-z0-9])(c2|c&c|cnc)([^a-z0-9]|$)");

    private MispIntelReader() {
    }

    static boolean looksLike(JsonNode root) {
        if (root.isArray()) {
            return !root.isEmpty() && root.get(0).has("Event");
        }
        return root.isObject() && (root.path("Event").isObject() || root.path("response").isArray()
                || (root.has("info") && root.path("Attribute").isArray()));
    }

    static List<SharedIndicator> read(JsonNode root, String file, IntelReport report) {
        List<JsonNode> events = new ArrayList<>();
        JsonNode list = root.isArray() ? root : root.path("response").isArray() ? root.get("response") : null;
        if (list != null) {
            list.forEach(e -> events.add(e.has("Event") ? e.get("Event") : e));
        } else {
            events.add(root.path("Event").isObject() ? root.get("Event") : root);
        }
        List<SharedIndicator> out = new ArrayList<>();
        for (JsonNode event : events) {
            if (!event.isObject()) {
                report.skip(file, null, "event not a JSON object");
                continue;
            }
            boolean eventCnc = tagsSayCnc(event);
            for (JsonNode a : event.path("Attribute")) {
                attribute(a, eventCnc, file, report, out);
            }
            for (JsonNode o : event.path("Object")) {
                if (!o.isObject()) {
                    report.skip(file, null, "object not a JSON object");
                    continue;
                }
                if (o.path("deleted").asBoolean(false)) {
                    report.skip(file, clip(String.valueOf(IntelJson.text(o, "uuid"))), "deleted object");
                    continue;
                }
                boolean objectCnc = eventCnc || tagsSayCnc(o);
                for (JsonNode a : o.path("Attribute")) {
                    attribute(a, objectCnc, file, report, out);
                }
            }
        }
        return out;
    }

    private static void attribute(JsonNode a, boolean cncAbove, String file, IntelReport report, List<SharedIndicator> out) {
        if (!a.isObject()) {
            report.skip(file, null, "attribute not a JSON object");
            return;
        }
        String uuid = IntelJson.text(a, "uuid");
        String ref = uuid == null ? "attribute" : "attribute " + clip(uuid);
        String type = IntelJson.text(a, "type");
        String value = IntelJson.text(a, "value");
        if (type == null || value == null) {
            report.skip(file, ref, "attribute without a string type and value");
            return;
        }
        if (a.path("deleted").asBoolean(false)) {
            report.skip(file, ref, "deleted attribute");
            return;
        }
        if (!List.of("ip-dst", "ip-src", "ip-dst|port", "ip-src|port", "domain", "hostname", "hostname|port", "domain|ip", "url")
                .contains(type)) {
            report.tally("attribute type not an address, name or URL");
            return;
        }
        JsonNode toIds = a.get("to_ids");
        if (toIds == null || !(toIds.isBoolean() ? toIds.booleanValue() : "1".equals(toIds.asText()) || "true".equals(toIds.asText()))) {
            report.tally("to_ids false (context, not for detection)");
            return;
        }
        String category = cncAbove || tagsSayCnc(a) ? "cnc" : "malware";
        double confidence = category.equals("cnc") ? StixIntelReader.DEFAULT_CNC_CONFIDENCE : StixIntelReader.DEFAULT_CONFIDENCE;
        String v = value.trim();
        String problem = switch (type) {
            case "ip-dst", "ip-src" -> address(v, 0, category, confidence, file, ref, out);
            case "ip-dst|port", "ip-src|port" -> {
                int bar = v.lastIndexOf('|');
                Integer port = bar < 0 ? null : port(v.substring(bar + 1));
                yield port == null ? "value not address|port" : address(v.substring(0, bar), port, category, confidence, file, ref, out);
            }
            case "domain", "hostname" -> name(v, category, confidence, file, ref, out);
            case "hostname|port" -> {
                int bar = v.lastIndexOf('|');
                yield bar < 0 || port(v.substring(bar + 1)) == null ? "value not hostname|port"
                        : name(v.substring(0, bar), category, confidence, file, ref, out);
            }
            case "domain|ip" -> {
                int bar = v.indexOf('|');
                if (bar < 0) {
                    yield "value not domain|ip";
                }
                String p = name(v.substring(0, bar), category, confidence, file, ref, out);
                yield p != null ? p : address(v.substring(bar + 1), 0, category, confidence, file, ref, out);
            }
            default -> {
                out.add(new SharedIndicator(SharedIndicator.Kind.URL, v, 0, category, confidence, file, ref));
                yield null;
            }
        };
        if (problem != null) {
            report.skip(file, ref, problem);
        }
    }

    private static String address(String v, int port, String category, double confidence, String file, String ref,
                                  List<SharedIndicator> out) {
        String problem = StixIntelReader.addressProblem(v);
        if (problem != null) {
            return problem;
        }
        out.add(new SharedIndicator(SharedIndicator.Kind.ADDRESS, v, port, category, confidence, file, ref));
        return null;
    }

    private static String name(String v, String category, double confidence, String file, String ref, List<SharedIndicator> out) {
        if (!DnsNames.isHostName(v)) {
            return "not a domain name: '" + clip(v) + "'";
        }
        out.add(new SharedIndicator(SharedIndicator.Kind.DOMAIN, DnsNames.canonical(v), 0, category, confidence, file, ref));
        return null;
    }

    private static Integer port(String s) {
        return s.matches("\\d{1,5}") && Integer.parseInt(s) <= 65535 ? Integer.parseInt(s) : null;
    }

    private static boolean tagsSayCnc(JsonNode node) {
        for (JsonNode t : node.path("Tag")) {
            String name = t.isTextual() ? t.textValue() : IntelJson.text(t, "name");
            if (name != null && name.length() < 512 && CNC_TAG.matcher(name).find()) {
                return true;
            }
        }
        return false;
    }

    private static String clip(String s) {
        return StixIntelReader.clip(s);
    }
}
