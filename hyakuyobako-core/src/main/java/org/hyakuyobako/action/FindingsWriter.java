package org.hyakuyobako.action;

import java.io.IOException;
import java.io.Writer;

/**
 * One export format: Suricata/Snort rules, a firewall's lines, a DNS zone, a STIX bundle, a MISP
 * event. Each reads the same {@link Findings}, so the files agree with one another and with the
 * web UI's downloads, and each escapes or refuses hostile strings itself (they come from traffic).
 */
public interface FindingsWriter {
    /** The short name users pick with {@code --what}: rules, firewall, rpz, stix, misp, ... */
    String kind();

    /** The file it writes into the export folder, e.g. {@code hyakuyobako.rules}. */
    String fileName();

    /** The HTTP content type of the file, for the web UI's downloads. */
    String contentType();

    /**
     * Writes the findings. Indicators the format cannot hold safely are left out and counted in
     * {@code refused}, never written half-escaped.
     */
    void write(Findings findings, ExportSettings settings, Writer out, RefusedIndicators refused) throws IOException;
}
