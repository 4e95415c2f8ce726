package org.hyakuyobako.action;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A STIX 2.1 bundle of the findings, for sharing platforms (MISP, OpenCTI, TAXII servers):
 * <ul>
 * <li>an {@code identity} of the producer ({@code identity_class} system: a sensor, not a person),
 * which creates every other object and is where every sighting was made;</li>
 * <li>an {@code indicator} per address, domain and URL, {@code pattern_type} stix. An address with
 * a port is {@code [ipv4-addr:value = 'a'] OR [network-traffic:dst_ref.type = 'ipv4-addr' AND
 * network-traffic:dst_ref.value = 'a' AND network-traffic:dst_port = n]}: one indicator per
 * endpoint that a receiver matching only addresses still takes whole. {@code indicator_types} is
 * {@code malicious-activity} only: {@code compromised} would say the C&C machine is a hijacked
 * victim, which traffic does not show. {@code valid_from} is the first use seen; the role is the
 * {@code kill_chain_phases} entry (lockheed-martin-cyber-kill-chain command-and-control or
 * delivery), which is how a C&C domain or URL says what it is without an infrastructure of its own;</li>
 * <li>{@code confidence}: 95 for a C&C address (infected hosts obeyed or beaconed to it, the
 * strongest thing a sensor sees), 85 for a C&C's domain or URL (a name can be shared by a
 * dynamic-DNS provider or a virtual host), 70 for download sources (often hacked or shared web
 * hosting). A receiver reading confidence/100 as a blacklist entry's weight therefore judges a
 * host that talks to a C&C address infected on that evidence alone (0.95 x 0.8 >= 0.75), and one
 * that only fetched from a download source suspicious;</li>
 * <li>a {@code sighting} of each indicator, where_sighted the identity, {@code count} the number of
 * monitored hosts that used it (the hosts themselves are not named: see {@link HostRedaction});</li>
 * <li>an {@code infrastructure} ({@code command-and-control}) per C&C endpoint that
 * {@code consists-of} its {@code ipv4-addr}/{@code ipv6-addr} observable and that its indicator
 * {@code indicates};</li>
 * <li>a {@code malware} per bot group of the run: Findings know no family, so each group of bots
 * that obeyed the same C&C is one malware <em>instance</em> ({@code is_family} false,
 * {@code malware_types} bot, named "bot group sync-1 of run NAME"); its C&C
 * {@code controls} it and the C&C's indicator {@code indicates} it. Group names are only unique
 * within a run, hence the run in the name and the id;</li>
 * <li>IRC channels, IRC commands, JA3 and JA4 have no STIX 2.1 observable to put in a pattern: they
 * are named in the description of the C&C indicator and infrastructure their hosts used, or refused
 * when there is none. Not as {@code note} objects: the OASIS bundle schema does not list note among
 * a bundle's objects (it falls through to the custom-object branch and fails), and a bundle that
 * the reference schemas reject would be refused by strict receivers.</li>
 * </ul>
 * Ids are {@link NameBasedUuid version 5 UUIDs} of the object's type and value (observables: the
 * STIX namespace over their {@code {"value":...}}, as the spec asks), so a re-export of the same
 * run gives the same ids and a receiver updates instead of duplicating. As STIX versions one
 * object by its {@code modified}, {@code created} must not move between exports: it is the first
 * use seen (the identity's is a fixed date), and {@code modified} is the export time. Relationship types are the ones STIX 2.1 section 4 defines for each pair.
 */
public final class StixBundleWriter implements FindingsWriter {
    private static final JsonFactory JSON = new JsonFactory();
    static final int CNC_ADDRESS_CONFIDENCE = 95;
    static final int CNC_NAME_CONFIDENCE = 85;
    static final int DOWNLOAD_CONFIDENCE = 70;
    /** The identity's created time: its first version, the same in every export by this producer. */
    static final Instant IDENTITY_CREATED = Instant.parse("2020-01-01T00:00:00Z");

    @Override
    public String kind() {
        return "stix";
    }

    @Override
    public String fileName() {
        return "hyakuyobako-stix.json";
    }

    @Override
    public String contentType() {
        return "application/stix+json;version=2.1";
    }

    /** A C&C endpoint's infrastructure, remembered to attach its bot groups to it. */
    private record Infrastructure(String id, String indicatorId, Indicator indicator) {
    }

    @Override
    public void write(Findings findings, ExportSettings settings, Writer out, RefusedIndicators refused) throws IOException {
        Instant now = settings.exportedAt().truncatedTo(ChronoUnit.MILLIS);
        String producer = settings.producer() == null || SafeText.unsafeBecause(settings.producer()) != null
                ? ExportSettings.DEFAULT_PRODUCER : settings.producer();
        String identity = "identity--" + NameBasedUuid.of("identity|" + producer);
        List<String> monitored = new ArrayList<>();
        findings.hosts().forEach(h -> monitored.add(h.address()));
        findings.indicators().forEach(i -> monitored.addAll(i.hosts()));
        HostRedaction redaction = new HostRedaction(monitored);

        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("type", "bundle");
            g.writeStringField("id", "bundle--" + NameBasedUuid.of("bundle|" + findings.runName()));
            g.writeArrayFieldStart("objects");

            g.writeStartObject();
            common(g, "identity", identity, null, IDENTITY_CREATED, now);
            g.writeStringField("name", producer);
            g.writeStringField("identity_class", "system");
            g.writeStringField("description", "The Hyakuyobako botnet sensor that made these findings (run "
                    + SafeText.printable(findings.runName()) + ")");
            g.writeEndObject();

            List<Indicator> shareable = new ArrayList<>();
            for (Indicator i : findings.indicators()) {
                String why = rejection(i);
                if (why != null) {
                    refused.refuse(kind(), i, why);
                } else {
                    shareable.add(i);
                }
            }
            Map<Indicator, String> seenWith = seenWith(shareable, refused);
            List<Infrastructure> infrastructures = new ArrayList<>();
            for (Indicator i : shareable) {
                String pattern = StixPatterns.of(i);
                if (pattern == null) {
                    continue;
                }
                String indicatorId = "indicator--" + NameBasedUuid.of("indicator|" + i.kind() + "|" + i.value() + "|" + i.port());
                String also = seenWith.getOrDefault(i, "");
                writeIndicator(g, i, indicatorId, pattern, identity, now, redaction, also);
                writeSighting(g, i, indicatorId, identity, now);
                if (i.kind() == Indicator.Kind.ADDRESS && i.role() == Indicator.Role.CNC) {
                    infrastructures.add(writeInfrastructure(g, i, indicatorId, identity, now, redaction, also));
                }
            }
            writeGroups(g, findings, infrastructures, identity, now);
            g.writeEndArray();
            g.writeEndObject();
        }
        out.flush();
    }

    /** Why the indicator cannot be shared, or null. */
    private static String rejection(Indicator i) {
        String common = SafeText.commonRejection(i);
        if (common != null) {
            return common;
        }
        boolean web = i.value().regionMatches(true, 0, "http://", 0, 7) || i.value().regionMatches(true, 0, "https://", 0, 8);
        return i.kind() == Indicator.Kind.URL && !web ? "not an http(s) URL" : null;
    }

    private static int confidence(Indicator i) {
        if (i.role() == Indicator.Role.DOWNLOAD) {
            return DOWNLOAD_CONFIDENCE;
        }
        return i.kind() == Indicator.Kind.ADDRESS ? CNC_ADDRESS_CONFIDENCE : CNC_NAME_CONFIDENCE;
    }

    private static String label(Indicator i) {
        String what = switch (i.kind()) {
            case ADDRESS -> i.role() == Indicator.Role.CNC ? "C&C server" : "malware download server";
            case DOMAIN -> i.role() == Indicator.Role.CNC ? "C&C domain" : "malware download domain";
            case URL -> i.role() == Indicator.Role.CNC ? "C&C URL" : "malware download URL";
            case IRC_CHANNEL -> "IRC channel of a C&C";
            case IRC_COMMAND -> "bot command sent by an IRC C&C";
            case JA3 -> "JA3 fingerprint of bot traffic";
            case JA4 -> "JA4 fingerprint of bot traffic";
        };
        return what + " " + i.endpoint() + (i.appProto() == null ? "" : " (" + SafeText.printable(i.appProto()) + ")");
    }

    private static void writeIndicator(JsonGenerator g, Indicator i, String id, String pattern, String identity, Instant now,
                                       HostRedaction redaction, String also) throws IOException {
        Instant first = SharedTimes.orElse(i.firstNanos(), now);
        g.writeStartObject();
        common(g, "indicator", id, identity, first, now);
        g.writeStringField("name", label(i));
        g.writeStringField("description", SafeText.printable(redaction.apply(i.reason())) + " (used by " + i.hosts().size()
                + " monitored host(s))." + also);
        g.writeArrayFieldStart("indicator_types");
        g.writeString("malicious-activity");
        g.writeEndArray();
        g.writeStringField("pattern", pattern);
        g.writeStringField("pattern_type", "stix");
        g.writeStringField("pattern_version", "2.1");
        g.writeStringField("valid_from", SharedTimes.stix(first));
        g.writeNumberField("confidence", confidence(i));
        // The role in a form receivers know: the kill chain phase (ATT&CK's tactic has the same name).
        g.writeArrayFieldStart("kill_chain_phases");
        g.writeStartObject();
        g.writeStringField("kill_chain_name", "lockheed-martin-cyber-kill-chain");
        g.writeStringField("phase_name", i.role() == Indicator.Role.CNC ? "command-and-control" : "delivery");
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeSighting(JsonGenerator g, Indicator i, String indicatorId, String identity, Instant now)
            throws IOException {
        g.writeStartObject();
        common(g, "sighting", "sighting--" + NameBasedUuid.of("sighting|" + indicatorId + "|" + identity), identity,
                SharedTimes.orElse(i.firstNanos(), now), now);
        if (i.firstNanos() > 0) {
            g.writeStringField("first_seen", SharedTimes.stix(SharedTimes.instant(i.firstNanos())));
            g.writeStringField("last_seen", SharedTimes.stix(SharedTimes.instant(Math.max(i.firstNanos(), i.lastNanos()))));
        }
        g.writeNumberField("count", Math.min(i.hosts().size(), 999_999_999));
        g.writeStringField("sighting_of_ref", indicatorId);
        g.writeArrayFieldStart("where_sighted_refs");
        g.writeString(identity);
        g.writeEndArray();
        g.writeEndObject();
    }

    private static Infrastructure writeInfrastructure(JsonGenerator g, Indicator i, String indicatorId, String identity,
                                                      Instant now, HostRedaction redaction, String also) throws IOException {
        String id = "infrastructure--" + NameBasedUuid.of("infrastructure|" + i.value() + "|" + i.port());
        Instant first = SharedTimes.orElse(i.firstNanos(), now);
        g.writeStartObject();
        common(g, "infrastructure", id, identity, first, now);
        g.writeStringField("name", label(i));
        g.writeStringField("description", SafeText.printable(redaction.apply(i.reason())) + "." + also);
        g.writeArrayFieldStart("infrastructure_types");
        g.writeString("command-and-control");
        g.writeEndArray();
        if (i.firstNanos() > 0) {
            g.writeStringField("first_seen", SharedTimes.stix(SharedTimes.instant(i.firstNanos())));
            g.writeStringField("last_seen", SharedTimes.stix(SharedTimes.instant(Math.max(i.firstNanos(), i.lastNanos()))));
        }
        g.writeEndObject();

        // The address as an observable; its id is the one any STIX producer derives for it.
        String type = i.isIpv6() ? "ipv6-addr" : "ipv4-addr";
        String address = type + "--" + NameBasedUuid.of(NameBasedUuid.STIX_OBSERVABLES, "{\"value\":\"" + i.value() + "\"}");
        g.writeStartObject();
        g.writeStringField("type", type);
        g.writeStringField("spec_version", "2.1");
        g.writeStringField("id", address);
        g.writeStringField("value", i.value());
        g.writeEndObject();
        relationship(g, "consists-of", id, address, identity, first, now);
        relationship(g, "indicates", indicatorId, id, identity, first, now);
        return new Infrastructure(id, indicatorId, i);
    }

    /** One malware instance per bot group, controlled by the group's C&C endpoints. */
    private static void writeGroups(JsonGenerator g, Findings findings, List<Infrastructure> infrastructures, String identity,
                                    Instant now) throws IOException {
        Map<String, List<Infrastructure>> byGroup = new LinkedHashMap<>();
        for (Infrastructure infra : infrastructures) {
            for (String group : infra.indicator().groups()) {
                if (SafeText.unsafeBecause(group) == null) {
                    byGroup.computeIfAbsent(group, k -> new ArrayList<>()).add(infra);
                }
            }
        }
        for (Map.Entry<String, List<Infrastructure>> e : byGroup.entrySet()) {
            String id = "malware--" + NameBasedUuid.of("malware|" + findings.runName() + "|" + e.getKey());
            long first = e.getValue().stream().mapToLong(x -> x.indicator().firstNanos()).filter(n -> n > 0).min().orElse(0);
            long last = e.getValue().stream().mapToLong(x -> x.indicator().lastNanos()).max().orElse(0);
            Instant created = SharedTimes.orElse(first, now);
            long bots = findings.hosts().stream().filter(h -> h.groups().contains(e.getKey())).count();
            g.writeStartObject();
            common(g, "malware", id, identity, created, now);
            g.writeStringField("name", "bot group " + e.getKey() + " of run " + SafeText.printable(findings.runName()));
            g.writeStringField("description", "The bots (" + bots + " monitored host(s)) that obeyed the same C&C at the same "
                    + "time; their family is not known");
            g.writeBooleanField("is_family", false);
            g.writeArrayFieldStart("malware_types");
            g.writeString("bot");
            g.writeEndArray();
            g.writeArrayFieldStart("capabilities");
            g.writeString("communicates-with-c2");
            g.writeEndArray();
            if (first > 0) {
                g.writeStringField("first_seen", SharedTimes.stix(SharedTimes.instant(first)));
                g.writeStringField("last_seen", SharedTimes.stix(SharedTimes.instant(Math.max(first, last))));
            }
            g.writeEndObject();
            for (Infrastructure infra : e.getValue()) {
                relationship(g, "controls", infra.id(), id, identity, created, now);
                relationship(g, "indicates", infra.indicatorId(), id, identity, created, now);
            }
        }
    }

    /**
     * For each C&C address, the sentence naming the IRC channels, commands and TLS fingerprints its
     * hosts used; those without a C&C of their hosts in the export are refused.
     */
    private Map<Indicator, String> seenWith(List<Indicator> shareable, RefusedIndicators refused) {
        Map<Indicator, List<String>> parts = new java.util.IdentityHashMap<>();
        for (Indicator i : shareable) {
            if (StixPatterns.of(i) != null) {
                continue;
            }
            boolean attached = false;
            for (Indicator c : shareable) {
                if (c.kind() == Indicator.Kind.ADDRESS && c.role() == Indicator.Role.CNC && c.hosts().stream().anyMatch(i.hosts()::contains)) {
                    String what = switch (i.kind()) {
                        case IRC_CHANNEL -> "IRC channel";
                        case IRC_COMMAND -> "IRC bot command";
                        case JA3 -> "JA3";
                        default -> "JA4";
                    };
                    parts.computeIfAbsent(c, k -> new ArrayList<>()).add(what + " '" + i.value() + "'");
                    attached = true;
                }
            }
            if (!attached) {
                refused.refuse(kind(), i, "STIX 2.1 has no observable for " + i.kind() + " and no C&C of its hosts to name it with");
            }
        }
        Map<Indicator, String> out = new java.util.IdentityHashMap<>();
        parts.forEach((c, p) -> out.put(c, " Seen with it: " + String.join("; ", p) + "."));
        return out;
    }

    private static void relationship(JsonGenerator g, String type, String source, String target, String identity, Instant created,
                                     Instant now) throws IOException {
        g.writeStartObject();
        common(g, "relationship", "relationship--" + NameBasedUuid.of("relationship|" + type + "|" + source + "|" + target),
                identity, created, now);
        g.writeStringField("relationship_type", type);
        g.writeStringField("source_ref", source);
        g.writeStringField("target_ref", target);
        g.writeEndObject();
    }

    /** The properties every SDO and SRO carries; modified never precedes created. */
    private static void common(JsonGenerator g, String type, String id, String createdBy, Instant created, Instant now)
            throws IOException {
        g.writeStringField("type", type);
        g.writeStringField("spec_version", "2.1");
        g.writeStringField("id", id);
        if (createdBy != null) {
            g.writeStringField("created_by_ref", createdBy);
        }
        Instant c = created.isAfter(now) ? now : created;
        g.writeStringField("created", SharedTimes.stix(c));
        g.writeStringField("modified", SharedTimes.stix(now));
    }
}
