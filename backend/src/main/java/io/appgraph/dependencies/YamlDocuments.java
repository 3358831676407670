package io.appgraph.dependencies;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads YAML as the platform writes it: several documents separated by {@code ---} (empty
 * ones ignored), each a mapping. Documents are numbered from 0 in the order they appear,
 * and every problem names its document and line.
 */
public final class YamlDocuments {

    // SnakeYAML stops at 3 MiB per document, less than a large cluster's kubectl List;
    // the
    // body's size is bounded already (appgraph.http.max-import-size). Its other limits
    // stay: 50 aliases per collection ("billion laughs"), and Jackson's nesting depth.
    private static final ObjectMapper yaml = YAMLMapper
        .builder(YAMLFactory.builder()
            .loadSettings(LoadSettings.builder().setCodePointLimit(Integer.MAX_VALUE).build())
            .build())
        .build();

    private YamlDocuments() {
    }

    /** Every document of {@code body}, each a mapping. */
    public static List<JsonNode> read(byte[] body) {
        List<JsonNode> documents = new ArrayList<>();
        each(body, false, (index, document) -> documents.add(document));
        return documents;
    }

    /**
     * Hands each document to {@code consumer} as it is read, without holding the others.
     * With {@code expandLists}, a document that is a list of items ({@code kind: List} or
     * {@code kind: XList}, as {@code kubectl get -o yaml} prints it) hands over its items
     * one by one instead, each numbered as a document of its own; the list itself is
     * never held whole.
     */
    public static void each(byte[] body, boolean expandLists, BiConsumer<Integer, ObjectNode> consumer) {
        int index = 0;
        try (JsonParser parser = yaml.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.VALUE_NULL
                        || (token == JsonToken.VALUE_STRING && parser.getString().isBlank())) {
                    continue; // an empty document
                }
                if (token != JsonToken.START_OBJECT) {
                    throw refused(index, parser.currentLocation(), "is not a mapping (found " + describe(token) + ")");
                }
                if (expandLists) {
                    index = readExpandingItems(parser, index, consumer);
                }
                else {
                    ObjectNode document = parser.readValueAsTree();
                    consumer.accept(index++, document);
                }
            }
        }
        catch (JacksonException ex) {
            throw refused(index, ex.getLocation(), "is not valid YAML: " + ex.getOriginalMessage());
        }
    }

    // Reads one document whose START_OBJECT is current: its "items" are handed over one
    // at a time; a document without items is handed over whole.
    private static int readExpandingItems(JsonParser parser, int index, BiConsumer<Integer, ObjectNode> consumer) {
        ObjectNode rest = yaml.createObjectNode();
        boolean hasItems = false;
        int first = index;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("items".equals(field) && value == JsonToken.START_ARRAY) {
                hasItems = true;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (parser.currentToken() != JsonToken.START_OBJECT) {
                        throw refused(index, parser.currentLocation(), "is a list item that is not a mapping");
                    }
                    ObjectNode item = parser.readValueAsTree();
                    String listKind = rest.path("kind").asString("");
                    if (!item.has("kind") && listKind.length() > "List".length() && listKind.endsWith("List")) {
                        item.put("kind", listKind.substring(0, listKind.length() - "List".length()));
                    }
                    consumer.accept(index++, item);
                }
            }
            else {
                rest.set(field, parser.readValueAsTree());
            }
        }
        if (hasItems) {
            String kind = rest.path("kind").asString("");
            if (!kind.endsWith("List")) {
                throw refused(first, parser.currentLocation(), "has items but its kind is '" + kind
                        + "', not List: send a List as kubectl prints it, or one manifest per document");
            }
            return index;
        }
        consumer.accept(index, rest);
        return index + 1;
    }

    private static ImportRefusedException refused(int index, TokenStreamLocation where, String problem) {
        String line = (where != null && where.getLineNr() > 0) ? " (line " + where.getLineNr() + ")" : "";
        return new ImportRefusedException("Invalid YAML", List.of("document " + index + line + " " + problem));
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "a sequence";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> token.name();
        };
    }

}
