package org.hyakuyobako.detect.blacklist;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a shared JSON file into a tree within bounds: shared files come from other organisations
 * and the Internet, so a huge file, a deeply nested one or a giant string is refused with a
 * message instead of exhausting memory or the stack. The file size bounds the tree (a tree costs
 * some ten times its text), the rest are Jackson's read constraints. Duplicate keys are an error:
 * two "pattern"s in one indicator would make the reading depend on which one a tool picks.
 */
final class IntelJson {
    /** Larger than any MISP event or warning list we know of (the biggest warning list is 2 MB). */
    static final long MAX_BYTES = 64L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(1_000_000)
                    .maxNumberLength(40)
                    .maxNameLength(1_000)
                    .maxDocumentLength(MAX_BYTES)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private IntelJson() {
    }

    /** The file's tree; an IOException whose message is one clear line about what is wrong. */
    static JsonNode read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IOException(String.format("%,d bytes, more than the %,d a shared file may have", size, MAX_BYTES));
        }
        try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
            JsonNode tree = JSON.readTree(p);
            if (tree == null || tree.isMissingNode()) {
                throw new IOException("empty file");
            }
            if (p.nextToken() != null) {
                throw new IOException("more than one JSON value");
            }
            return tree;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var where = e.getLocation();
            String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage().strip();
            // Jackson's messages can quote the offending text over several lines; the user gets one.
            message = message.replaceAll("\\s+", " ");
            if (message.length() > 200) {
                message = message.substring(0, 200) + "...";
            }
            throw new IOException("not valid JSON: " + message + (where == null || where.getLineNr() < 0 ? ""
                    : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"), e);
        }
    }

    /** A text field, or null when missing or not a string (shared files get types wrong). */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.textValue() : null;
    }
}
