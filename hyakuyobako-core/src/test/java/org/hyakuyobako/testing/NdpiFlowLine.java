package org.hyakuyobako.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One flow line of nDPI's {@code ndpiReader} output ({@code .ndpiReader.out}), read as nDPI writes it:
 * the endpoints, then bracketed items, either {@code [key: value]} or a bare {@code [value]}. Every
 * item is kept, so a test can compare the protocol, SNI, risks, TLS version and certificate, packets
 * and bytes without a regular expression per field (a lazy {@code .*?} before optional groups once
 * made SNI and certificate silently uncompared).
 */
public record NdpiFlowLine(String transport, String client, int clientPort, String server, int serverPort,
                           Map<String, String> fields, List<String> bare) {
    private static final Pattern HEAD = Pattern.compile("^\\s+\\d+\\s+(\\w+) (\\S+) <?-> (\\S+) \\[");
    private static final Pattern COUNTS = Pattern.compile("(\\d+) pkts/(\\d+) bytes <?-> (\\d+) pkts/(\\d+) bytes");
    private static final Pattern RISK = Pattern.compile("\\*\\* (.+?) \\*\\*");

    /** Every flow line of the file (summary and header lines are not flows and are left out). */
    public static List<NdpiFlowLine> read(Path ndpiOut) throws IOException {
        List<NdpiFlowLine> flows = new ArrayList<>();
        for (String line : Files.readAllLines(ndpiOut)) {
            NdpiFlowLine f = parse(line);
            if (f != null) {
                flows.add(f);
            }
        }
        return flows;
    }

    /** The flow on this line, or null if it is not a flow line. */
    public static NdpiFlowLine parse(String line) {
        Matcher m = HEAD.matcher(line);
        if (!m.find()) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> bare = new ArrayList<>();
        int depth = 0;
        int start = -1;
        for (int i = m.end() - 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '[' && depth++ == 0) {
                start = i + 1;
            } else if (c == ']' && depth > 0 && --depth == 0) {
                String item = line.substring(start, i);
                int colon = item.indexOf(": ");
                if (colon > 0 && !item.substring(0, colon).contains("[")) {
                    fields.putIfAbsent(item.substring(0, colon), item.substring(colon + 2));
                } else {
                    bare.add(item);
                }
            }
        }
        String[] a = endpoint(m.group(2));
        String[] b = endpoint(m.group(3));
        return new NdpiFlowLine(m.group(1), a[0], Integer.parseInt(a[1]), b[0], Integer.parseInt(b[1]), fields, bare);
    }

    /** "1.2.3.4:80", "[::1]:80" or an address without a port (ICMP) into address and port ("0" if none). */
    private static String[] endpoint(String s) {
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            String port = close + 2 <= s.length() ? s.substring(close + 2) : "0";
            return new String[] {s.substring(1, close), port.isEmpty() ? "0" : port};
        }
        int colon = s.lastIndexOf(':');
        return colon < 0 ? new String[] {s, "0"} : new String[] {s.substring(0, colon), s.substring(colon + 1)};
    }

    /** The application protocol nDPI names, e.g. "TLS" for "91/TLS", "HTTP.Google" for "7.126/HTTP.Google". */
    public String protocol() {
        String p = fields.getOrDefault("proto", "");
        int slash = p.indexOf('/');
        return slash < 0 ? p : p.substring(slash + 1);
    }

    /** The server name (TLS SNI, HTTP Host, DNS query name), or null. */
    public String hostname() {
        return fields.get("Hostname/SNI");
    }

    /** nDPI's flow risks, e.g. ["Self-signed Cert", "Missing SNI TLS Extn"]; empty when none. */
    public List<String> risks() {
        List<String> out = new ArrayList<>();
        Matcher m = RISK.matcher(fields.getOrDefault("Risk", ""));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The negotiated TLS version as nDPI writes it ("TLSv1.2"), or null. */
    public String tlsVersion() {
        return bare.stream().filter(s -> s.matches("TLSv1(\\.[0-3])?")).findFirst().orElse(null);
    }

    /** {client packets, client bytes, server packets, server bytes}. */
    public long[] counts() {
        for (String s : bare) {
            Matcher m = COUNTS.matcher(s);
            if (m.matches()) {
                return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4))};
            }
        }
        throw new AssertionError("no packet counts on the nDPI line for " + client + ":" + clientPort);
    }
}
