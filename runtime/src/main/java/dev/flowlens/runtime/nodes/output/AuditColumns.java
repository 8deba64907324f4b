package dev.flowlens.runtime.nodes.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.runtime.api.ModelUse;
import dev.flowlens.runtime.api.RunInfo;
import dev.flowlens.runtime.value.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report nodes' {@code audit_columns} switch: stamps every row with the run id, the workflow file's SHA-256,
 * the device and, when the run computes with stored models, which ones ({@code pp-ocrv4@1a2b3c4d5e6f}, the name and
 * the start of its checksum), so a report read months later says which run of which workflow version and which
 * model weights produced it.
 */
final class AuditColumns {
    static final String PARAM = "audit_columns";
    static final String RUN_ID = "run_id";
    static final String WORKFLOW_SHA256 = "workflow_sha256";
    static final String DEVICE = "device";
    static final String MODELS = "models";
    static final ParamSpec.BoolParam SPEC = ParamSpec.BoolParam.of(PARAM, "Audit columns", false,
            "Add run_id, workflow_sha256, device and (when the run uses stored models) models to every row");

    private AuditColumns() {
    }

    static Table stamp(Table table, RunInfo info) {
        List<String> columns = new ArrayList<>(table.columns());
        String models = models(info);
        for (String c : models.isEmpty() ? List.of(RUN_ID, WORKFLOW_SHA256, DEVICE)
                : List.of(RUN_ID, WORKFLOW_SHA256, DEVICE, MODELS)) {
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
            if (!models.isEmpty()) {
                r.put(MODELS, models);
            }
            rows.add(r);
        }
        return new Table(columns, rows);
    }

    /** "pp-ocrv4@1a2b3c4d5e6f; blazeface-front-128@…", each model once; empty when the run uses none. */
    private static String models(RunInfo info) {
        return info.models().values().stream().map(ModelUse::label).distinct().collect(Collectors.joining("; "));
    }

    /** Objects get the three (or four) fields; an array gets them on each object element; anything else is left as it is. */
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
        String models = models(info);
        if (!models.isEmpty()) {
            o.put(MODELS, models);
        }
    }
}
