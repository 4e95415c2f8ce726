package org.hyakuyobako.detect.blacklist;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyakuyobako.net.Cidr;
import org.hyakuyobako.proto.tls.Ja4Fingerprint;

/**
 * Reads block lists in the formats users have, recognised by content: plain IP/CIDR/domain lists,
 * hosts files, Spamhaus DROP/EDROP, CSV feeds with a header (abuse.ch Feodo Tracker and SSL
 * Blacklist, its JA3 fingerprint list, or any CSV with an address, domain or fingerprint column),
 * Suricata iprep, and the address lists inside ET Open's IP rules (botcc, compromised, ciarmy, drop,
 * dshield, tor). A JA3 hash (32 hex digits) or a JA4 value anywhere an entry may stand is a TLS
 * client fingerprint. Bad lines are reported with file and line number, counted and skipped.
 */
public final class BlacklistLoader {
    private static final Pattern ET_MSG = Pattern.compile("msg:\"ET ([A-Za-z_]+)");
    /** A JA3 hash as lists write it, either case (a domain or address never has this shape). */
    private static final Pattern JA3 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern DOMAIN = Pattern.compile("(?i)^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,62}\\.?$");

    private final Blacklists into;
    private final Consumer<String> warnings;
    private long loaded;
    private long rejected;

    /** @param warnings told one line per rejected entry ("file:line: reason") */
    public BlacklistLoader(Blacklists into, Consumer<String> warnings) {
        this.into = into;
        this.warnings = warnings;
    }

    public long loaded() {
        return loaded;
    }

    public long rejected() {
        return rejected;
    }

    /** Loads a file, or every regular file of a directory in name order. */
    public void load(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (var files = Files.list(path)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    load(f);
                }
            }
            return;
        }
        List<String> lines;
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1)) {
            lines = r.lines().toList();
        }
        String list = path.getFileName().toString();
        switch (ListFormat.detect(lines)) {
            case ET_RULES -> loadEtRules(list, lines);
            case CSV -> loadCsv(list, lines);
            case IPREP -> loadIprep(list, lines, path);
            case HOSTS -> loadHosts(list, lines);
            default -> loadPlain(list, lines);
        }
    }

    private void reject(String list, int line, String why) {
        rejected++;
        warnings.accept(list + ":" + line + ": " + why + "; line skipped");
    }

    /** One address, prefix or domain; returns false when it is none of them. */
    private boolean addEntry(String list, String category, String text, double confidence, int line) {
        String t = text.trim();
        if (t.isEmpty()) {
            return true;
        }
        ListEntry e = new ListEntry(list, category, t, confidence, line);
        if (JA3.matcher(t).matches() || Ja4Fingerprint.FORMAT.matcher(t).matches()) {
            into.fingerprints.add(t, e);
            loaded++;
            return true;
        }
        if (t.indexOf(':') >= 0 || Character.isDigit(t.charAt(0))) {
            try {
                into.addresses.add(Cidr.parse(t), e);
                loaded++;
                return true;
            } catch (IllegalArgumentException ex) {
                if (t.indexOf(':') >= 0 || !DOMAIN.matcher(t).matches()) {
                    return false;
                }
            }
        }
        if (DOMAIN.matcher(t).matches()) {
            into.domains.add(t, e);
            loaded++;
            return true;
        }
        return false;
    }

    private static String stripComment(String line) {
        int cut = line.length();
        for (String c : new String[] {"#", ";"}) {
            int i = line.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        return line.substring(0, cut).trim();
    }

    /** One entry a line; "#" and ";" start comments (Spamhaus DROP: "1.10.16.0/20 ; SBL256894"). */
    private void loadPlain(String list, List<String> lines) {
        // Spamhaus DROP/EDROP lines carry their SBL reference after a ';'.
        boolean drop = lines.stream().anyMatch(l -> l.contains("; SBL"));
        String category = drop ? "spamhaus-drop" : "blacklist";
        for (int i = 0; i < lines.size(); i++) {
            String t = stripComment(lines.get(i));
            if (!t.isEmpty() && !addEntry(list, category, t.split("\\s+")[0], 1.0, i + 1)) {
                reject(list, i + 1, "not an address, prefix or domain: '" + clip(t) + "'");
            }
        }
    }

    /** hosts files: "0.0.0.0 name [name...]" — the names are listed, the address is the sinkhole. */
    private void loadHosts(String list, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String t = stripComment(lines.get(i));
            if (t.isEmpty()) {
                continue;
            }
            String[] parts = t.split("\\s+");
            for (int p = 1; p < parts.length; p++) {
                String name = parts[p];
                if (name.equals("localhost") || name.endsWith(".localdomain")) {
                    continue;
                }
                if (!DOMAIN.matcher(name).matches() || !addEntry(list, "blocked-domain", name, 1.0, i + 1)) {
                    reject(list, i + 1, "not a domain name: '" + clip(name) + "'");
                }
            }
        }
    }

    /** The address lists of ET Open IP rules; the category is the rule family ("CNC", "COMPROMISED"...). */
    private void loadEtRules(String list, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher msg = ET_MSG.matcher(line);
            String category = msg.find() ? msg.group(1).toLowerCase(Locale.ROOT) : "et";
            // The header's source and destination: "alert ip $HOME_NET any -> [a,b,...] any (".
            int paren = line.indexOf('(');
            String[] header = (paren < 0 ? line : line.substring(0, paren)).trim().split("\\s+");
            boolean any = false;
            if (header.length >= 7) {
                for (String side : new String[] {header[2], header[5]}) {
                    if (side.startsWith("$") || side.equals("any") || side.startsWith("!")) {
                        continue;
                    }
                    for (String item : side.replace("[", "").replace("]", "").split(",")) {
                        if (item.isBlank() || item.startsWith("!") || item.startsWith("$")) {
                            continue;
                        }
                        any = true;
                        if (!addEntry(list, category, item, 1.0, i + 1)) {
                            reject(list, i + 1, "bad address in rule: '" + clip(item) + "'");
                        }
                    }
                }
            }
            if (!any) {
                reject(list, i + 1, "rule without an address list");
            }
        }
    }

    /**
     * CSV with a header (possibly commented, as abuse.ch writes it): the column named like an
     * address (dst_ip, dstip, ip, ip_address, indicator, value, domain, host) or a fingerprint
     * (ja3_md5 in SSLBL's JA3 list, ja3, ja4) holds the entries; a
     * column named malware, category, type or listingreason gives the category.
     */
    private void loadCsv(String list, List<String> lines) {
        String[] header = null;
        int entryColumn = -1;
        int categoryColumn = -1;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i).trim();
            if (raw.isEmpty()) {
                continue;
            }
            if (header == null) {
                String h = raw.startsWith("#") ? raw.substring(1).trim() : raw;
                String[] cols = splitCsv(h);
                int e = columnOf(cols, "dst_ip", "dstip", "ip_address", "ip", "indicator", "value", "domain", "host", "ioc",
                        "ja3_md5", "ja3", "ja4");
                if (e >= 0) {
                    header = cols;
                    entryColumn = e;
                    categoryColumn = columnOf(cols, "malware", "category", "listingreason", "threat", "type");
                }
                continue;
            }
            if (raw.startsWith("#")) {
                continue;
            }
            String[] cells = splitCsv(raw);
            if (entryColumn >= cells.length) {
                reject(list, i + 1, "fewer columns than the header");
                continue;
            }
            String category = categoryColumn >= 0 && categoryColumn < cells.length && !cells[categoryColumn].isBlank()
                    ? cells[categoryColumn].trim().toLowerCase(Locale.ROOT) : "blacklist";
            if (!addEntry(list, category, cells[entryColumn], 1.0, i + 1)) {
                reject(list, i + 1, "not an address, prefix or domain: '" + clip(cells[entryColumn]) + "'");
            }
        }
    }

    /** Suricata iprep: "address,category id,score" lines, names from categories.txt beside the list. */
    private void loadIprep(String list, List<String> lines, Path path) throws IOException {
        Map<String, String> names = new TreeMap<>();
        Path parent = path.toAbsolutePath().getParent();
        Path categories = parent == null ? null : parent.resolve("categories.txt");
        if (categories != null && Files.isRegularFile(categories)) {
            for (String c : Files.readAllLines(categories, StandardCharsets.ISO_8859_1)) {
                String[] p = c.split(",");
                if (p.length >= 2) {
                    names.put(p[0].trim(), p[1].trim());
                }
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            String t = stripComment(lines.get(i));
            if (t.isEmpty()) {
                continue;
            }
            String[] p = t.split(",");
            int score;
            try {
                score = p.length == 3 ? Integer.parseInt(p[2].trim()) : -1;
            } catch (NumberFormatException e) {
                score = -1;
            }
            if (score < 0 || score > 127) {
                reject(list, i + 1, "expected address,category,score (score 0-127)");
                continue;
            }
            String category = names.getOrDefault(p[1].trim(), "iprep-" + p[1].trim());
            if (!addEntry(list, category, p[0], score / 127.0, i + 1)) {
                reject(list, i + 1, "not an address or prefix: '" + clip(p[0]) + "'");
            }
        }
    }

    private static int columnOf(String[] cols, String... names) {
        for (String n : names) {
            for (int i = 0; i < cols.length; i++) {
                if (cols[i].trim().replace("\"", "").equalsIgnoreCase(n)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Splits a CSV line with optional double quotes (no embedded newlines in these feeds). */
    static String[] splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out.toArray(new String[0]);
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
