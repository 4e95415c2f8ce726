package org.hyakuyobako.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

/** Lists written into one store column as JSON text (query them with DuckDB's json functions). */
final class JsonText {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonText() {
    }

    static String array(List<String> values) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartArray();
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
        return w.toString();
    }

    /** A flat object of string values, keys in order. */
    static String object(java.util.Map<String, String> values) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            for (java.util.Map.Entry<String, String> e : new java.util.TreeMap<>(values).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        return w.toString();
    }

    /** An array of objects, each written by {@code fields}. */
    static <T> String objects(List<T> values, Fields<T> fields) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartArray();
            for (T v : values) {
                g.writeStartObject();
                fields.write(g, v);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        return w.toString();
    }

    /** Writes one value's fields. */
    interface Fields<T> {
        void write(JsonGenerator g, T value) throws IOException;
    }
}
