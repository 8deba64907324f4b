package dev.flowlens.runtime.api;

import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.validation.ValidationIssue;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end of a run: its status, every node's result, item counts, and the files it wrote.
 *
 * @param itemsFlagged rows that nodes which flag items (a moderation verdict) marked for review; not failures
 */
public record RunSummary(String runId, String workflowName, Trigger trigger, RunStatus status, Instant startedAt,
                         Instant finishedAt, Map<NodeId, NodeResult> results, int itemsOk, int itemsFailed,
                         int itemsFlagged, List<Path> outputFiles, List<ValidationIssue> issues) {
    public RunSummary {
        results = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(results));
        outputFiles = List.copyOf(outputFiles);
        issues = List.copyOf(issues);
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    public boolean succeeded() {
        return status == RunStatus.SUCCEEDED;
    }
}
