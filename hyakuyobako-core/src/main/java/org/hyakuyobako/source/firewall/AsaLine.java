package org.hyakuyobako.source.firewall;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Cisco ASA, FWSM, PIX or FTD syslog line split into its framing and its message: every header
 * variant the devices and relays write — an optional {@code <PRI>}, an RFC 3164 or RFC 5424 header,
 * the device's own timestamp with or without year, zone or device name, EMBLEM's
 * {@code %ASA-session-5-106100} class — and then {@code %ASA-6-302013: text}.
 *
 * @param product ASA, FWSM, PIX, FTD or NGIPS (FTD's connection events)
 * @param timestampNanos the device's or the relay's time (UTC when no zone is given), or -1
 * @param host the device or relay name when one is given, else null
 */
public record AsaLine(String product, int severity, String messageId, String text, long timestampNanos, String host) {
    /** The tag: {@code %ASA-6-302013:}, {@code %FTD-2-106001:}, {@code %ASA-session-5-106100:}. */
    private static final Pattern TAG = Pattern.compile("%(ASA|FWSM|PIX|FTD|NGIPS)(?:-[A-Za-z_]{1,20})?-([0-7])-(\\d{6}):?\\s?");
    private static final Pattern RFC5424 = Pattern.compile("^1 (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?(?:Z|[+-]\\d\\d:\\d\\d)) (\\S+) ");
    /** "Apr 15 2013 09:36:50", "Apr 15 09:36:50", "Apr  5 09:36:50", optionally with ".123" and a zone word. */
    private static final Pattern BSD_TIME = Pattern.compile("^([A-Z][a-z]{2}) +(\\d{1,2}) (?:(\\d{4}) )?(\\d\\d:\\d\\d:\\d\\d)(?:\\.\\d{1,6})?(?: ([A-Z]{3,4}))?:? ");
    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MMM d yyyy HH:mm:ss", Locale.ROOT);

    /**
     * Splits a line; null when it carries no ASA/FWSM/PIX/FTD tag (not a firewall message at all).
     *
     * @param defaultYear the year for timestamps written without one (the file's, or this one)
     */
    public static AsaLine parse(String line, int defaultYear) {
        Matcher tag = TAG.matcher(line);
        if (!tag.find()) {
            return null;
        }
        String head = line.substring(0, tag.start()).strip();
        long time = -1;
        String host = null;
        if (head.startsWith("<")) {
            int close = head.indexOf('>');
            head = close > 0 && close < 5 ? head.substring(close + 1).strip() : head;
        }
        Matcher m5424 = RFC5424.matcher(head + " ");
        Matcher bsd = BSD_TIME.matcher(head + " ");
        if (m5424.find()) {
            time = java.time.OffsetDateTime.parse(m5424.group(1)).toInstant().toEpochMilli() * 1_000_000L;
            host = m5424.group(2);
        } else if (bsd.find()) {
            time = bsdTime(bsd, defaultYear);
            String rest = (head + " ").substring(bsd.end()).strip();
            // What follows the time is the device's name, when there is one (":" ends the header).
            rest = rest.endsWith(":") ? rest.substring(0, rest.length() - 1).strip() : rest;
            if (!rest.isEmpty() && rest.indexOf(' ') < 0) {
                host = rest;
            }
        }
        return new AsaLine(tag.group(1), tag.group(2).charAt(0) - '0', tag.group(3), line.substring(tag.end()).strip(), time, host);
    }

    /** The last time text read and its value: consecutive lines of a log mostly share their second. */
    private static final ThreadLocal<Object[]> LAST_TIME = ThreadLocal.withInitial(() -> new Object[] {"", -1L});

    private static long bsdTime(Matcher m, int defaultYear) {
        String year = m.group(3) != null ? m.group(3) : Integer.toString(defaultYear);
        String text = m.group(1) + " " + m.group(2) + " " + year + " " + m.group(4);
        Object[] last = LAST_TIME.get();
        if (text.equals(last[0])) {
            return (Long) last[1];
        }
        long nanos;
        try {
            LocalDateTime t = LocalDateTime.parse(text, MONTH_DAY);
            // Zone words (EDT, CET) are not resolved: their offsets are ambiguous; the time is read as UTC.
            nanos = t.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
        } catch (DateTimeParseException e) {
            nanos = -1;
        }
        last[0] = text;
        last[1] = nanos;
        return nanos;
    }
}
