package org.hyakuyobako.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hyakuyobako.testing.Corpus;

/**
 * The OASIS STIX 2.1 JSON schemas of the shared corpus (draft 2020-12), their http ids mapped to
 * the local copies so nothing is fetched. A bundle is checked against bundle.json and every
 * object again against its own type's schema: bundle.json lets an object through its
 * "custom object" branch when a known type is malformed in a way the oneOf cannot pin down, so
 * only the per-type check proves each object right.
 */
public final class StixSchemas {
    static final String PREFIX = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";
    private final Path root = Corpus.root().resolve("stix2-json-schemas/schemas");
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemas(this::local));
    private final Map<String, Schema> byType = new HashMap<>();

    /** Every schema violation of the bundle and of its objects, as "where: message" lines; empty when valid. */
    public List<String> violations(JsonNode bundle) {
        List<String> out = new ArrayList<>();
        for (Error e : schema("common/bundle.json").validate(bundle)) {
            out.add("bundle " + e.getInstanceLocation() + ": " + e.getMessage());
        }
        int index = 0;
        for (JsonNode o : bundle.path("objects")) {
            String type = o.path("type").asText();
            String file = schemaFile(type);
            if (file == null) {
                out.add("objects[" + index + "]: no schema for type '" + type + "'");
            } else {
                for (Error e : byType.computeIfAbsent(file, this::schema).validate(o)) {
                    out.add("objects[" + index + "] (" + type + ") " + e.getInstanceLocation() + ": " + e.getMessage());
                }
            }
            index++;
        }
        return out;
    }

    /** The text of a schema under the OASIS prefix, read from the corpus; null (not ours) otherwise. */
    private String local(String iri) {
        if (!iri.startsWith(PREFIX)) {
            return null;
        }
        Path file = root.resolve(iri.substring(PREFIX.length()).replaceFirst("#.*$", "")).normalize();
        if (!file.startsWith(root)) {
            return null;
        }
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Schema schema(String relative) {
        return registry.getSchema(SchemaLocation.of(PREFIX + relative));
    }

    private String schemaFile(String type) {
        for (String folder : List.of("sdos", "sros", "observables", "common")) {
            if (Files.isRegularFile(root.resolve(folder).resolve(type + ".json"))) {
                return folder + "/" + type + ".json";
            }
        }
        return null;
    }
}
