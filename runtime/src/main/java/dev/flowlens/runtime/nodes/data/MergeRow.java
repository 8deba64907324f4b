package dev.flowlens.runtime.nodes.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.nodes.Values;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Joins what several nodes said about one item into one JSON row: the item's name first (from the image or
 * file input; two typed inputs rather than one "any", so lists of them fan out like the others), then the fields of up to three JSON objects (later ones win on equal names), then a text and a
 * number under names of the user's choice.
 */
public final class MergeRow implements NodeType {
    private static final List<String> JSON_INPUTS = List.of("json1", "json2", "json3");

    private static final NodeSpec SPEC = NodeSpec.builder("data.merge_row", "Merge into row", "data")
            .description("Merges JSON objects, a text and a number into one row, named after the item.")
            .input(InputSpec.optional("image", PortType.IMAGE, "Its name becomes the item column"))
            .input(InputSpec.optional("file", PortType.FILE_PATH, "Its file name becomes the item column"))
            .input(InputSpec.optional("json1", PortType.JSON, "An object whose fields join the row"))
            .input(InputSpec.optional("json2", PortType.JSON, "An object whose fields join the row"))
            .input(InputSpec.optional("json3", PortType.JSON, "An object whose fields join the row"))
            .input(InputSpec.optional("text", PortType.TEXT, "A text for the text column"))
            .input(InputSpec.optional("number", PortType.NUMBER, "A number for the number column"))
            .param(ParamSpec.TextParam.of("item_column", "Item column", "item", "Column for the item's name"))
            .param(ParamSpec.TextParam.of("text_column", "Text column", "text", "Column for the text input"))
            .param(ParamSpec.TextParam.of("number_column", "Number column", "value", "Column for the number input"))
            .output(OutputSpec.of("row", PortType.JSON, "One JSON object"))
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) {
        Params p = input.params();
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        input.optional("image", Object.class).or(() -> input.optional("file", Object.class))
                .ifPresent(item -> row.put(column(p, "item_column", "item"), Values.itemName(item)));
        for (String name : JSON_INPUTS) {
            Optional<JsonNode> json = input.optional(name, JsonNode.class);
            if (json.isEmpty()) {
                continue;
            }
            if (json.get().isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = json.get().fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    row.set(e.getKey(), e.getValue());
                }
            } else {
                row.set(name, json.get());
            }
        }
        input.optional("text", String.class).ifPresent(t -> row.put(column(p, "text_column", "text"), t));
        input.optional("number", Object.class).ifPresent(n -> row.set(column(p, "number_column", "value"),
                Values.toJson(n)));
        return Map.of("row", row);
    }

    private static String column(Params p, String param, String fallback) {
        String c = p.text(param).strip();
        return c.isEmpty() ? fallback : c;
    }
}
