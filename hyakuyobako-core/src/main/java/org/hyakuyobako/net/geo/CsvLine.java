package org.hyakuyobako.net.geo;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of the published CSV tables: comma-separated, a field in double quotes may hold
 * commas and doubled quotes ({@code "Cloudflare, Inc."}). The data comes from the network, so a
 * malformed line is refused rather than guessed at.
 */
final class CsvLine {
    private CsvLine() {
    }

    /** The fields, or null when the line is malformed (an unclosed quote, text after a closing quote). */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>(4);
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            if (i < n && line.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (!closed || i < n && line.charAt(i) != ',') {
                    return null;
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }
}
