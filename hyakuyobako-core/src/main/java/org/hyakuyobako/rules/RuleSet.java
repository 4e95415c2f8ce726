package org.hyakuyobako.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The rules of a run, read from rule files or directories of them ({@code *.rules}), with
 * classification.config and reference.config when they lie beside the rules. Every rule that is
 * not loaded is kept with its sid, file, line and reason, and counted by reason.
 */
public final class RuleSet {
    /** A rule not loaded. */
    public record Skipped(long sid, String file, int line, String reason, String detail) {
    }

    private final List<Rule> rules = new ArrayList<>();
    private final List<Skipped> skipped = new ArrayList<>();
    private final Map<String, Long> skippedByReason = new TreeMap<>();
    private final Map<Long, Rule> bySid = new HashMap<>();
    private ClassificationConfig classification = new ClassificationConfig();
    private ReferenceConfig references = new ReferenceConfig();
    private long duplicates;
    private long filesRead;

    /** Bumped whenever the rules change: forms built from them before are stale then. */
    private int changes;
    /** Forms of these rules other stages built, handed back for reuse (see {@link #takeDerived}). */
    private final java.util.ArrayDeque<Derived> derived = new java.util.ArrayDeque<>();
    /** Forms kept at most (one per analysis running at once in this process). */
    static final int MAX_DERIVED = 4;

    private record Derived(Object value, int changes) {
    }

    public List<Rule> rules() {
        return Collections.unmodifiableList(rules);
    }

    public List<Skipped> skipped() {
        return Collections.unmodifiableList(skipped);
    }

    public Map<String, Long> skippedByReason() {
        return Collections.unmodifiableMap(skippedByReason);
    }

    public ClassificationConfig classification() {
        return classification;
    }

    public ReferenceConfig references() {
        return references;
    }

    public long duplicates() {
        return duplicates;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * A form of these rules another stage built and handed back with {@link #giveBackDerived} (the
     * signature engine's compiled rule groups), for the next analysis in this process: it is built
     * once per rule set, not once per analysis, as Suricata builds its detection engine once at
     * start. Taking removes it, so one analysis at a time uses it; null when there is none that
     * {@code fits} (built for other settings), or only ones built before the rules last changed.
     */
    public synchronized <T> T takeDerived(Class<T> kind, java.util.function.Predicate<? super T> fits) {
        for (java.util.Iterator<Derived> it = derived.iterator(); it.hasNext(); ) {
            Derived d = it.next();
            if (d.changes() != changes) {
                it.remove();
            } else if (kind.isInstance(d.value()) && fits.test(kind.cast(d.value()))) {
                it.remove();
                return kind.cast(d.value());
            }
        }
        return null;
    }

    /** Hands back a form taken with {@link #takeDerived}, or built from the rules as they are now. */
    public synchronized void giveBackDerived(Object value, int builtAtChange) {
        if (builtAtChange == changes && derived.size() < MAX_DERIVED) {
            derived.add(new Derived(value, builtAtChange));
        }
    }

    /** The rules' version, for {@link #giveBackDerived}: a form built now is current until this changes. */
    public synchronized int changeCount() {
        return changes;
    }

    /**
     * Loads rule files, and every {@code *.rules} in directories given, in name order. Config files
     * found beside them (classification.config, reference.config) are read first.
     */
    public static RuleSet load(List<Path> paths, RuleVariables vars) throws IOException {
        RuleSet set = new RuleSet();
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".rules")).sorted().forEach(files::add);
                }
                set.readConfigs(p);
            } else {
                files.add(p);
                if (p.toAbsolutePath().getParent() != null) {
                    set.readConfigs(p.toAbsolutePath().getParent());
                }
            }
        }
        if (set.classification.size() == 0) {
            set.classification = ClassificationConfig.bundled();
        }
        RuleParser parser = new RuleParser(vars, set.classification.priorities());
        for (Path f : files) {
            set.readFile(f, parser);
        }
        return set;
    }

    private void readConfigs(Path dir) throws IOException {
        Path c = dir.resolve("classification.config");
        if (Files.isRegularFile(c) && classification.size() == 0) {
            classification = ClassificationConfig.read(c);
        }
        Path r = dir.resolve("reference.config");
        if (Files.isRegularFile(r) && references.size() == 0) {
            references = ReferenceConfig.read(r);
        }
    }

    /** Adds rules from text (the bundled defaults, tests). */
    public void add(String name, String text, RuleVariables vars) {
        readText(name, text, new RuleParser(vars, classification.priorities()));
    }

    /** The rules shipped with the project (seed 000's and ours), with Suricata's classifications. */
    public static RuleSet bundled(RuleVariables vars) {
        RuleSet set = new RuleSet();
        set.classification = ClassificationConfig.bundled();
        set.add("default.rules", resource("/org/hyakuyobako/detect/signature/default.rules"), vars);
        return set;
    }

    /** Adds another set's rules (the bundled ones to a user's); a gid:sid given twice keeps the higher revision. */
    public void addAll(RuleSet other) {
        addAll(other.rules);
        if (classification.size() == 0) {
            classification = other.classification;
        }
    }

    /** Adds rules already parsed (a sample of a set, for the benchmark). */
    public void addAll(List<Rule> more) {
        for (Rule r : List.copyOf(more)) {
            Rule before = bySid.get(key(r.gid, r.sid));
            if (before != null) {
                duplicates++;
                if (before.rev >= r.rev) {
                    continue;
                }
                rules.remove(before);
                changes++;
            }
            bySid.put(key(r.gid, r.sid), r);
            rules.add(r);
            changes++;
        }
    }

    static String resource(String name) {
        try (java.io.InputStream in = RuleSet.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void readFile(Path file, RuleParser parser) throws IOException {
        filesRead++;
        readText(file.toString(), Files.readString(file, StandardCharsets.UTF_8), parser);
    }

    private void readText(String name, String text, RuleParser parser) {
        String[] lines = text.split("\n", -1);
        StringBuilder joined = new StringBuilder();
        int startLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (joined.length() == 0) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                startLine = i + 1;
            }
            // A backslash at the end of a line continues the rule on the next one.
            if (line.endsWith("\\")) {
                joined.append(line, 0, line.length() - 1);
                continue;
            }
            joined.append(line);
            one(name, startLine, joined.toString(), parser);
            joined.setLength(0);
        }
        if (joined.length() > 0) {
            one(name, startLine, joined.toString(), parser);
        }
    }

    private void one(String file, int line, String text, RuleParser parser) {
        try {
            Rule rule = parser.parse(text);
            rule.file = file;
            rule.line = line;
            Rule before = bySid.get(key(rule.gid, rule.sid));
            if (before != null) {
                // As Suricata: a duplicate gid:sid keeps the higher revision.
                duplicates++;
                if (before.rev >= rule.rev) {
                    skip(rule.sid, file, line, "duplicate sid", "also at " + before.file + ":" + before.line);
                    return;
                }
                rules.remove(before);
                changes++;
                skip(before.sid, before.file, before.line, "duplicate sid", "replaced by rev " + rule.rev);
            }
            bySid.put(key(rule.gid, rule.sid), rule);
            rules.add(rule);
            changes++;
        } catch (UnsupportedRuleException e) {
            skip(sidOf(text), file, line, e.reason(), e.getMessage());
        } catch (RuntimeException e) {
            // A parser bug must not stop loading: the rule is reported like any other refusal.
            skip(sidOf(text), file, line, "internal error", String.valueOf(e));
        }
    }

    private static long key(int gid, long sid) {
        return ((long) gid << 40) ^ sid;
    }

    private void skip(long sid, String file, int line, String reason, String detail) {
        skipped.add(new Skipped(sid, file, line, reason, detail));
        skippedByReason.merge(reason, 1L, Long::sum);
    }

    private static final java.util.regex.Pattern SID = java.util.regex.Pattern.compile("[;(\\s]sid\\s*:\\s*(\\d+)");

    private static long sidOf(String text) {
        java.util.regex.Matcher m = SID.matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Loaded and skipped counts, as the run prints them. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(rules.size()).append(" rules loaded, ").append(skipped.size()).append(" skipped");
        if (!skippedByReason.isEmpty()) {
            sb.append(" (");
            List<Map.Entry<String, Long>> byCount = new ArrayList<>(skippedByReason.entrySet());
            byCount.sort(Map.Entry.<String, Long>comparingByValue().reversed());
            for (int i = 0; i < byCount.size(); i++) {
                sb.append(i > 0 ? "; " : "").append(byCount.get(i).getKey()).append(": ").append(byCount.get(i).getValue());
            }
            sb.append(")");
        }
        return sb.toString();
    }

    /** Loaded rules per inspection slot, for the summary and the benchmark. */
    public Map<Slot, Long> bySlot() {
        Map<Slot, Long> out = new LinkedHashMap<>();
        for (Rule r : rules) {
            out.merge(r.slot, 1L, Long::sum);
        }
        return out;
    }
}
