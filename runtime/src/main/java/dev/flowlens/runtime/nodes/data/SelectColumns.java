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
import dev.flowlens.runtime.nodes.Failures;
import dev.flowlens.runtime.value.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps (and orders, and optionally renames) some columns of a table: {@code item,label=category,score}. */
public final class SelectColumns implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("data.select_columns", "Select columns", "data")
            .description("Keeps the named columns, in the order given; new=old renames.")
            .input(InputSpec.required("table", PortType.TABLE, "The table"))
            .param(ParamSpec.TextParam.requiredText("columns", "Columns",
                    "Comma-separated column names; write new=old to rename, e.g. item,label=category"))
            .output(OutputSpec.of("table", PortType.TABLE, "The table with only those columns"))
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
        Table table = input.get("table", Table.class);
        Map<String, String> picks = new LinkedHashMap<>(); // new name -> old name
        for (String part : input.params().text("columns").split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String newName = eq >= 0 ? p.substring(0, eq).strip() : p;
            String oldName = eq >= 0 ? p.substring(eq + 1).strip() : p;
            if (!table.columns().contains(oldName)) {
                throw Failures.of(context, "columns: the table has no column \"" + oldName + "\"; it has "
                        + String.join(", ", table.columns()));
            }
            if (picks.put(newName, oldName) != null) {
                throw Failures.of(context, "columns: \"" + newName + "\" is named twice");
            }
        }
        if (picks.isEmpty()) {
            throw Failures.of(context, "columns: name at least one column; the table has " + String.join(", ", table.columns()));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : table.rows()) {
            Map<String, Object> r = new LinkedHashMap<>();
            picks.forEach((n, o) -> r.put(n, row.get(o)));
            rows.add(r);
        }
        return Map.of("table", new Table(List.copyOf(picks.keySet()), rows));
    }
}
