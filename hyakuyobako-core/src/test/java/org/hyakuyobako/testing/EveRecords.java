package org.hyakuyobako.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EveContext;
import org.hyakuyobako.sink.EveJsonSink;

/**
 * A run's events as the eve.json records we write (through {@link EveJsonSink}, the production
 * writer), so peers' expectations on EVE fields are compared with what a user of eve.json reads,
 * not with our Java objects.
 */
public final class EveRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private EveRecords() {
    }

    /** Every event as one parsed eve.json line. */
    public static List<JsonNode> of(List<Event> events, List<String> sensorNames) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (EveJsonSink sink = new EveJsonSink(bytes, new EveContext(sensorNames, List.of()))) {
            for (Event e : events) {
                sink.accept(e);
            }
        }
        List<JsonNode> records = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                records.add(JSON.readTree(line));
            }
        }
        return records;
    }

    /**
     * The value at a suricata-verify style path: dots into objects, {@code [n]} into arrays
     * ("dns.authorities[0].soa.mname", "email.to[0]"). Null when any step is missing. A key that
     * itself contains a dot (none in EVE today) would not be found.
     */
    public static JsonNode at(JsonNode record, String path) {
        JsonNode n = record;
        for (String step : path.split("\\.")) {
            Matcher m = STEP.matcher(step);
            if (n == null || !m.matches()) {
                return null;
            }
            n = n.get(m.group(1));
            Matcher i = INDEX.matcher(m.group(2));
            while (n != null && i.find()) {
                n = n.isArray() ? n.get(Integer.parseInt(i.group(1))) : null;
            }
        }
        return n;
    }
}
