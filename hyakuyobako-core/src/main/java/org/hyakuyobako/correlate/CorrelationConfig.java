package org.hyakuyobako.correlate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hyakuyobako.config.ConfigLines;

/**
 * Weights, stages and thresholds of the correlation, from the bundled {@code correlation.properties}
 * and optionally a user's file over it (docs/correlation.md). Lines are {@code key = value};
 * {@code #} starts a comment. An unknown key or a bad value is an error naming the file and line,
 * so a typo never silently leaves a default in place.
 */
public final class CorrelationConfig {
    static final String BUNDLED = "correlation.properties";
    private static final Set<String> SETTINGS = Set.of("combine.same_method_decay", "combine.max_per_method",
            "combine.lifecycle_bonus", "combine.min_stage_strength", "combine.group_bonus", "verdict.infected", "verdict.infected_single_method",
            "verdict.suspicious", "verdict.max_evidence");

    private final Map<String, MethodPolicy> methods = new HashMap<>();
    private final Map<String, Double> settings = new LinkedHashMap<>();
    /** Per server role, the methods whose evidence is that role's normal behaviour. */
    private final Map<String, Set<String>> roleNormal = new HashMap<>();
    /** Per server role, the methods whose evidence about the server is its clients' normal use of it. */
    private final Map<String, Set<String>> roleClientNormal = new HashMap<>();

    private CorrelationConfig() {
    }

    public static CorrelationConfig defaults() {
        CorrelationConfig c = new CorrelationConfig();
        ConfigLines.readBundled(CorrelationConfig.class, BUNDLED, (text, number) -> c.line(text, number, BUNDLED));
        c.check(BUNDLED);
        return c;
    }

    /** The defaults with the user's file over them. */
    public static CorrelationConfig load(Path userFile) throws IOException {
        CorrelationConfig c = defaults();
        String name = userFile.toString();
        ConfigLines.read(userFile, (text, number) -> c.line(text, number, name));
        c.check(name);
        return c;
    }

    private void line(String text, int number, String name) throws IOException {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IOException(name + ":" + number + ": expected 'key = value', got '" + text + "'");
        }
        String key = text.substring(0, eq).strip();
        String value = text.substring(eq + 1).strip();
        String where = name + ":" + number + ": ";
        if (key.startsWith("method.") && key.endsWith(".stage")) {
            String method = key.substring(7, key.length() - 6);
            Stage stage = Stage.parse(value);
            if (method.isEmpty() || stage == null) {
                throw new IOException(where + "stage must be one of inbound, exploit, download, cnc, outbound, other: '" + value + "'");
            }
            MethodPolicy old = methods.get(method);
            methods.put(method, new MethodPolicy(old == null ? Double.NaN : old.weight(), stage));
        } else if (key.startsWith("method.") && key.endsWith(".weight")) {
            String method = key.substring(7, key.length() - 7);
            double w = number(value, where, key);
            if (method.isEmpty() || w < 0 || w > 1) {
                throw new IOException(where + key + " must be a weight in 0-1: '" + value + "'");
            }
            MethodPolicy old = methods.get(method);
            methods.put(method, new MethodPolicy(w, old == null ? null : old.stage()));
        } else if (key.startsWith("role.") && key.endsWith(".client_normal") && key.length() > 19) {
            roleClientNormal.put(key.substring(5, key.length() - 14), methods(value));
        } else if (key.startsWith("role.") && key.endsWith(".normal") && key.length() > 12) {
            roleNormal.put(key.substring(5, key.length() - 7), methods(value));
        } else if (SETTINGS.contains(key)) {
            double v = number(value, where, key);
            if (v < 0 || (v > 1 && !key.startsWith("combine.max") && !key.equals("verdict.max_evidence"))) {
                throw new IOException(where + key + " must be in 0-1: '" + value + "'");
            }
            settings.put(key, v);
        } else {
            throw new IOException(where + "unknown key '" + key + "' (see docs/correlation.md)");
        }
    }

    /** A comma-separated list of method names. */
    private static Set<String> methods(String value) {
        Set<String> methods = new java.util.TreeSet<>();
        for (String m : value.split(",")) {
            if (!m.isBlank()) {
                methods.add(m.strip());
            }
        }
        return methods;
    }

    private static double number(String value, String where, String key) throws IOException {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IOException(where + key + " is not a number: '" + value + "'");
        }
    }

    /** Every method has both halves (weight from default when only a stage was given, and so on). */
    private void check(String name) {
        MethodPolicy d = methods.get("default");
        if (d == null || Double.isNaN(d.weight()) || d.stage() == null) {
            throw new IllegalStateException(name + ": method.default.weight and method.default.stage are required");
        }
        methods.replaceAll((m, p) -> new MethodPolicy(Double.isNaN(p.weight()) ? d.weight() : p.weight(),
                p.stage() == null ? d.stage() : p.stage()));
        for (String s : SETTINGS) {
            if (!settings.containsKey(s)) {
                throw new IllegalStateException(name + ": " + s + " is required");
            }
        }
    }

    /** The methods whose evidence is the normal behaviour of a host with this role (none for an unknown role). */
    public Set<String> normalFor(String role) {
        return roleNormal.getOrDefault(role, Set.of());
    }

    /** The methods whose evidence, about a server with this role as the peer, is a client's normal use of it. */
    public Set<String> clientNormalFor(String role) {
        return roleClientNormal.getOrDefault(role, Set.of());
    }

    /** The policy of a method; methods nobody configured take the default's. */
    public MethodPolicy method(String method) {
        MethodPolicy p = methods.get(method);
        return p != null ? p : methods.get("default");
    }

    public double sameMethodDecay() {
        return settings.get("combine.same_method_decay");
    }

    public int maxPerMethod() {
        return settings.get("combine.max_per_method").intValue();
    }

    public double lifecycleBonus() {
        return settings.get("combine.lifecycle_bonus");
    }

    public double minStageStrength() {
        return settings.get("combine.min_stage_strength");
    }

    public double groupBonus() {
        return settings.get("combine.group_bonus");
    }

    public double infected() {
        return settings.get("verdict.infected");
    }

    public double infectedSingleMethod() {
        return settings.get("verdict.infected_single_method");
    }

    public double suspicious() {
        return settings.get("verdict.suspicious");
    }

    public int maxEvidence() {
        return settings.get("verdict.max_evidence").intValue();
    }
}
