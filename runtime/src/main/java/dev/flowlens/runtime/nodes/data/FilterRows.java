package dev.flowlens.runtime.nodes.data;

import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.value.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Splits a table's rows by a condition such as {@code score > 0.5 and label == cat} (see {@link RowCondition}). */
public final class FilterRows implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("data.filter_rows", "Filter rows", "data")
            .description("Keeps the rows that match a condition, e.g. score > 0.5 and error is empty.")
            .input(InputSpec.required("table", PortType.TABLE, "The table"))
            .param(ParamSpec.TextParam.requiredText("condition", "Condition",
                    "column op value with ==, !=, >, >=, <, <=, contains, is empty, is not empty; "
                            + "combine with and, or, not, ( )"))
            .output(OutputSpec.of("table", PortType.TABLE, "The rows that match"))
            .output(OutputSpec.of("rejected", PortType.TABLE, "The rows that do not"))
            .output(OutputSpec.of("count", PortType.INTEGER, "How many rows match"))
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
        Table table = input.get("table", Table.class);
        RowCondition condition = RowCondition.forTable(table, input.params().text("condition"), context);
        List<Map<String, Object>> kept = new ArrayList<>();
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (Map<String, Object> row : table.rows()) {
            (condition.test(row) ? kept : rejected).add(row);
        }
        context.log(kept.size() + " of " + table.size() + " rows match " + condition);
        return Map.of("table", new Table(table.columns(), kept), "rejected", new Table(table.columns(), rejected),
                "count", (long) kept.size());
    }
}
