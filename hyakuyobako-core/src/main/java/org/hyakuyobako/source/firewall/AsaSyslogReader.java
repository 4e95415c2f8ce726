package org.hyakuyobako.source.firewall;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads Cisco ASA/FWSM/PIX/FTD syslog text (a file, or what a listener received) line by line into
 * {@link FirewallEvent}s. Nothing is lost silently: a line is an event, an unsupported message id
 * (counted by id), a supported id in a form not recognised (reported with file and line, counted),
 * or not a firewall message (counted). Lines are read as ISO-8859-1 (every byte kept) and cut at
 * {@link #MAX_LINE} characters (counted).
 */
public final class AsaSyslogReader {
    static final int MAX_LINE = 16_384;

    private final Consumer<FirewallEvent> events;
    private final Consumer<String> problems;
    private final Map<String, Long> unsupportedById = new TreeMap<>();
    private long parsed;
    private long malformed;
    private long notFirewall;
    private long overlong;

    /**
     * @param problems receives one line per malformed message: {@code file:line: message id N not in its documented form}
     */
    public AsaSyslogReader(Consumer<FirewallEvent> events, Consumer<String> problems) {
        this.events = events;
        this.problems = problems;
    }

    /** Reads every line of {@code in}, named {@code name} in messages; timestamps without a year get {@code year}. */
    public void read(InputStream in, String name, int year) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 65_536);
        String line;
        long number = 0;
        while ((line = r.readLine()) != null) {
            number++;
            line(line, name, number, year);
        }
    }

    /** One line (a file's, or one syslog datagram's). */
    public void line(String text, String name, long number, int year) {
        String line = text;
        if (line.length() > MAX_LINE) {
            overlong++;
            line = line.substring(0, MAX_LINE);
        }
        if (line.isBlank()) {
            return;
        }
        AsaLine asa = AsaLine.parse(line, year);
        if (asa == null) {
            notFirewall++;
            return;
        }
        if (!AsaMessageParser.supports(asa.messageId())) {
            unsupportedById.merge(asa.messageId(), 1L, Long::sum);
            return;
        }
        FirewallEvent e = AsaMessageParser.parse(asa);
        if (e == null) {
            malformed++;
            problems.accept(name + ":" + number + ": message " + asa.messageId() + " is not in its documented form: "
                    + (line.length() > 120 ? line.substring(0, 120) + "…" : line));
            return;
        }
        parsed++;
        events.accept(e);
    }

    public long parsed() {
        return parsed;
    }

    public long malformed() {
        return malformed;
    }

    public long notFirewall() {
        return notFirewall;
    }

    public long overlong() {
        return overlong;
    }

    /** Lines whose message id is not read, by id. */
    public Map<String, Long> unsupportedById() {
        return unsupportedById;
    }

    public long unsupported() {
        return unsupportedById.values().stream().mapToLong(Long::longValue).sum();
    }
}
