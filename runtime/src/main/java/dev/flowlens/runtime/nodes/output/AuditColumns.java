package dev.flowlens.runtime.nodes.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.runtime.api.RunInfo;
import dev.flowlens.runtime.value.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report nodes' {@code audit_columns} switch: stamps every row with the run id, the workflow file's SHA-256 and
 * the device, so a report read months later says which run of which workflow version produced it.
 */
final class AuditColumns {
    static final String PARAM = "audit_columns";
    static final String RUN_ID = "run_id";
    static final String WORKFLOW_SHA256 = "workflow_sha256";
    static final String DEVICE = "device";
    static final ParamSpec.BoolParam SPEC = ParamSpec.BoolParam.of(PARAM, "Audit columns", false,
            "Add run_id, workflow_sha256 and device to every row");

    private AuditColumns() {
    }

    static Table stamp(Table table, RunInfo info) {
        List<String> columns = new ArrayList<>(table.columns());
        for (String c : List.of(RUN_ID, WORKFLOW_SHA256, DEVICE)) {
            if (!columns.contains(c)) {
                columns.add(c);
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>(table.size());
        for (Map<String, Object> row : table.rows()) {
            Map<String, Object> r = new LinkedHashMap<>(row);
            r.put(RUN_ID, info.runId());
            r.put(WORKFLOW_SHA256, info.workflowSha256());
            r.put(DEVICE, info.device());
            rows.add(r);
        }
        return new Table(columns, rows);
    }

    /** Objects get the three fields; an array gets them on each object element; anything else is left as it is. */
    static JsonNode stamp(JsonNode json, RunInfo info) {
        JsonNode copy = json.deepCopy();
        if (copy instanceof ObjectNode o) {
            put(o, info);
        } else if (copy.isArray()) {
            for (JsonNode e : copy) {
                if (e instanceof ObjectNode o) {
                    put(o, info);
                }
            }
        }
        return copy;
    }

    private static void put(ObjectNode o, RunInfo info) {
        o.put(RUN_ID, info.runId());
        o.put(WORKFLOW_SHA256, info.workflowSha256());
        o.put(DEVICE, info.device());
    }
}
