package dev.flowlens.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.model.Canvas;
import dev.flowlens.core.model.Edge;
import dev.flowlens.core.model.Frame;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.PortRef;
import dev.flowlens.core.model.Position;
import dev.flowlens.core.model.SecretRef;
import dev.flowlens.core.model.Viewport;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.model.WorkflowId;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes workflow files. The written form is pretty, keeps keys in a fixed order and parameters
 * sorted, so two saves of the same workflow are byte-identical and diffs stay small. Older format versions
 * are migrated on read; any problem becomes one {@link WorkflowFormatException} with line and column.
 */
public final class WorkflowCodec {
    /** A secret reference is written as {@code {"$secret": "env:NAME"}}: unmistakable, and never a value. */
    public static final String SECRET_KEY = "$secret";

    private static final List<Migration> MIGRATIONS = List.of(new V0ToV1());
    private static final long MAX_DOCUMENT_CHARS = 50L * 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private WorkflowCodec() {
    }

    // ---------------------------------------------------------------- writing

    public static String write(Workflow workflow) {
        try {
            // "\n" on every system: a file saved on Windows and one saved on Linux must be byte-identical.
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(indenter)
                    .withArrayIndenter(indenter);
            return MAPPER.writer(printer).writeValueAsString(toTree(workflow)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a workflow tree always serialises", e);
        }
    }

    /** The document as a JSON tree, in the written key order; for the HTTP API and clipboard. */
    public static ObjectNode toTree(Workflow workflow) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode doc = f.objectNode();
        doc.put("formatVersion", Workflow.FORMAT_VERSION);
        doc.put("id", workflow.id().value());
        doc.put("name", workflow.name());
        doc.put("description", workflow.description());
        ArrayNode nodes = doc.putArray("nodes");
        for (NodeInstance n : workflow.nodes()) {
            ObjectNode node = nodes.addObject();
            node.put("id", n.id().value());
            node.put("type", n.type());
            if (!n.title().isEmpty()) {
                node.put("title", n.title());
            }
            node.putObject("position").put("x", n.position().x()).put("y", n.position().y());
            ObjectNode params = node.putObject("params");
            n.params().forEach((k, v) -> params.set(k, valueToJson(v)));
        }
        ArrayNode edges = doc.putArray("edges");
        for (Edge e : workflow.edges()) {
            edges.addObject().put("from", e.from().toString()).put("to", e.to().toString());
        }
        ObjectNode canvas = doc.putObject("canvas");
        Viewport vp = workflow.canvas().viewport();
        canvas.putObject("viewport").put("zoom", vp.zoom()).put("x", vp.offsetX()).put("y", vp.offsetY());
        ArrayNode frames = canvas.putArray("frames");
        for (Frame fr : workflow.canvas().frames()) {
            ObjectNode frame = frames.addObject()
                    .put("id", fr.id()).put("title", fr.title())
                    .put("x", fr.x()).put("y", fr.y()).put("width", fr.width()).put("height", fr.height());
            if (fr.color() != null) {
                frame.put("color", fr.color());
            }
            fr.extra().forEach(frame::set);
        }
        return doc;
    }

    public static JsonNode valueToJson(ParamValue v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v instanceof ParamValue.Text t) {
            return f.textNode(t.value());
        } else if (v instanceof ParamValue.Int i) {
            return f.numberNode(i.value());
        } else if (v instanceof ParamValue.Num n) {
            return f.numberNode(n.value());
        } else if (v instanceof ParamValue.Bool b) {
            return f.booleanNode(b.value());
        } else if (v instanceof ParamValue.Secret s) {
            return f.objectNode().put(SECRET_KEY, s.ref().toString());
        }
        return ((ParamValue.Json) v).value();
    }

    // ---------------------------------------------------------------- reading

    public static Workflow read(Path file) throws WorkflowFormatException, IOException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (Files.size(file) > MAX_DOCUMENT_CHARS) {
            throw new WorkflowFormatException(name, 0, 0, "", "file is larger than 50 MB; is this a workflow?");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new WorkflowFormatException(name, 0, 0, "", "file is not UTF-8 text; is this a workflow?");
        }
        return read(text, name);
    }

    public static Workflow read(String text) throws WorkflowFormatException {
        return read(text, "workflow");
    }

    /** Reads a document; {@code source} names it in messages (a file name). */
    public static Workflow read(String text, String source) throws WorkflowFormatException {
        if (text.startsWith("\uFEFF")) {
            // Editors on Windows save UTF-8 with a byte order mark; it is not part of the JSON and no editor shows it.
            text = text.substring(1);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new WorkflowFormatException(source, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(),
                    "", "not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw new WorkflowFormatException(source, 0, 0, "", "the file is empty");
        }
        if (!(tree instanceof ObjectNode doc)) {
            throw new WorkflowFormatException(source, 1, 1, "", "expected a JSON object with \"nodes\" and \"edges\", got "
                    + kindOf(tree));
        }
        int version = doc.has("formatVersion") ? versionOf(doc, source, text) : 0;
        if (version > Workflow.FORMAT_VERSION) {
            int[] lc = locate(text, "/formatVersion");
            throw new WorkflowFormatException(source, lc[0], lc[1], "/formatVersion", "written by a newer FlowLens (format "
                    + version + "); this version reads formats up to " + Workflow.FORMAT_VERSION);
        }
        List<Migration> applied = new ArrayList<>();
        for (Migration m : MIGRATIONS) {
            if (m.fromVersion() >= version && m.fromVersion() < Workflow.FORMAT_VERSION) {
                doc = m.migrate(doc);
                applied.add(0, m);
            }
        }
        try {
            return fromTree(doc);
        } catch (Problem p) {
            int[] lc = locate(text, p.pointer);
            if (lc[0] == 0 && !applied.isEmpty()) {
                // Not in the text as written: the migration moved it; look where it came from.
                String before = p.pointer;
                for (Migration m : applied) {
                    before = m.pointerBefore(before);
                }
                lc = locate(text, before);
            }
            throw new WorkflowFormatException(source, lc[0], lc[1], p.pointer, p.getMessage());
        }
    }

    /** Reads a workflow from a JSON tree already parsed (the HTTP API's request body). */
    public static Workflow fromJson(JsonNode tree) throws WorkflowFormatException {
        if (!(tree instanceof ObjectNode)) {
            throw new WorkflowFormatException("workflow", 0, 0, "", "expected a JSON object, got " + kindOf(tree));
        }
        return read(tree.toString(), "workflow");
    }

    private static int versionOf(ObjectNode doc, String source, String text) throws WorkflowFormatException {
        JsonNode v = doc.get("formatVersion");
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0) {
            int[] lc = locate(text, "/formatVersion");
            throw new WorkflowFormatException(source, lc[0], lc[1], "/formatVersion",
                    "formatVersion must be a whole number, got " + v);
        }
        return v.intValue();
    }

    private static Workflow fromTree(ObjectNode doc) {
        WorkflowId id;
        try {
            String idText = optionalText(doc, "id", "", "");
            id = idText.isBlank() ? WorkflowId.random() : new WorkflowId(idText);
        } catch (IllegalArgumentException e) {
            throw new Problem("/id", e.getMessage());
        }
        String name = optionalText(doc, "name", "", "");
        String description = optionalText(doc, "description", "", "");
        List<NodeInstance> nodes = new ArrayList<>();
        ArrayNode nodeArray = array(doc, "nodes", "", true);
        for (int i = 0; i < nodeArray.size(); i++) {
            nodes.add(node(nodeArray.get(i), "/nodes/" + i));
        }
        List<Edge> edges = new ArrayList<>();
        ArrayNode edgeArray = array(doc, "edges", "", false);
        for (int i = 0; i < edgeArray.size(); i++) {
            edges.add(edge(edgeArray.get(i), "/edges/" + i));
        }
        Canvas canvas = doc.has("canvas") ? canvas(doc.get("canvas"), "/canvas") : Canvas.EMPTY;
        return new Workflow(id, name, description, nodes, edges, canvas);
    }

    private static NodeInstance node(JsonNode n, String at) {
        ObjectNode obj = object(n, at, "a node object");
        NodeId id;
        try {
            id = NodeId.of(requiredText(obj, "id", at));
        } catch (IllegalArgumentException e) {
            throw new Problem(at + "/id", e.getMessage());
        }
        String type = requiredText(obj, "type", at);
        String title = optionalText(obj, "title", at, "");
        Position position = obj.has("position") ? position(obj.get("position"), at + "/position") : Position.ORIGIN;
        Map<String, ParamValue> params = new TreeMap<>();
        if (obj.has("params") && !obj.get("params").isNull()) {
            ObjectNode p = object(obj.get("params"), at + "/params", "an object of parameter values");
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull()) {
                    params.put(e.getKey(), paramValue(e.getValue(), at + "/params/" + escape(e.getKey())));
                }
            }
        }
        return new NodeInstance(id, type, title, params, position);
    }

    private static ParamValue paramValue(JsonNode v, String at) {
        if (v.isTextual()) {
            return new ParamValue.Text(v.textValue());
        } else if (v.isBoolean()) {
            return new ParamValue.Bool(v.booleanValue());
        } else if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw new Problem(at, "whole number " + v + " is too large");
            }
            return new ParamValue.Int(v.longValue());
        } else if (v.isNumber()) {
            double d = v.doubleValue();
            if (!Double.isFinite(d)) {
                // The tree holds Infinity by now, which is not what the file says: describe it instead.
                throw new Problem(at, "number is too large (the largest is about 1.8e308)");
            }
            return new ParamValue.Num(d);
        } else if (v.isObject() && v.size() == 1 && v.has(SECRET_KEY)) {
            JsonNode ref = v.get(SECRET_KEY);
            if (!ref.isTextual()) {
                throw new Problem(at, "a secret reference must be text such as \"env:API_KEY\"");
            }
            try {
                return new ParamValue.Secret(SecretRef.parse(ref.textValue()));
            } catch (IllegalArgumentException e) {
                // Never echo the text: a person may have pasted the secret itself where its reference belongs.
                throw new Problem(at, "a secret reference must look like \"env:API_KEY\" or \"keystore:NAME\" "
                        + "(letters, digits, '_', '.' or '-' after the colon); the file must not hold the secret itself");
            }
        }
        return new ParamValue.Json(v);
    }

    private static Edge edge(JsonNode n, String at) {
        ObjectNode obj = object(n, at, "a wire like {\"from\": \"load.image\", \"to\": \"resize.image\"}");
        PortRef from = portRef(requiredText(obj, "from", at), at + "/from");
        PortRef to = portRef(requiredText(obj, "to", at), at + "/to");
        return new Edge(from, to);
    }

    private static PortRef portRef(String text, String at) {
        try {
            return PortRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Problem(at, e.getMessage());
        }
    }

    private static Position position(JsonNode n, String at) {
        ObjectNode obj = object(n, at, "a position like {\"x\": 0, \"y\": 0}");
        return new Position(number(obj, "x", at, 0), number(obj, "y", at, 0));
    }

    /** The frame fields this version reads; any other field of a frame object is kept as it is. */
    private static final java.util.Set<String> FRAME_FIELDS = java.util.Set.of("id", "title", "x", "y", "width", "height", "color");

    private static Canvas canvas(JsonNode n, String at) {
        ObjectNode obj = object(n, at, "a canvas object");
        Viewport viewport = Viewport.DEFAULT;
        if (obj.has("viewport")) {
            ObjectNode vp = object(obj.get("viewport"), at + "/viewport", "a viewport object");
            double zoom = number(vp, "zoom", at + "/viewport", 1.0);
            if (!(zoom > 0)) {
                throw new Problem(at + "/viewport/zoom", "zoom must be greater than 0, got " + zoom);
            }
            viewport = new Viewport(zoom, number(vp, "x", at + "/viewport", 0), number(vp, "y", at + "/viewport", 0));
        }
        List<Frame> frames = new ArrayList<>();
        ArrayNode frameArray = array(obj, "frames", at, false);
        for (int i = 0; i < frameArray.size(); i++) {
            String fat = at + "/frames/" + i;
            ObjectNode fr = object(frameArray.get(i), fat, "a frame object");
            Map<String, JsonNode> extra = new TreeMap<>();
            fr.fields().forEachRemaining(field -> {
                if (!FRAME_FIELDS.contains(field.getKey())) {
                    extra.put(field.getKey(), field.getValue());
                }
            });
            try {
                frames.add(new Frame(requiredText(fr, "id", fat), optionalText(fr, "title", fat, ""),
                        number(fr, "x", fat, 0), number(fr, "y", fat, 0),
                        number(fr, "width", fat, 0), number(fr, "height", fat, 0),
                        optionalText(fr, "color", fat, null), extra));
            } catch (IllegalArgumentException e) {
                throw new Problem(fat, e.getMessage());
            }
        }
        return new Canvas(frames, viewport);
    }

    // ---------------------------------------------------------------- small readers

    private static ObjectNode object(JsonNode n, String at, String expected) {
        if (n instanceof ObjectNode o) {
            return o;
        }
        throw new Problem(at, "expected " + expected + ", got " + kindOf(n));
    }

    private static ArrayNode array(ObjectNode parent, String field, String at, boolean required) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new Problem(at.isEmpty() ? "/" + field : at, "missing \"" + field + "\" (a list)");
            }
            return JsonNodeFactory.instance.arrayNode();
        }
        if (n instanceof ArrayNode a) {
            return a;
        }
        throw new Problem(at + "/" + field, "\"" + field + "\" must be a list, got " + kindOf(n));
    }

    private static String requiredText(ObjectNode parent, String field, String at) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            throw new Problem(at, "missing \"" + field + "\"");
        }
        if (!n.isTextual()) {
            throw new Problem(at + "/" + field, "\"" + field + "\" must be text, got " + kindOf(n));
        }
        return n.textValue();
    }

    private static String optionalText(ObjectNode parent, String field, String at, String fallback) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isTextual()) {
            // The pointer names this field of this object: a node's title is at /nodes/2/title, not /title.
            throw new Problem(at + "/" + field, "\"" + field + "\" must be text, got " + kindOf(n));
        }
        return n.textValue();
    }

    private static double number(ObjectNode parent, String field, String at, double fallback) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
            throw new Problem(at + "/" + field, "\"" + field + "\" must be a number, got " + kindOf(n));
        }
        return n.doubleValue();
    }

    private static String kindOf(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        String text = n.toString();
        String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
        return switch (n.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "a list";
            case STRING -> "text " + shown;
            case NUMBER -> "the number " + shown;
            case BOOLEAN -> shown;
            case NULL -> "null";
            default -> shown;
        };
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** Finds where the value at a JSON pointer starts in the text; {0, 0} when it cannot. */
    private static int[] locate(String text, String pointer) {
        if (pointer == null || pointer.isEmpty()) {
            return new int[] {0, 0};
        }
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    continue;
                }
                String here = parser.getParsingContext().pathAsPointer().toString();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    here = parser.getParsingContext().getParent() == null ? ""
                            : parser.getParsingContext().getParent().pathAsPointer().toString();
                }
                if (here.equals(pointer)) {
                    JsonLocation loc = parser.currentTokenLocation();
                    return new int[] {loc.getLineNr(), loc.getColumnNr()};
                }
            }
        } catch (IOException e) {
            // The text parsed once already; a failure here only costs the location.
        }
        return new int[] {0, 0};
    }

    /** A reading problem at a JSON pointer; turned into a {@link WorkflowFormatException} at the top. */
    private static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String pointer;

        Problem(String pointer, String message) {
            super(message, null, false, false);
            this.pointer = pointer;
        }
    }
}
