package dev.flowlens.runtime.scheduler;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A saved workflow file run on a cron schedule, with its overrides and policies. The workflow is read from
 * {@code workflowFile} at every fire time, so edits to the file apply to the next run.
 */
public record WorkflowSchedule(String id, Path workflowFile, String cron, ZoneId zone, Map<String, String> overrides,
                               boolean enabled, MissedRunPolicy missedRuns, OverlapPolicy overlap, int retries,
                               Instant createdAt, Instant lastSuccessfulRun) {
    public static final int DEFAULT_RETRIES = 3;

    public WorkflowSchedule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workflowFile, "workflowFile");
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(zone, "zone");
        overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        missedRuns = missedRuns == null ? MissedRunPolicy.RUN_ONCE : missedRuns;
        overlap = overlap == null ? OverlapPolicy.SKIP : overlap;
        if (retries < 0 || retries > 100) {
            throw new IllegalArgumentException("retries must be between 0 and 100, got " + retries);
        }
        createdAt = createdAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        lastSuccessfulRun = lastSuccessfulRun == null ? null : lastSuccessfulRun.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    public CronExpression cronExpression() {
        return CronExpression.parse(cron, zone);
    }
}
