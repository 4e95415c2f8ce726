package org.hyakuyobako.action;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A MISP event (MISP core format) of the findings, ready for "Add event from JSON":
 * <ul>
 * <li>the event: {@code info} names the run, {@code date} its first packet, {@code threat_level_id}
 * 1 (High) when there is a C&C else 2, {@code analysis} 0 (Initial: a machine's findings nobody
 * has reviewed yet), {@code distribution} 1 (this community) to match its {@code tlp:green} tag;
 * the user widens either on their MISP;</li>
 * <li>addresses as {@code ip-dst} (the infected hosts connected to them), one per address and role,
 * {@code to_ids} true; a C&C endpoint with a port also as a {@code network-connection} object
 * (ip-dst, dst-port, layer4-protocol, layer7-protocol), a download endpoint with a port as
 * {@code ip-dst|port};</li>
 * <li>names: {@code domain} for a two-label name, {@code hostname} for a longer one (no public
 * suffix list here, so "evil.example" is a domain and "cc.evil.example" a host); URLs as
 * {@code url}. All {@code to_ids} true;</li>
 * <li>category "Network activity" for C&C indicators and "Payload delivery" for download sources,
 * which is what MISP's categories mean (how the attribute was used, not what it is);</li>
 * <li>IRC channels and commands as {@code text} in "Network activity" with {@code to_ids} false:
 * they were seen in traffic, but a channel name or ".scan" alone matches benign IRC and must not
 * become an IDS rule on its own. JA3 as {@code ja3-fingerprint-md5}, JA4 as {@code text}, both
 * {@code to_ids} false (many clients share a TLS fingerprint);</li>
 * <li>tags: {@code tlp:green} on the event, {@code hyakuyobako:role="command-and-control"} or
 * {@code hyakuyobako:role="malware-download"} on each attribute and object;</li>
 * <li>uuids are version 5 ({@link NameBasedUuid}) of type and value, so re-imports update;
 * {@code first_seen}/{@code last_seen} are the packet times of first and last use.</li>
 * </ul>
 * Monitored hosts are not named (see {@link HostRedaction}); values with control characters are
 * refused (they would end up in IDS rules and spreadsheets).
 */
public final class MispEventWriter implements FindingsWriter {
    private static final JsonFactory JSON = new JsonFactory();
    /** MISP's network-connection object template. */
    static final String NETWORK_CONNECTION_TEMPLATE = "af16764b-f8e5-4603-9de1-de34d272f80b";
    static final String NETWORK_CONNECTION_VERSION = "4";

    @Override
    public String kind() {
        return "misp";
    }

    @Override
    public String fileName() {
        return "hyakuyobako-misp.json";
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    /** One attribute to write, decided before writing so objects and attributes agree. */
    record Attribute(String type, String category, boolean toIds, String value, String comment, Indicator from) {
    }

    @Override
    public void write(Findings findings, ExportSettings settings, Writer out, RefusedIndicators refused) throws IOException {
        Instant now = settings.exportedAt();
        String producer = settings.producer() == null || SafeText.unsafeBecause(settings.producer()) != null
                ? ExportSettings.DEFAULT_PRODUCER : settings.producer();
        List<String> monitored = new ArrayList<>();
        findings.hosts().forEach(h -> monitored.add(h.address()));
        findings.indicators().forEach(i -> monitored.addAll(i.hosts()));
        HostRedaction redaction = new HostRedaction(monitored);

        List<Attribute> attributes = new ArrayList<>();
        List<Indicator> connections = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Indicator i : findings.indicators()) {
            String why = rejection(i);
            if (why != null) {
                refused.refuse(kind(), i, why);
                continue;
            }
            String comment = SafeText.printable(redaction.apply(i.reason()));
            String category = i.role() == Indicator.Role.CNC ? "Network activity" : "Payload delivery";
            List<Attribute> mine = switch (i.kind()) {
                case ADDRESS -> {
                    List<Attribute> a = new ArrayList<>();
                    a.add(new Attribute("ip-dst", category, true, i.value(), comment, i));
                    if (i.port() != 0 && i.role() == Indicator.Role.DOWNLOAD) {
                        a.add(new Attribute("ip-dst|port", category, true, i.value() + "|" + i.port(), comment, i));
                    } else if (i.port() != 0) {
                        connections.add(i);
                    }
                    yield a;
                }
                case DOMAIN -> List.of(new Attribute(i.value().split("\\.").length == 2 ? "domain" : "hostname", category, true,
                        i.value(), comment, i));
                case URL -> List.of(new Attribute("url", category, true, i.value(), comment, i));
                case IRC_CHANNEL, IRC_COMMAND, JA4 -> List.of(new Attribute("text", "Network activity", false, i.value(),
                        label(i) + ": " + comment, i));
                case JA3 -> List.of(new Attribute("ja3-fingerprint-md5", "Network activity", false, i.value(), comment, i));
            };
            for (Attribute a : mine) {
                // One attribute per type, value and category: two ports of one C&C are one ip-dst.
                if (seen.add(a.type() + "|" + a.category() + "|" + a.value())) {
                    attributes.add(a);
                }
            }
        }

        String event = NameBasedUuid.of("misp-event|" + findings.runName()).toString();
        boolean cnc = findings.indicators().stream().anyMatch(i -> i.role() == Indicator.Role.CNC);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeObjectFieldStart("Event");
            g.writeStringField("uuid", event);
            String info = "Hyakuyobako findings of run " + SafeText.printable(findings.runName()) + ": " + findings.hosts().size()
                    + " host(s), " + attributes.size() + " attribute(s)";
            g.writeStringField("info", info.length() > 256 ? info.substring(0, 253) + "..." : info);
            g.writeStringField("date", SharedTimes.orElse(findings.firstNanos(), now).atZone(ZoneOffset.UTC).toLocalDate().toString());
            g.writeStringField("threat_level_id", cnc ? "1" : "2");
            g.writeStringField("analysis", "0");
            g.writeStringField("distribution", "1");
            g.writeStringField("sharing_group_id", "0");
            g.writeBooleanField("published", false);
            g.writeStringField("timestamp", Long.toString(now.getEpochSecond()));
            g.writeStringField("publish_timestamp", "0");
            g.writeStringField("attribute_count", Long.toString(attributes.size()
                    + connections.stream().mapToLong(c -> hasLayer7(c) ? 4 : 3).sum()));
            g.writeObjectFieldStart("Orgc");
            g.writeStringField("name", producer);
            g.writeStringField("uuid", NameBasedUuid.of("misp-org|" + producer).toString());
            g.writeEndObject();
            g.writeArrayFieldStart("Tag");
            tag(g, "tlp:green", "#33FF00");
            g.writeEndArray();
            g.writeArrayFieldStart("Attribute");
            for (Attribute a : attributes) {
                attribute(g, a, null, now);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("Object");
            for (Indicator c : connections) {
                networkConnection(g, c, now, redaction);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        out.flush();
    }

    private static String rejection(Indicator i) {
        String common = SafeText.commonRejection(i);
        if (common != null) {
            return common;
        }
        // MISP splits composite values at '|': a pipe in a URL would be read as two values by some tools.
        return i.kind() == Indicator.Kind.URL && i.value().indexOf('|') >= 0 ? "a '|' in a URL" : null;
    }

    private static String label(Indicator i) {
        return switch (i.kind()) {
            case IRC_CHANNEL -> "IRC channel joined on the C&C";
            case IRC_COMMAND -> "bot command sent by the IRC C&C";
            case JA4 -> "JA4 fingerprint";
            default -> i.kind().toString();
        };
    }

    private static String role(Indicator i) {
        return i.role() == Indicator.Role.CNC ? "hyakuyobako:role=\"command-and-control\"" : "hyakuyobako:role=\"malware-download\"";
    }

    private static void attribute(JsonGenerator g, Attribute a, String relation, Instant now) throws IOException {
        Indicator i = a.from();
        g.writeStartObject();
        g.writeStringField("uuid", NameBasedUuid.of("misp-attribute|" + (relation == null ? "" : relation + "|" + i.value()
                + "|" + i.port() + "|") + a.type() + "|" + a.category() + "|" + a.value()).toString());
        g.writeStringField("type", a.type());
        g.writeStringField("category", a.category());
        g.writeBooleanField("to_ids", a.toIds());
        if (relation != null) {
            g.writeStringField("object_relation", relation);
        }
        g.writeStringField("value", a.value());
        g.writeStringField("comment", a.comment());
        g.writeStringField("distribution", "5");
        g.writeStringField("sharing_group_id", "0");
        g.writeStringField("timestamp", Long.toString(now.getEpochSecond()));
        g.writeBooleanField("deleted", false);
        if (i.firstNanos() > 0) {
            g.writeStringField("first_seen", SharedTimes.misp(SharedTimes.instant(i.firstNanos())));
            g.writeStringField("last_seen", SharedTimes.misp(SharedTimes.instant(Math.max(i.firstNanos(), i.lastNanos()))));
        }
        if (relation == null) {
            g.writeArrayFieldStart("Tag");
            tag(g, role(i), "#B80000");
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void networkConnection(JsonGenerator g, Indicator c, Instant now, HostRedaction redaction) throws IOException {
        String comment = SafeText.printable(redaction.apply(c.reason()));
        g.writeStartObject();
        g.writeStringField("uuid", NameBasedUuid.of("misp-object|network-connection|" + c.value() + "|" + c.port()).toString());
        g.writeStringField("name", "network-connection");
        g.writeStringField("meta-category", "network");
        g.writeStringField("description", "A local or remote network connection.");
        g.writeStringField("template_uuid", NETWORK_CONNECTION_TEMPLATE);
        g.writeStringField("template_version", NETWORK_CONNECTION_VERSION);
        g.writeStringField("comment", "C&C endpoint " + c.endpoint());
        g.writeStringField("distribution", "5");
        g.writeStringField("sharing_group_id", "0");
        g.writeStringField("timestamp", Long.toString(now.getEpochSecond()));
        g.writeBooleanField("deleted", false);
        if (c.firstNanos() > 0) {
            g.writeStringField("first_seen", SharedTimes.misp(SharedTimes.instant(c.firstNanos())));
            g.writeStringField("last_seen", SharedTimes.misp(SharedTimes.instant(Math.max(c.firstNanos(), c.lastNanos()))));
        }
        g.writeArrayFieldStart("Attribute");
        attribute(g, new Attribute("ip-dst", "Network activity", true, c.value(), comment, c), "ip-dst", now);
        attribute(g, new Attribute("port", "Network activity", false, Integer.toString(c.port()), comment, c), "dst-port", now);
        String transport = c.transport() == null || !c.transport().matches("tcp|udp") ? "tcp" : c.transport();
        attribute(g, new Attribute("text", "Network activity", false, transport.toUpperCase(java.util.Locale.ROOT), comment, c),
                "layer4-protocol", now);
        if (hasLayer7(c)) {
            attribute(g, new Attribute("text", "Network activity", false, c.appProto().toUpperCase(java.util.Locale.ROOT), comment, c),
                    "layer7-protocol", now);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("Tag");
        tag(g, role(c), "#B80000");
        g.writeEndArray();
        g.writeEndObject();
    }

    /** An application protocol name fit for layer7-protocol (it comes from the store, so checked). */
    private static boolean hasLayer7(Indicator c) {
        return c.appProto() != null && c.appProto().matches("[A-Za-z0-9._-]{1,32}");
    }

    private static void tag(JsonGenerator g, String name, String colour) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("colour", colour);
        g.writeBooleanField("exportable", true);
        g.writeEndObject();
    }
}
