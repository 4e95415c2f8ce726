package org.hyakuyobako.web;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import org.hyakuyobako.action.ExportFormats;
import org.hyakuyobako.action.ExportSettings;
import org.hyakuyobako.action.Exporter;
import org.hyakuyobako.action.Findings;
import org.hyakuyobako.action.FindingsReader;
import org.hyakuyobako.action.FindingsWriter;
import org.hyakuyobako.net.DnsNames;

/**
 * The downloads of {@code hyakuyobako export} in the browser, for the whole run or one host: the
 * same reader and writers, so a file from the web UI equals the one the command writes.
 */
final class ExportDownload {
    /** A file to send: its name, type and text. */
    record File(String name, String contentType, String text) {
    }

    private final ResultStore store;

    ExportDownload(ResultStore store) {
        this.store = store;
    }

    File get(String kind, String host, String minVerdict, String sinkhole) throws SQLException, IOException {
        FindingsWriter writer = ExportFormats.byName(kind);
        if (writer == null) {
            throw new IllegalArgumentException("unknown export '" + kind + "'; choose from " + String.join(", ", ExportFormats.names()));
        }
        if (host != null && !DnsNames.isAddressLiteral(host)) {
            throw new IllegalArgumentException("host: not an IP address");
        }
        String level = minVerdict == null || minVerdict.isBlank() ? "infected" : minVerdict;
        FindingsReader.verdictsAtLeast(level);
        ExportSettings settings = new ExportSettings(ExportSettings.DEFAULT_FIRST_SID, ExportSettings.DEFAULT_LAST_SID,
                sinkhole == null || sinkhole.isBlank() || sinkhole.equalsIgnoreCase("nxdomain") ? null : sinkhole,
                ExportSettings.DEFAULT_PRODUCER, Instant.now());
        String runName = store.dir().getFileName() == null ? "hyakuyobako" : store.dir().getFileName().toString();
        Findings all = store.read(c -> new FindingsReader().read(c, runName, level));
        Findings findings = host == null ? all : all.forHost(host);
        String name = host == null ? writer.fileName() : host.replace(':', '_') + "-" + writer.fileName();
        return new File(name, writer.contentType(), new Exporter().render(writer, findings, settings));
    }
}
