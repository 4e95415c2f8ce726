package org.hyakuyobako.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Zeek ASCII log (conn.log, ssl.log, rfb.log, tunnel.log ...) as Zeek writes it: tab-separated
 * rows named by the {@code #fields} header line, {@code -} for unset and {@code (empty)} for empty.
 * Baselines cut down with zeek-cut have no {@code #fields}; their first line names the columns.
 */
public record ZeekLog(List<String> fields, List<Map<String, String>> rows) {
    public static ZeekLog read(Path file) throws IOException {
        List<String> fields = null;
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("#fields\t")) {
                fields = Arrays.asList(line.substring("#fields\t".length()).split("\t"));
            } else if (!line.startsWith("#") && !line.isEmpty()) {
                if (fields == null) {
                    fields = Arrays.asList(line.split("\t"));
                    continue;
                }
                String[] values = line.split("\t", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < fields.size() && i < values.length; i++) {
                    row.put(fields.get(i), values[i]);
                }
                rows.add(row);
            }
        }
        if (fields == null) {
            throw new AssertionError(file + ": no #fields header and no column names");
        }
        return new ZeekLog(fields, rows);
    }
}
