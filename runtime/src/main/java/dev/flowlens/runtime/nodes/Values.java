package dev.flowlens.runtime.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.runtime.value.Classification;
import dev.flowlens.runtime.value.Classifications;
import dev.flowlens.runtime.value.Detection;
import dev.flowlens.runtime.value.Detections;
import dev.flowlens.runtime.value.ImageValue;
import dev.flowlens.runtime.value.ItemError;
import dev.flowlens.runtime.value.Table;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/** Conversions between the runtime's values, JSON and table cells, shared by the data and output nodes. */
public final class Values {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Files people read: two-space indent, one array element per line, "key": value. */
    private static final com.fasterxml.jackson.databind.ObjectWriter PRETTY = MAPPER.writer(
            new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
                    .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER))
                    .withArrayIndenter(com.fasterxml.jackson.core.util.DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));

    private Values() {
    }

    /** Pretty JSON text ending in a newline, as written to files. */
    public static String pretty(JsonNode json) {
        try {
            return PRETTY.writeValueAsString(json) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Any runtime value as JSON: tables as arrays of row objects, images by name and size, errors as objects. */
    public static JsonNode toJson(Object value) {
        if (value == null) {
            return F.nullNode();
        }
        if (value instanceof JsonNode j) {
            return j;
        }
        if (value instanceof String s) {
            return F.textNode(s);
        }
        if (value instanceof Long || value instanceof Integer) {
            return F.numberNode(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return F.numberNode(n.doubleValue());
        }
        if (value instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (value instanceof Path p) {
            return F.textNode(p.toString());
        }
        if (value instanceof ItemError e) {
            return F.objectNode().put("item", e.item()).put("error", e.message()).put("node", e.node());
        }
        if (value instanceof ImageValue img) {
            ObjectNode o = F.objectNode().put("name", img.name()).put("width", img.width()).put("height", img.height());
            img.sourceFile().ifPresent(p -> o.put("source", p.toString()));
            return o;
        }
        if (value instanceof Table t) {
            ArrayNode rows = F.arrayNode();
            for (Map<String, Object> row : t.rows()) {
                ObjectNode o = rows.addObject();
                for (String c : t.columns()) {
                    o.set(c, toJson(row.get(c)));
                }
            }
            return rows;
        }
        if (value instanceof Classifications cs) {
            ArrayNode a = F.arrayNode();
            for (Classification c : cs.items()) {
                a.addObject().put("label", c.label()).put("score", c.score());
            }
            return a;
        }
        if (value instanceof Detections ds) {
            ObjectNode o = F.objectNode().put("image_width", ds.imageWidth()).put("image_height", ds.imageHeight());
            ArrayNode a = o.putArray("items");
            for (Detection d : ds.items()) {
                a.addObject().put("label", d.label()).put("score", d.score()).put("x", d.x()).put("y", d.y())
                        .put("width", d.width()).put("height", d.height());
            }
            return o;
        }
        if (value instanceof Collection<?> list) {
            ArrayNode a = F.arrayNode();
            list.forEach(v -> a.add(toJson(v)));
            return a;
        }
        return F.textNode(value.toString());
    }

    /** A JSON value as a table cell: scalars as String/Long/Double/Boolean, null as null, the rest as JSON text. */
    public static Object toCell(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.toString();
    }

    /** A cell or plain value as text for comparisons and templates ("" for null). */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof JsonNode j) {
            return j.isValueNode() ? j.asText() : j.toString();
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return value.toString();
    }

    /** The name an item is reported under: an image's name, a file's name, or the text itself. */
    public static String itemName(Object value) {
        if (value instanceof ImageValue img) {
            return img.name();
        }
        if (value instanceof Path p) {
            return p.getFileName() == null ? p.toString() : p.getFileName().toString();
        }
        if (value instanceof ItemError e) {
            return e.item();
        }
        return text(value);
    }
}
