package org.hyakuyobako.action;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hyakuyobako.testing.Corpus;

/**
 * A MISP event as the MISP core format documents it (misp-format/misp-core-format.md in the
 * corpus), read with Jackson so that a field the format does not document is an error, and the
 * format's own table of valid category/type pairs.
 */
public record MispDocument(@JsonProperty("Event") Event event) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public record Org(String name, String uuid) {
    }

    public record Tag(String name, String colour, boolean exportable) {
    }

    public record Event(String uuid, String info, String date, String threat_level_id, String analysis, String distribution,
                        String sharing_group_id, boolean published, String timestamp, String publish_timestamp,
                        String attribute_count, @JsonProperty("Orgc") Org orgc, @JsonProperty("Tag") List<Tag> tags,
                        @JsonProperty("Attribute") List<Attribute> attributes, @JsonProperty("Object") List<MispObject> objects) {
        /** The top-level attributes and those of every object. */
        public List<Attribute> allAttributes() {
            return Stream.concat(attributes.stream(), objects.stream().flatMap(o -> o.attributes().stream())).toList();
        }
    }

    public record Attribute(String uuid, String type, String category, boolean to_ids, String object_relation, String value,
                            String comment, String distribution, String sharing_group_id, String timestamp, boolean deleted,
                            String first_seen, String last_seen, @JsonProperty("Tag") List<Tag> tags) {
    }

    public record MispObject(String uuid, String name, @JsonProperty("meta-category") String metaCategory, String description,
                             String template_uuid, String template_version, String comment, String distribution,
                             String sharing_group_id, String timestamp, boolean deleted, String first_seen, String last_seen,
                             @JsonProperty("Attribute") List<Attribute> attributes, @JsonProperty("Tag") List<Tag> tags) {
    }

    public static MispDocument parse(String json) throws IOException {
        return JSON.readValue(json, MispDocument.class);
    }

    /** Category to its valid types, from the format document's table. */
    public static Map<String, Set<String>> validTypes() throws IOException {
        String doc = Files.readString(Corpus.file("misp-format/misp-core-format.md"));
        String table = doc.substring(doc.indexOf("The list of valid category-type combinations is as follows:"),
                doc.indexOf("Attributes are based on the usage"));
        Map<String, Set<String>> out = new HashMap<>();
        String[] lines = table.split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].startsWith(":   ")) {
                out.put(lines[i - 1].trim(), Arrays.stream(lines[i].substring(4).split(",")).map(String::trim).collect(Collectors.toSet()));
            }
        }
        if (out.size() < 15) {
            throw new IllegalStateException("the category table was not read: " + out.keySet());
        }
        return out;
    }

    /** Every attribute whose category does not allow its type, as "category / type: value". */
    public List<String> invalidPairs() throws IOException {
        Map<String, Set<String>> valid = validTypes();
        return event.allAttributes().stream().filter(a -> !valid.getOrDefault(a.category(), Set.of()).contains(a.type()))
                .map(a -> a.category() + " / " + a.type() + ": " + a.value()).toList();
    }
}
