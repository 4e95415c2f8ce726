package org.hyakuyobako.detect.blacklist;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import org.hyakuyobako.net.DnsNames;

/**
 * The indicators of a STIX 2.1 bundle that a blacklist can use: {@code pattern_type} stix,
 * patterns that are ORs of equality comparisons on {@code ipv4-addr:value},
 * {@code ipv6-addr:value}, {@code domain-name:value}, {@code url:value} or
 * {@code network-traffic:dst_ref.value} (alone or ANDed with {@code dst_ref.type} and
 * {@code dst_port}, as our own export writes an endpoint). Skipped, each with a line naming the
 * file and the object: revoked indicators, other pattern types, and any pattern with more in it
 * (a conjunction, a sequence, a qualifier, another operator): applying part of such a pattern
 * would match far more than its author meant.
 *
 * <p>{@code valid_until} is not checked: captures are analysed after the fact, often long after,
 * and an indicator that has expired today was valid when the capture was made; the user chooses
 * which files to pass. The category is "cnc" when the indicator {@code indicates} an
 * infrastructure of type command-and-control or has a kill chain phase named command-and-control,
 * else "malware". The confidence is the indicator's
 * {@code confidence}/100; without one, 0.95 for C&C (so that talking to a shared C&C is by itself
 * an infected verdict, as it is for our own C&C findings) and 0.8 otherwise.
 */
final class StixIntelReader {
    static final double DEFAULT_CNC_CONFIDENCE = 0.95;
    static final double DEFAULT_CONFIDENCE = 0.8;

    private StixIntelReader() {
    }

    static boolean looksLike(JsonNode root) {
        return root.isObject() && "bundle".equals(IntelJson.text(root, "type"));
    }

    static List<SharedIndicator> read(JsonNode root, String file, IntelReport report) {
        JsonNode objects = root.get("objects");
        List<SharedIndicator> out = new ArrayList<>();
        if (objects == null || !objects.isArray()) {
            report.skip(file, IntelJson.text(root, "id"), "bundle without an objects array");
            return out;
        }
        Set<String> cncIndicators = cncIndicators(objects);
        int index = -1;
        for (JsonNode o : objects) {
            index++;
            if (!o.isObject() || !"indicator".equals(IntelJson.text(o, "type"))) {
                continue;
            }
            String id = IntelJson.text(o, "id");
            String ref = id == null ? "objects[" + index + "]" : clip(id);
            if (o.path("revoked").asBoolean(false)) {
                report.skip(file, ref, "revoked indicator");
                continue;
            }
            if (!"stix".equals(IntelJson.text(o, "pattern_type"))) {
                report.skip(file, ref, "pattern type not stix");
                continue;
            }
            String pattern = IntelJson.text(o, "pattern");
            List<StixPattern.Observation> observations;
            try {
                observations = StixPattern.parse(pattern);
            } catch (StixPattern.Unsupported e) {
                report.skip(file, ref, "pattern not supported: " + e.getMessage());
                continue;
            }
            boolean cnc = id != null && cncIndicators.contains(id) || commandAndControlPhase(o);
            double confidence = cnc ? DEFAULT_CNC_CONFIDENCE : DEFAULT_CONFIDENCE;
            JsonNode c = o.get("confidence");
            if (c != null) {
                if (!c.isIntegralNumber() || c.asInt() < 0 || c.asInt() > 100) {
                    report.skip(file, ref, "confidence not an integer 0-100");
                    continue;
                }
                confidence = c.asInt() / 100.0;
            }
            List<SharedIndicator> found = new ArrayList<>();
            String problem = indicators(observations, cnc ? "cnc" : "malware", confidence, file, ref, found);
            if (problem != null) {
                report.skip(file, ref, problem);
                continue;
            }
            // "[ipv4-addr:value = 'a'] OR [network-traffic:... 'a' ... dst_port = n]" names one endpoint: keep it once, with its port.
            java.util.Map<String, SharedIndicator> unique = new java.util.LinkedHashMap<>();
            for (SharedIndicator i : found) {
                unique.merge(i.kind() + "|" + i.value(), i, (a, b) -> a.port() != 0 ? a : b);
            }
            out.addAll(unique.values());
        }
        return out;
    }

    /** A kill chain phase named command-and-control (Lockheed Martin's and ATT&CK's name alike). */
    private static boolean commandAndControlPhase(JsonNode indicator) {
        for (JsonNode phase : indicator.path("kill_chain_phases")) {
            if ("command-and-control".equals(IntelJson.text(phase, "phase_name"))) {
                return true;
            }
        }
        return false;
    }

    /** Ids of indicators that indicate a command-and-control infrastructure. */
    private static Set<String> cncIndicators(JsonNode objects) {
        Set<String> cncInfrastructure = new HashSet<>();
        for (JsonNode o : objects) {
            if ("infrastructure".equals(IntelJson.text(o, "type")) && IntelJson.text(o, "id") != null) {
                for (JsonNode t : o.path("infrastructure_types")) {
                    if ("command-and-control".equals(t.asText())) {
                        cncInfrastructure.add(IntelJson.text(o, "id"));
                    }
                }
            }
        }
        Set<String> out = new HashSet<>();
        for (JsonNode o : objects) {
            if ("relationship".equals(IntelJson.text(o, "type")) && "indicates".equals(IntelJson.text(o, "relationship_type"))
                    && cncInfrastructure.contains(IntelJson.text(o, "target_ref")) && IntelJson.text(o, "source_ref") != null) {
                out.add(IntelJson.text(o, "source_ref"));
            }
        }
        return out;
    }

    /** Adds what the observations name; returns why not when one of them is beyond the subset. */
    private static String indicators(List<StixPattern.Observation> observations, String category, double confidence, String file,
                                     String ref, List<SharedIndicator> out) {
        for (StixPattern.Observation o : observations) {
            if ("AND".equals(o.connective())) {
                String problem = endpoint(o, category, confidence, file, ref, out);
                if (problem != null) {
                    return problem;
                }
                continue;
            }
            for (StixPattern.Comparison c : o.comparisons()) {
                String problem = single(c, 0, category, confidence, file, ref, out);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    /** {@code network-traffic:dst_ref.value = 'a' AND dst_ref.type = '...' AND dst_port = n}. */
    private static String endpoint(StixPattern.Observation o, String category, double confidence, String file, String ref,
                                   List<SharedIndicator> out) {
        StixPattern.Comparison value = null;
        int port = 0;
        for (StixPattern.Comparison c : o.comparisons()) {
            if (!c.operator().equals("=")) {
                return "pattern not supported: operator " + c.operator();
            }
            switch (c.path()) {
                case "network-traffic:dst_ref.value" -> {
                    if (value != null) {
                        return "pattern not supported: two addresses in one conjunction";
                    }
                    value = c;
                }
                case "network-traffic:dst_ref.type" -> {
                    if (!c.value().equals("ipv4-addr") && !c.value().equals("ipv6-addr")) {
                        return "pattern not supported: dst_ref.type " + clip(c.value());
                    }
                }
                case "network-traffic:dst_port" -> {
                    if (c.quoted() || !c.value().matches("\\d{1,5}") || Integer.parseInt(c.value()) > 65535) {
                        return "port not a number 0-65535";
                    }
                    port = Integer.parseInt(c.value());
                }
                default -> {
                    return "pattern not supported: " + clip(c.path()) + " in a conjunction";
                }
            }
        }
        if (value == null) {
            return "pattern not supported: a conjunction without network-traffic:dst_ref.value";
        }
        return single(value, port, category, confidence, file, ref, out);
    }

    private static String single(StixPattern.Comparison c, int port, String category, double confidence, String file, String ref,
                                 List<SharedIndicator> out) {
        if (!c.operator().equals("=") || !c.quoted()) {
            return "pattern not supported: " + clip(c.path()) + " " + c.operator() + " (only = on a string)";
        }
        String v = c.value().trim();
        switch (c.path()) {
            case "ipv4-addr:value", "ipv6-addr:value", "network-traffic:dst_ref.value" -> {
                String problem = addressProblem(v);
                if (problem != null) {
                    return problem;
                }
                out.add(new SharedIndicator(SharedIndicator.Kind.ADDRESS, v, port, category, confidence, file, ref));
            }
            case "domain-name:value" -> {
                if (!DnsNames.isHostName(v)) {
                    return "not a domain name: '" + clip(v) + "'";
                }
                out.add(new SharedIndicator(SharedIndicator.Kind.DOMAIN, DnsNames.canonical(v), 0, category, confidence, file, ref));
            }
            case "url:value" -> out.add(new SharedIndicator(SharedIndicator.Kind.URL, v, 0, category, confidence, file, ref));
            default -> {
                return "pattern not supported: " + clip(c.path());
            }
        }
        return null;
    }

    /** Shorter prefixes than these would list a large part of the Internet: a mistake or an attack, never intelligence. */
    static final int MIN_IPV4_PREFIX = 8;
    static final int MIN_IPV6_PREFIX = 16;

    /** Why the value cannot be a shared address entry, or null when it is an address or a sane prefix. */
    static String addressProblem(String v) {
        org.hyakuyobako.net.Cidr c;
        try {
            c = org.hyakuyobako.net.Cidr.parse(v);
        } catch (IllegalArgumentException e) {
            return "not an address or prefix: '" + clip(v) + "'";
        }
        int length = c.v4() ? c.bits() - 96 : c.bits();
        int min = c.v4() ? MIN_IPV4_PREFIX : MIN_IPV6_PREFIX;
        return length < min ? "prefix too wide: '" + clip(v) + "' (shorter than /" + min + ")" : null;
    }

    static String clip(String s) {
        String printable = s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
    }
}
