package org.hyakuyobako.simulate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hyakuyobako.event.JsonFields;

/**
 * What a simulation really contains, written as ground-truth.json beside the captures: the
 * infected hosts, each botnet's C&C and bots, and the shared benign nodes that must not be taken
 * for C&C servers. The campaign scenarios add each botnet's plan (keys {@code encrypted},
 * {@code push}, {@code commands}, {@code reactions}, {@code base_delay_s}, {@code jitter_s}), the
 * {@code profile}, the {@code home_networks}, the monitored hosts with a benign server role
 * ({@code benign_hosts}) and the edge firewall's NAT ({@code firewall}); the classic scenario's file
 * stays as it was.
 */
public final class GroundTruth {
    /**
     * A botnet: its C&C endpoint, channel kind and bots, and for the campaign scenarios its plan:
     * whether its channel is encrypted and pushes commands, how many commands it issues, the
     * reactions they ask for, and how its bots' reactions follow a command (a base delay per botnet
     * plus a uniform jitter in [0, jitter] per bot and command).
     *
     * @param commands commands issued in the capture; {@link #UNPLANNED} for the classic scenario
     */
    public record Botnet(String name, String cncIp, int cncPort, String channel, List<String> bots, boolean encrypted, boolean push,
                         int commands, List<String> reactions, double baseDelaySeconds, double jitterSeconds) {
        /** The command count of a botnet whose plan is not recorded (the classic scenario's). */
        public static final int UNPLANNED = -1;

        /** A classic-scenario botnet: its channel says whether it is encrypted and pushes; no plan. */
        public Botnet(String name, String cncIp, int cncPort, String channel, List<String> bots) {
            this(name, cncIp, cncPort, channel, bots, "tls".equals(channel), !"http".equals(channel), UNPLANNED, List.of(), Double.NaN,
                    Double.NaN);
        }

        public boolean planned() {
            return commands != UNPLANNED;
        }
    }

    /** A benign node many monitored hosts talk to. */
    /**
     * How a bot was infected in the capture (campaign scenarios): the attacker that exploited it (null
     * for a drive-by), where it fetched its code from, and how ({@code ftp_script}, {@code http_cradle},
     * {@code raw_push}, {@code drive_by}).
     */
    public record Infection(String host, String attacker, String source, String how) {
    }

    public record Benign(String ip, String role) {
    }

    public final String scenario;
    public final long seed;
    public final List<String> sensors = new ArrayList<>();
    public final List<String> hosts = new ArrayList<>();
    public final List<Botnet> botnets = new ArrayList<>();
    public final List<Benign> benign = new ArrayList<>();
    /** The infections the capture shows, in the order they happen (campaign scenarios). */
    public final List<Infection> infections = new ArrayList<>();
    public long packets;
    /** The campaign scenario's profile ({@code mixed}, {@code encrypted}); null for the classic scenario. */
    public String profile;
    /** The monitored networks as CIDRs (campaign scenarios). */
    public final List<String> homeNetworks = new ArrayList<>();
    /** Monitored hosts with a benign server role (the mail relay, the web proxy): busy, never infected. */
    public final List<Benign> benignHosts = new ArrayList<>();
    /** The edge firewall's public (PAT) address, for the intranet's firewall log; null when there is none. */
    public String firewallPublicIp;
    /** Inside servers reachable from outside, each mapped to its own public address (static NAT): real to mapped. */
    public final Map<String, String> staticNat = new TreeMap<>();

    GroundTruth(String scenario, long seed) {
        this.scenario = scenario;
        this.seed = seed;
    }

    /** Every infected host, each once. */
    public TreeSet<String> infected() {
        TreeSet<String> set = new TreeSet<>();
        for (Botnet b : botnets) {
            set.addAll(b.bots());
        }
        return set;
    }

    public void write(Path file) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("scenario", scenario);
            g.writeNumberField("seed", seed);
            g.writeNumberField("packets", packets);
            JsonFields.strings(g, "sensors", sensors);
            g.writeArrayFieldStart("infected");
            Map<String, List<String>> byHost = new TreeMap<>();
            for (Botnet b : botnets) {
                for (String h : b.bots()) {
                    byHost.computeIfAbsent(h, k -> new ArrayList<>()).add(b.name());
                }
            }
            for (Map.Entry<String, List<String>> e : byHost.entrySet()) {
                g.writeStartObject();
                g.writeStringField("host", e.getKey());
                JsonFields.strings(g, "botnets", e.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("cnc");
            for (Botnet b : botnets) {
                g.writeStartObject();
                g.writeStringField("botnet", b.name());
                g.writeStringField("ip", b.cncIp());
                g.writeNumberField("port", b.cncPort());
                g.writeStringField("channel", b.channel());
                JsonFields.strings(g, "bots", b.bots());
                if (b.planned()) {
                    g.writeBooleanField("encrypted", b.encrypted());
                    g.writeBooleanField("push", b.push());
                    g.writeNumberField("commands", b.commands());
                    JsonFields.strings(g, "reactions", b.reactions());
                    g.writeNumberField("base_delay_s", b.baseDelaySeconds());
                    g.writeNumberField("jitter_s", b.jitterSeconds());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            writeBenign(g, "benign_shared", benign);
            g.writeArrayFieldStart("infections");
            for (Infection i : infections) {
                g.writeStartObject();
                g.writeStringField("host", i.host());
                if (i.attacker() != null) {
                    g.writeStringField("attacker", i.attacker());
                }
                g.writeStringField("source", i.source());
                g.writeStringField("how", i.how());
                g.writeEndObject();
            }
            g.writeEndArray();
            writeCampaign(g);
            g.writeEndObject();
        }
    }

    private static void writeBenign(JsonGenerator g, String key, List<Benign> nodes) throws IOException {
        g.writeArrayFieldStart(key);
        for (Benign b : nodes) {
            g.writeStartObject();
            g.writeStringField("ip", b.ip());
            g.writeStringField("role", b.role());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** What only the campaign scenarios record; absent for the classic one, whose files stay as they were. */
    private void writeCampaign(JsonGenerator g) throws IOException {
        if (profile == null) {
            return;
        }
        g.writeStringField("profile", profile);
        JsonFields.strings(g, "home_networks", homeNetworks);
        writeBenign(g, "benign_hosts", benignHosts);
        if (firewallPublicIp != null) {
            g.writeObjectFieldStart("firewall");
            g.writeStringField("public_ip", firewallPublicIp);
            g.writeArrayFieldStart("static_nat");
            for (Map.Entry<String, String> e : staticNat.entrySet()) {
                g.writeStartObject();
                g.writeStringField("inside", e.getKey());
                g.writeStringField("mapped", e.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
