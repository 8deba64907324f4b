package dev.flowlens.runtime.nodes.data;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.nodes.Failures;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Picks fields out of JSON with JSON Pointers (RFC 6901): {@code category=/category,color=/product/color}
 * gives {@code {"category": ..., "color": ...}}; a bare pointer {@code /color} is named after its last part.
 */
public final class JsonExtract implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("data.json_extract", "Extract JSON fields", "data")
            .description("Picks named fields out of JSON with JSON Pointers.")
            .input(InputSpec.required("json", PortType.JSON, "The JSON to read from"))
            .param(ParamSpec.TextParam.requiredText("fields", "Fields",
                    "name=/pointer pairs separated by commas, e.g. category=/category,color=/color"))
            .param(ParamSpec.BoolParam.of("required", "Fields are required", false,
                    "Fail when a pointer finds nothing (otherwise the field is null)"))
            .output(OutputSpec.of("json", PortType.JSON, "An object with the named fields"))
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
        JsonNode json = input.get("json", JsonNode.class);
        Map<String, JsonPointer> fields = parseFields(input.params().text("fields"), context);
        boolean required = input.params().bool("required");
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonPointer> f : fields.entrySet()) {
            JsonNode value = json.at(f.getValue());
            if (value.isMissingNode()) {
                if (required) {
                    throw new NodeFailure("field " + f.getKey() + ": nothing at " + f.getValue() + " in " + preview(json));
                }
                out.putNull(f.getKey());
            } else {
                out.set(f.getKey(), value);
            }
        }
        return Map.of("json", out);
    }

    static Map<String, JsonPointer> parseFields(String text, NodeContext context) throws NodeFailure {
        Map<String, JsonPointer> fields = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String pointer = eq >= 0 ? p.substring(eq + 1).strip() : p;
            if (!pointer.startsWith("/")) {
                pointer = "/" + pointer;
            }
            JsonPointer jp;
            try {
                jp = JsonPointer.compile(pointer);
            } catch (IllegalArgumentException e) {
                throw Failures.of(context, "fields: \"" + pointer + "\" is not a JSON Pointer (" + e.getMessage() + ")");
            }
            String name = eq >= 0 ? p.substring(0, eq).strip() : lastPart(jp);
            if (name.isEmpty()) {
                throw Failures.of(context, "fields: \"" + p + "\" needs a name before '='");
            }
            if (fields.put(name, jp) != null) {
                throw Failures.of(context, "fields: the name \"" + name + "\" is used twice");
            }
        }
        if (fields.isEmpty()) {
            throw Failures.of(context, "fields: give at least one name=/pointer, e.g. category=/category");
        }
        return fields;
    }

    private static String lastPart(JsonPointer jp) {
        String s = jp.toString();
        return s.substring(s.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
    }

    private static String preview(JsonNode json) {
        String s = json.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
