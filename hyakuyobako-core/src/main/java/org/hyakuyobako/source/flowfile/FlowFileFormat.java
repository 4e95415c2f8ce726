package org.hyakuyobako.source.flowfile;

/** The flow-record formats read, recognised by content, never by file name. */
public enum FlowFileFormat {
    /** Suricata's eve.json (and ours): lines with {@code "event_type":"flow"}. */
    EVE,
    /** Zeek conn.log, tab-separated with its {@code #fields} header. */
    ZEEK_TSV,
    /** Zeek conn.log written as JSON lines ({@code "id.orig_h"}). */
    ZEEK_JSON,
    /** Argus {@code ra -c ,} output with its header line ({@code SrcAddr}, {@code DstAddr}, …). */
    ARGUS_CSV,
    /** CTU-13's {@code .binetflow} (Argus fields plus {@code Label}, the ground truth). */
    BINETFLOW;

    /** The format of a file from its first non-empty lines, or null when none fits. */
    public static FlowFileFormat recognise(java.util.List<String> head) {
        for (String line : head) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            if (l.startsWith("#separator") || l.startsWith("#path\tconn") || l.startsWith("#fields\tts\tuid")) {
                return ZEEK_TSV;
            }
            if (l.startsWith("{")) {
                if (l.contains("\"event_type\"")) {
                    return EVE;
                }
                if (l.contains("\"id.orig_h\"")) {
                    return ZEEK_JSON;
                }
                continue;
            }
            if (l.startsWith("StartTime,") && l.contains("SrcAddr") && l.contains("DstAddr")) {
                return l.contains(",Label") ? BINETFLOW : ARGUS_CSV;
            }
            if (!l.startsWith("#")) {
                return null;
            }
        }
        return null;
    }
}
