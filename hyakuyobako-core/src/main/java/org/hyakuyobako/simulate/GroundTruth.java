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
 * for C&C servers.
 */
public final class GroundTruth {
    /** A botnet: its C&C endpoint, channel kind and bots. */
    public record Botnet(String name, String cncIp, int cncPort, String channel, List<String> bots) {
    }

    /** A benign node many monitored hosts talk to. */
    public record Benign(String ip, String role) {
    }

    public final String scenario;
    public final long seed;
    public final List<String> sensors = new ArrayList<>();
    public final List<String> hosts = new ArrayList<>();
    public final List<Botnet> botnets = new ArrayList<>();
    public final List<Benign> benign = new ArrayList<>();
    public long packets;

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
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("benign_shared");
            for (Benign b : benign) {
                g.writeStartObject();
                g.writeStringField("ip", b.ip());
                g.writeStringField("role", b.role());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
