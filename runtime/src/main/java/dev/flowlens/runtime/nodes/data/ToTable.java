package dev.flowlens.runtime.nodes.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.nodes.Values;
import dev.flowlens.runtime.value.ItemError;
import dev.flowlens.runtime.value.Table;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects JSON rows into a table. Nested objects become dotted columns ({@code product.color}); arrays
 * stay JSON text. A failed item becomes a row with its name in the item column and the reason in the
 * error column, so a report shows every item, the bad ones too.
 */
public final class ToTable implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("data.to_table", "Rows to table", "data")
            .description("Collects JSON rows (and failed items) into a table.")
            .input(InputSpec.required("rows", PortType.listOf(PortType.JSON), "One JSON object per item"))
            .param(ParamSpec.TextParam.of("item_column", "Item column", "item", "Where a failed item's name goes"))
            .param(ParamSpec.TextParam.of("error_column", "Error column", "error",
                    "Why an item failed; empty for items that worked"))
            .output(OutputSpec.of("table", PortType.TABLE, "One row per item"))
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) {
        List<?> items = input.get("rows", List.class);
        String itemColumn = input.params().text("item_column").isBlank() ? "item" : input.params().text("item_column");
        String errorColumn = input.params().text("error_column").isBlank() ? "error" : input.params().text("error_column");
        List<Map<String, Object>> rows = new ArrayList<>();
        int failed = 0;
        for (Object item : items) {
            Map<String, Object> row = new LinkedHashMap<>();
            if (item instanceof ItemError e) {
                row.put(itemColumn, e.item());
                row.put(errorColumn, e.message());
                failed++;
            } else if (item instanceof JsonNode j && j.isObject()) {
                flatten("", j, row);
            } else {
                row.put("value", item instanceof JsonNode j ? Values.toCell(j) : Values.text(item));
            }
            rows.add(row);
        }
        Set<String> columns = new LinkedHashSet<>();
        if (rows.stream().anyMatch(r -> r.containsKey(itemColumn))) {
            columns.add(itemColumn);
        }
        rows.forEach(r -> columns.addAll(r.keySet()));
        columns.remove(errorColumn);
        columns.add(errorColumn);
        if (failed > 0) {
            context.log(failed + " of " + items.size() + " items failed; they are rows with an " + errorColumn + " value");
        }
        return Map.of("table", new Table(List.copyOf(columns), rows));
    }

    private static void flatten(String prefix, JsonNode object, Map<String, Object> row) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            if (e.getValue().isObject() && !e.getValue().isEmpty()) {
                flatten(key + ".", e.getValue(), row);
            } else {
                row.put(key, Values.toCell(e.getValue()));
            }
        }
    }
}
