package dev.flowlens.runtime.nodes.data;

import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeFlag;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A verdict for review: marks the rows that match a condition as flagged. Unlike {@link FilterRows} it keeps
 * every row (with a {@code flagged} column) for the report, and its flagged rows count as the run's flagged
 * items, which the run summary, history and alert rules ({@code --flagged-above}) see.
 */
public final class FlagRows implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("data.flag_rows", "Flag rows", "data")
            .description("Flags the rows that match a condition for review (e.g. mode == grayscale); the run "
                    + "counts them as flagged items, and alerts can fire on them.")
            .input(InputSpec.required("table", PortType.TABLE, "The table"))
            .param(ParamSpec.TextParam.requiredText("condition", "Condition",
                    "Rows that match are flagged: column op value with ==, !=, >, >=, <, <=, contains, is empty, "
                            + "is not empty; combine with and, or, not, ( )"))
            .param(ParamSpec.TextParam.of("reason", "Reason",
                    "", "Written into the flag_reason column of flagged rows, e.g. \"grey-level upload\""))
            .output(OutputSpec.of("table", PortType.TABLE, "Every row, with a flagged column (true/false)"))
            .output(OutputSpec.of(NodeSpec.FLAGGED_OUTPUT, PortType.TABLE, "The flagged rows only"))
            .output(OutputSpec.of("count", PortType.INTEGER, "How many rows are flagged"))
            .flag(NodeFlag.FLAGS_ITEMS)
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
        Table table = input.get("table", Table.class);
        RowCondition condition = RowCondition.forTable(table, input.params().text("condition"), context);
        String reason = input.params().text("reason").strip();

        List<String> columns = new ArrayList<>(table.columns());
        columns.remove("flagged");
        columns.add("flagged");
        List<String> flaggedColumns = new ArrayList<>(table.columns());
        if (!reason.isEmpty() && !flaggedColumns.contains("flag_reason")) {
            flaggedColumns.add("flag_reason");
        }
        List<Map<String, Object>> all = new ArrayList<>(table.size());
        List<Map<String, Object>> flagged = new ArrayList<>();
        for (Map<String, Object> row : table.rows()) {
            boolean match = condition.test(row);
            Map<String, Object> marked = new LinkedHashMap<>(row);
            marked.put("flagged", match);
            all.add(marked);
            if (match) {
                Map<String, Object> f = new LinkedHashMap<>(row);
                if (!reason.isEmpty()) {
                    f.put("flag_reason", reason);
                }
                flagged.add(f);
            }
        }
        context.log(flagged.size() + " of " + table.size() + " rows flagged by " + condition);
        return Map.of("table", new Table(columns, all), NodeSpec.FLAGGED_OUTPUT, new Table(flaggedColumns, flagged),
                "count", (long) flagged.size());
    }
}
