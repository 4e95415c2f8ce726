package org.hyakuyobako.detect.shell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what an attacker types into a command shell (or packs into an exploit) to fetch and start
 * code: the download cradles of Windows (tftp, a script for ftp -s:, certutil, bitsadmin,
 * PowerShell's WebClient and Invoke-WebRequest, mshta, regsvr32) and of Unix (wget, curl, busybox
 * tftp), and the starting of an executable. Keeps the addresses and names they fetch from: an
 * infection chain links them to the download that follows. Text from traffic: patterns are
 * bounded, and only the first {@link #MAX_TEXT} characters are read.
 */
final class ShellCommands {
    static final int MAX_TEXT = 4_096;
    private static final int FLAGS = Pattern.CASE_INSENSITIVE;
    private static final String HOST = "([A-Za-z0-9][A-Za-z0-9.-]{0,252})";
    private static final Pattern TFTP = Pattern.compile("\\btftp(?:\\.exe)?\\s+(?:-i\\s+)?" + HOST + "\\s+get\\s+([^\\s&|;>]{1,200})", FLAGS);
    private static final Pattern BUSYBOX_TFTP = Pattern.compile("\\btftp\\s+(?:-[gp]\\s+|-[lrb]\\s+\\S+\\s+)+" + HOST, FLAGS);
    private static final Pattern FTP_OPEN = Pattern.compile("\\becho\\s+open\\s+" + HOST + "(?:\\s+\\d{1,5})?", FLAGS);
    private static final Pattern FTP_GET = Pattern.compile("\\becho\\s+(?:m?get|recv)\\s+([^\\s&|;>]{1,200})", FLAGS);
    private static final Pattern FTP_SCRIPT = Pattern.compile("\\bftp(?:\\.exe)?\\s+(?:-[a-z]\\s+)*-s:\\S{1,200}", FLAGS);
    private static final Pattern URL = Pattern.compile("\\b(?:https?|ftp)://" + HOST + "(?::\\d{1,5})?(/[^\\s\"'&|;<>)]{0,500})?", FLAGS);
    private static final Pattern FETCHER = Pattern.compile(
            "\\b(wget|curl|certutil(?:\\.exe)?[^\\n]{0,80}-urlcache|bitsadmin(?:\\.exe)?[^\\n]{0,40}/transfer|mshta(?:\\.exe)?|regsvr32(?:\\.exe)?[^\\n]{0,80}/i:"
                    + "|downloadfile|downloadstring|invoke-webrequest|\\biwr\\b|start-bitstransfer|net\\.webclient|lwp-download|\\bfetch\\b)", FLAGS);
    private static final Pattern START_EXE = Pattern.compile(
            "(?:^|[\\r\\n&;|]|\\bstart\\s++|cmd(?:\\.exe)?\\s++/[ck]\\s++)\\s*+\"?([A-Za-z0-9_.\\\\:-]{1,120}\\.(?:exe|bat|cmd|vbs|ps1|scr))\\b", FLAGS);
    private static final Pattern CHMOD_RUN = Pattern.compile("\\bchmod\\s+\\+?[0-7x]+\\s+(\\S{1,120})|(?:^|[;&|\\s])\\./([A-Za-z0-9_.-]{1,120})", FLAGS);
    private static final Pattern IPV4 = Pattern.compile("\\b((?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)){3})\\b");

    /** What the text does: fetches (with the places it names) and starts code. */
    record Reading(List<String> fetches, Set<String> named, Set<String> files, List<String> starts) {
        boolean downloads() {
            return !fetches.isEmpty();
        }

        boolean isEmpty() {
            return fetches.isEmpty() && starts.isEmpty();
        }
    }

    private ShellCommands() {
    }

    static Reading read(String raw) {
        String text = raw.length() > MAX_TEXT ? raw.substring(0, MAX_TEXT) : raw;
        List<String> fetches = new ArrayList<>();
        Set<String> named = new LinkedHashSet<>();
        Set<String> files = new LinkedHashSet<>();
        List<String> starts = new ArrayList<>();
        Matcher m = TFTP.matcher(text);
        while (m.find()) {
            fetches.add("tftp " + m.group(2) + " from " + m.group(1));
            named.add(m.group(1).toLowerCase(Locale.ROOT));
            files.add(m.group(2));
        }
        m = BUSYBOX_TFTP.matcher(text);
        while (m.find()) {
            if (!fetches.contains("tftp from " + m.group(1))) {
                fetches.add("tftp from " + m.group(1));
                named.add(m.group(1).toLowerCase(Locale.ROOT));
            }
        }
        boolean ftpScript = FTP_SCRIPT.matcher(text).find();
        m = FTP_OPEN.matcher(text);
        while (m.find()) {
            named.add(m.group(1).toLowerCase(Locale.ROOT));
            if (ftpScript) {
                fetches.add("an ftp -s: script from " + m.group(1));
            }
        }
        m = FTP_GET.matcher(text);
        while (m.find()) {
            files.add(m.group(1));
        }
        if (FETCHER.matcher(text).find()) {
            m = URL.matcher(text);
            while (m.find()) {
                fetches.add(m.group());
                named.add(m.group(1).toLowerCase(Locale.ROOT));
                String path = m.group(2);
                if (path != null && path.lastIndexOf('/') < path.length() - 1) {
                    files.add(path.substring(path.lastIndexOf('/') + 1));
                }
            }
            if (fetches.isEmpty()) {
                // A cradle fetching from a bare address (wget 1.2.3.4/x): the address is what it names.
                m = IPV4.matcher(text);
                while (m.find()) {
                    fetches.add("a download from " + m.group(1));
                    named.add(m.group(1));
                }
            }
        }
        m = START_EXE.matcher(text);
        while (m.find()) {
            String file = m.group(1);
            if (!starts.contains(file) && !file.toLowerCase(Locale.ROOT).matches("(?:.*\\\\)?(?:ftp|tftp|cmd|certutil|bitsadmin|powershell|mshta|regsvr32)\\.exe")) {
                starts.add(file);
            }
        }
        m = CHMOD_RUN.matcher(text);
        while (m.find()) {
            String file = m.group(1) != null ? m.group(1) : m.group(2);
            if (!starts.contains(file)) {
                starts.add(file);
            }
        }
        return new Reading(fetches, named, files, starts);
    }
}
