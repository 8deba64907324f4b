package dev.flowlens.runtime.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What identifies a run in an audit trail and on report rows: its id, the SHA-256 of the workflow file as it was
 * read for the run (of the workflow's JSON when it came from no file), the file's format version, the device
 * the run's nodes computed on, and the stored models its nodes compute with.
 *
 * @param workflowSha256 lower-case hex; empty when unknown (contexts outside the executor)
 * @param formatVersion  the {@code formatVersion} written in the file (0 for files from before versions existed)
 * @param device         "cpu", or the accelerator the run used
 * @param models         by node id, in the workflow's node order; only nodes that use a stored model
 */
public record RunInfo(String runId, String workflowSha256, int formatVersion, String device,
                      Map<String, ModelUse> models) {
    public RunInfo {
        Objects.requireNonNull(runId, "runId");
        workflowSha256 = workflowSha256 == null ? "" : workflowSha256;
        device = device == null || device.isBlank() ? "cpu" : device;
        models = models == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    /** Only the run id is known (a node tested outside the executor). */
    public static RunInfo of(String runId) {
        return new RunInfo(runId, "", 0, "cpu", Map.of());
    }

    public RunInfo withModels(Map<String, ModelUse> models) {
        return new RunInfo(runId, workflowSha256, formatVersion, device, models);
    }
}
