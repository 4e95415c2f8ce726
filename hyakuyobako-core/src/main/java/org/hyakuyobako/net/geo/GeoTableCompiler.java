package org.hyakuyobako.net.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Build step (exec-maven-plugin, process-classes): turns the published CSV tables that
 * scripts/fetch-geo-data.sh unpacked into the binary table of {@link GeoTableFormat} in the
 * classes, with the packages' licence files beside it. Run as
 * {@code GeoTableCompiler DATA_DIR CLASSES_DIR}.
 *
 * <p>Everything read here came from the network: numbers are range-checked, country codes must be
 * two letters, names lose control characters and are cut, and bad lines are refused and counted.
 */
public final class GeoTableCompiler {
    static final String COUNTRY_PACKAGE = "geo-whois-asn-country";
    static final String AS_PACKAGE = "asn";
    private static final int MAX_NAME = 160;
    private static final int MIN_V4_BOUNDARIES = 100_000;
    private static final BigInteger MAX_V6 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final List<String> LICENCE_FILES = List.of("NRO_LICENSE", "DBIP-LICENSE", "ROUTEVIEWS-LICENSE", "MODIFICATIONS", "README.md");

    private int refused;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: GeoTableCompiler DATA_DIR CLASSES_DIR");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        Path classes = Path.of(args[1]);
        Path out = classes.resolve(GeoDatabase.RESOURCE);
        if (upToDate(data, out)) {
            return;
        }
        long start = System.nanoTime();
        GeoTableCompiler compiler = new GeoTableCompiler();
        GeoTables tables = compiler.compile(data);
        // The published IPv4 tables hold some 330 k and 410 k ranges: far fewer means a damaged or
        // substituted download, which must fail the build rather than ship a table that knows nothing.
        if (tables.v4Country().size() < MIN_V4_BOUNDARIES || tables.v4As().size() < MIN_V4_BOUNDARIES) {
            throw new IOException("the location data in " + data + " has only " + tables.v4Country().size() + " IPv4 country and "
                    + tables.v4As().size() + " IPv4 AS boundaries (" + compiler.refused + " lines refused): refusing to bundle it");
        }
        Files.createDirectories(out.getParent());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (OutputStream o = Files.newOutputStream(tmp)) {
            GeoTableFormat.write(tables, o);
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        copyLicences(data, classes.resolve(GeoDatabase.LICENCE_FOLDER));
        System.out.printf("GeoTableCompiler: %,d IPv4 and %,d IPv6 country boundaries, %,d IPv4 and %,d IPv6 AS boundaries, %,d AS names,"
                        + " %,d lines refused; %,d bytes in %d ms%n",
                tables.v4Country().size(), tables.v6Country().size(), tables.v4As().size(), tables.v6As().size(),
                tables.asNames().size(), compiler.refused, Files.size(out), (System.nanoTime() - start) / 1_000_000);
    }

    /** The table is rebuilt only when a CSV is newer (the cache folder is per version, so that is a new pin). */
    private static boolean upToDate(Path data, Path out) throws IOException {
        if (!Files.exists(out)) {
            return false;
        }
        try (var in = new java.io.DataInputStream(Files.newInputStream(out))) {
            if (in.readInt() != GeoTableFormat.MAGIC) {
                return false; // made by an earlier version of this compiler
            }
        } catch (IOException e) {
            return false;
        }
        long built = Files.getLastModifiedTime(out).toMillis();
        for (Path p : inputs(data)) {
            if (Files.getLastModifiedTime(p).toMillis() > built) {
                return false;
            }
        }
        return true;
    }

    private static List<Path> inputs(Path data) {
        return List.of(data.resolve(COUNTRY_PACKAGE).resolve("geo-whois-asn-country-ipv4-num.csv"),
                data.resolve(COUNTRY_PACKAGE).resolve("geo-whois-asn-country-ipv6-num.csv"),
                data.resolve(AS_PACKAGE).resolve("asn-ipv4-num.csv"),
                data.resolve(AS_PACKAGE).resolve("asn-ipv6-num.csv"));
    }

    GeoTables compile(Path data) throws IOException {
        List<Path> in = inputs(data);
        Map<String, Integer> codes = new TreeMap<>();
        RangeTableBuilder v4Country = new RangeTableBuilder();
        RangeTableBuilder v6Country = new RangeTableBuilder();
        readCountries(in.get(0), false, v4Country, codes);
        readCountries(in.get(1), true, v6Country, codes);
        // Country values were numbered in first-seen order; the code table is written in that order.
        String[] codeTable = new String[codes.size()];
        codes.forEach((code, index) -> codeTable[index] = code);

        Map<Integer, String> names = new TreeMap<>(Integer::compareUnsigned);
        RangeTableBuilder v4As = new RangeTableBuilder();
        RangeTableBuilder v6As = new RangeTableBuilder();
        readAs(in.get(2), false, v4As, names);
        readAs(in.get(3), true, v6As, names);
        int[] numbers = new int[names.size()];
        String[] nameTable = new String[names.size()];
        int i = 0;
        for (Map.Entry<Integer, String> e : names.entrySet()) {
            numbers[i] = e.getKey();
            nameTable[i++] = e.getValue();
        }
        // AS ranges carry the AS's index in the name table: a lookup then needs one search, not two.
        AsNames asNames = new AsNames(numbers, nameTable);
        v4As.remap(asNames::indexOf);
        v6As.remap(asNames::indexOf);
        GeoTables tables = new GeoTables(codeTable, v4Country.buildV4(), v6Country.buildV6(), v4As.buildV4(), v6As.buildV6(),
                asNames);
        refused += v4Country.refused() + v6Country.refused() + v4As.refused() + v6As.refused();
        return tables;
    }

    int refused() {
        return refused;
    }

    private void readCountries(Path csv, boolean v6, RangeTableBuilder into, Map<String, Integer> codes) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                List<String> f = CsvLine.split(line);
                if (f == null || f.size() != 3 || !isCountryCode(f.get(2))) {
                    refused++;
                    continue;
                }
                Integer index = codes.computeIfAbsent(f.get(2), k -> codes.size());
                if (!addRange(into, v6, f.get(0), f.get(1), index)) {
                    refused++;
                }
            }
        }
    }

    private void readAs(Path csv, boolean v6, RangeTableBuilder into, Map<Integer, String> names) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                List<String> f = CsvLine.split(line);
                long asn = f == null || f.size() != 4 ? -1 : parseUnsigned(f.get(2), 0xFFFF_FFFFL);
                if (asn <= 0 || asn == 0xFFFF_FFFFL || !addRange(into, v6, f.get(0), f.get(1), (int) asn)) {
                    refused++;
                    continue;
                }
                // Every AS gets an entry ("" when nameless), so every range value has an index.
                String name = cleanName(f.get(3));
                names.merge((int) asn, name, (had, given) -> had.isEmpty() ? given : had);
            }
        }
    }

    private static boolean addRange(RangeTableBuilder into, boolean v6, String start, String end, int value) {
        if (!v6) {
            long s = parseUnsigned(start, 0xFFFF_FFFFL);
            long e = parseUnsigned(end, 0xFFFF_FFFFL);
            if (s < 0 || e < 0) {
                return false;
            }
            into.add(BigInteger.valueOf(s), BigInteger.valueOf(e), value);
            return true;
        }
        BigInteger s = parseV6(start);
        BigInteger e = parseV6(end);
        if (s == null || e == null) {
            return false;
        }
        // IPv4-mapped and IPv4-compatible space is looked up in the IPv4 tables.
        if (s.shiftRight(32).signum() == 0 || s.shiftRight(32).equals(BigInteger.valueOf(0xFFFF))) {
            return true;
        }
        into.add(s, e, value);
        return true;
    }

    /** A decimal number in [0, max], or -1. */
    static long parseUnsigned(String text, long max) {
        if (text.isEmpty() || text.length() > 19) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= max ? v : -1;
    }

    private static BigInteger parseV6(String text) {
        if (text.isEmpty() || text.length() > 39 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        BigInteger v = new BigInteger(text);
        return v.compareTo(MAX_V6) <= 0 ? v : null;
    }

    static boolean isCountryCode(String s) {
        return s.length() == 2 && s.charAt(0) >= 'A' && s.charAt(0) <= 'Z' && s.charAt(1) >= 'A' && s.charAt(1) <= 'Z';
    }

    /** Control characters out, whitespace folded, at most {@value #MAX_NAME} characters. */
    static String cleanName(String raw) {
        StringBuilder sb = new StringBuilder(Math.min(raw.length(), MAX_NAME));
        for (int i = 0; i < raw.length() && sb.length() < MAX_NAME; i++) {
            char c = raw.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                c = ' ';
            }
            if (c == ' ' && (sb.length() == 0 || sb.charAt(sb.length() - 1) == ' ')) {
                continue;
            }
            sb.append(c);
        }
        return sb.toString().strip();
    }

    private static void copyLicences(Path data, Path folder) throws IOException {
        for (String pkg : List.of(COUNTRY_PACKAGE, AS_PACKAGE)) {
            Path target = folder.resolve(pkg);
            Files.createDirectories(target);
            for (String name : LICENCE_FILES) {
                Path source = data.resolve(pkg).resolve(name);
                if (Files.isRegularFile(source)) {
                    Files.copy(source, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
